/**
 * Folds the check outcomes of many users into findings by rule, in memory bounded by the number of
 * distinct rules (not of users): per rule a count of users and its few earliest examples.
 *
 * A rule (finding key) is check + severity + instancePath with array indices folded to `*` +
 * keyword. Examples are the users EARLIEST in list order (smallest userIndex), not the first to
 * arrive, so concurrent runs and merged shards/batches give exactly the result of one ordered run.
 */

import { compareCodeUnits } from '../json-text';
import type { Severity } from '../types';

/** One failed assertion about one user's response. */
export interface UserFinding {
  check: string;
  severity: Severity;
  /** JSON pointer into the body; array indices are folded by the aggregator. */
  instancePath: string;
  keyword: string;
  expected?: string;
  received?: string;
  curl?: string;
}

export interface FindingExample {
  /** The user id as listed. */
  id: string;
  /** Position of the user in the id list (0-based). */
  index: number;
  /** The example's own pointer, indices not folded (`/data/items/3/email`). */
  instancePath: string;
  expected?: string;
  received?: string;
  curl?: string;
}

export interface AggregatedFinding {
  check: string;
  severity: Severity;
  /** Pointer with array indices folded to `*`. */
  instancePath: string;
  keyword: string;
  /** Distinct users this rule fired for. */
  count: number;
  /** At most maxExamples, ascending by index. */
  examples: FindingExample[];
}

export interface AggregateResult {
  /** Users added (with or without findings). */
  users: number;
  /** Users with at least one `must` finding; `should` findings alone never fail a user. */
  failedUsers: number;
  /** Sorted by count (descending), then check, instancePath, keyword, severity (code-unit order). */
  findings: AggregatedFinding[];
}

export interface Aggregator {
  /**
   * Counts one user and its findings (none for a user that passed). Call it once per user, with all of
   * that user's findings; calls may come in any order of userIndex.
   */
  add(userIndex: number, userId: string, findings?: readonly UserFinding[]): void;
  result(): AggregateResult;
  /** Users counted so far, and their findings (the sum of the findings' counts): cheap, for progress. */
  tally(): { users: number; findings: number };
}

export interface AggregatorOptions {
  /** Examples kept per finding (default 5). */
  maxExamples?: number;
}

const DEFAULT_MAX_EXAMPLES = 5;

// Every all-digit segment is taken for an array index: /data/items/3/email → /data/items/*/email.
export function foldArrayIndices(instancePath: string): string {
  return instancePath.replace(/\/(?:0|[1-9][0-9]*)(?=\/|$)/g, '/*');
}

/** Most frequent first; ties by check, path, keyword, then severity (code-unit order). */
export function compareFindings(
  a: Pick<AggregatedFinding, 'count' | 'check' | 'instancePath' | 'keyword' | 'severity'>,
  b: Pick<AggregatedFinding, 'count' | 'check' | 'instancePath' | 'keyword' | 'severity'>,
): number {
  return (
    b.count - a.count ||
    compareCodeUnits(a.check, b.check) ||
    compareCodeUnits(a.instancePath, b.instancePath) ||
    compareCodeUnits(a.keyword, b.keyword) ||
    compareCodeUnits(a.severity, b.severity)
  );
}

function findingKey(finding: Pick<UserFinding, 'check' | 'severity' | 'instancePath' | 'keyword'>): string {
  return JSON.stringify([finding.check, finding.severity, finding.instancePath, finding.keyword]);
}

/**
 * Puts `example` into `examples` (ascending by index, at most `max`) unless `max` earlier ones are
 * already there; a second example of the same user is ignored. Mutates and returns `examples`.
 */
function keepEarliest(examples: FindingExample[], example: FindingExample, max: number): FindingExample[] {
  if (examples.some((kept) => kept.index === example.index)) return examples;
  const at = examples.findIndex((kept) => kept.index > example.index);
  if (at === -1) {
    if (examples.length < max) examples.push(example);
    return examples;
  }
  examples.splice(at, 0, example);
  if (examples.length > max) examples.pop();
  return examples;
}

function exampleOf(userIndex: number, userId: string, finding: UserFinding): FindingExample {
  return {
    id: userId,
    index: userIndex,
    instancePath: finding.instancePath,
    ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
    ...(finding.received !== undefined ? { received: finding.received } : {}),
    ...(finding.curl !== undefined ? { curl: finding.curl } : {}),
  };
}

function checkMaxExamples(maxExamples: number): number {
  if (!Number.isInteger(maxExamples) || maxExamples < 0) {
    throw new RangeError(`maxExamples is ${maxExamples}; expected a whole number >= 0`);
  }
  return maxExamples;
}

export function createAggregator(options: AggregatorOptions = {}): Aggregator {
  const maxExamples = checkMaxExamples(options.maxExamples ?? DEFAULT_MAX_EXAMPLES);
  const byKey = new Map<string, AggregatedFinding>();
  let users = 0;
  let failedUsers = 0;
  let occurrences = 0;

  return {
    add(userIndex, userId, findings = []) {
      users++;
      if (findings.some((finding) => finding.severity === 'must')) failedUsers++;
      // A rule that fires twice for one user (two array items, say) counts that user once.
      const keysOfThisUser = new Set<string>();
      for (const finding of findings) {
        const folded = { ...finding, instancePath: foldArrayIndices(finding.instancePath) };
        const key = findingKey(folded);
        if (keysOfThisUser.has(key)) continue;
        keysOfThisUser.add(key);
        let aggregated = byKey.get(key);
        if (!aggregated) {
          const { check, severity, instancePath, keyword } = folded;
          aggregated = { check, severity, instancePath, keyword, count: 0, examples: [] };
          byKey.set(key, aggregated);
        }
        aggregated.count++;
        occurrences++;
        keepEarliest(aggregated.examples, exampleOf(userIndex, userId, finding), maxExamples);
      }
    },
    tally: () => ({ users, findings: occurrences }),
    result() {
      const findings = [...byKey.values()].map((finding) => ({
        ...finding,
        examples: finding.examples.map((example) => ({ ...example })),
      }));
      return { users, failedUsers, findings: findings.sort(compareFindings) };
    },
  };
}

/**
 * Two results (batches, shards) as one: users, failed users and counts summed, examples the earliest
 * `maxExamples` of both by index. Merging the results of disjoint parts of a list gives what one run
 * over the whole list gives, provided both used the same `maxExamples`.
 */
export function mergeAggregates(
  a: AggregateResult,
  b: AggregateResult,
  options: AggregatorOptions = {},
): AggregateResult {
  const maxExamples = checkMaxExamples(options.maxExamples ?? DEFAULT_MAX_EXAMPLES);
  const byKey = new Map<string, AggregatedFinding>();
  for (const finding of [...a.findings, ...b.findings]) {
    const key = findingKey(finding);
    const merged = byKey.get(key);
    if (!merged) {
      byKey.set(key, { ...finding, examples: finding.examples.slice(0, maxExamples).map((e) => ({ ...e })) });
      continue;
    }
    merged.count += finding.count;
    for (const example of finding.examples) keepEarliest(merged.examples, { ...example }, maxExamples);
  }
  return {
    users: a.users + b.users,
    failedUsers: a.failedUsers + b.failedUsers,
    findings: [...byKey.values()].sort(compareFindings),
  };
}
