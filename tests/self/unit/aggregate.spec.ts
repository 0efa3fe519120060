/**
 * Aggregation of per-user findings: counts of distinct users, example caps, earliest examples whatever
 * the arrival order, ordering, index folding, and merged parts equal to one run; plus batch splitting.
 */
import { expect, test } from '@playwright/test';
import {
  type AggregateResult,
  createAggregator,
  foldArrayIndices,
  mergeAggregates,
  type UserFinding,
} from '../../../engine/sampling/aggregate';
import { batchTitle, splitIntoBatches } from '../../../engine/sampling/batches';

const emailFormat = (path = '/data/email', received = '"x"'): UserFinding => ({
  check: 'responseSchemaConformance',
  severity: 'must',
  instancePath: path,
  keyword: 'format',
  expected: 'format "email"',
  received,
  curl: `curl ${path}`,
});
const idPrefix: UserFinding = {
  check: 'recommendedShapeConformance',
  severity: 'should',
  instancePath: '/data/id',
  keyword: 'pattern',
};
const wrongStatus: UserFinding = {
  check: 'statusCodeConformance',
  severity: 'must',
  instancePath: '',
  keyword: 'status',
};

/** A deterministic list of users and what each one got: every third a bad email, every fifth a bad id, … */
function findingsOfUser(index: number): UserFinding[] {
  const findings: UserFinding[] = [];
  if (index % 3 === 0) findings.push(emailFormat('/data/email', `"bad-${index}"`));
  if (index % 5 === 0) findings.push(idPrefix);
  if (index % 7 === 0)
    findings.push(emailFormat(`/data/items/${index % 4}/email`), emailFormat('/data/items/9/email'));
  if (index === 41) findings.push(wrongStatus);
  return findings;
}
const USERS = Array.from({ length: 60 }, (_, index) => ({ index, id: `user-${index}` }));

function run(order: typeof USERS, maxExamples?: number): AggregateResult {
  const aggregator = createAggregator(maxExamples === undefined ? {} : { maxExamples });
  for (const { index, id } of order) aggregator.add(index, id, findingsOfUser(index));
  return aggregator.result();
}

/** A fixed shuffle (no Math.random: failures must reproduce). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const foldCases: [string, string][] = [
  ['/data/items/3/email', '/data/items/*/email'],
  ['/data/items/12/tags/0', '/data/items/*/tags/*'],
  ['/clients/0', '/clients/*'],
  ['', ''],
  ['/data/email', '/data/email'],
  ['/metadata/v2/x1', '/metadata/v2/x1'],
  ['/data/007/x', '/data/007/x'],
];
for (const [path, folded] of foldCases) {
  test(`foldArrayIndices(${JSON.stringify(path)}) is ${JSON.stringify(folded)}`, () => {
    expect(foldArrayIndices(path)).toBe(folded);
  });
}

test('counts distinct users per rule, failed users by must findings only', () => {
  const result = run(USERS);
  expect(result.users).toBe(60);
  // must: multiples of 3 (20) ∪ multiples of 7 (9) ∪ {41}, minus the 3 multiples of 21 counted twice.
  expect(result.failedUsers).toBe(20 + 9 + 1 - 3);
  const counts = result.findings.map(({ check, instancePath, keyword, severity, count }) => ({
    check,
    instancePath,
    keyword,
    severity,
    count,
  }));
  expect(counts).toEqual([
    {
      check: 'responseSchemaConformance',
      instancePath: '/data/email',
      keyword: 'format',
      severity: 'must',
      count: 20,
    },
    {
      check: 'recommendedShapeConformance',
      instancePath: '/data/id',
      keyword: 'pattern',
      severity: 'should',
      count: 12,
    },
    // Two items of one user fold into one rule: 9 users, not 18 findings.
    {
      check: 'responseSchemaConformance',
      instancePath: '/data/items/*/email',
      keyword: 'format',
      severity: 'must',
      count: 9,
    },
    { check: 'statusCodeConformance', instancePath: '', keyword: 'status', severity: 'must', count: 1 },
  ]);
});

test('keeps at most maxExamples, the earliest users, with their own values and unfolded paths', () => {
  const result = run(USERS, 2);
  const email = result.findings.find((f) => f.instancePath === '/data/email');
  expect(email?.examples).toEqual([
    {
      id: 'user-0',
      index: 0,
      instancePath: '/data/email',
      expected: 'format "email"',
      received: '"bad-0"',
      curl: 'curl /data/email',
    },
    {
      id: 'user-3',
      index: 3,
      instancePath: '/data/email',
      expected: 'format "email"',
      received: '"bad-3"',
      curl: 'curl /data/email',
    },
  ]);
  const items = result.findings.find((f) => f.instancePath === '/data/items/*/email');
  // user 7 fired the rule on items 3 and 9: the example is its first finding, once.
  expect(items?.examples.map((e) => [e.id, e.instancePath])).toEqual([
    ['user-0', '/data/items/0/email'],
    ['user-7', '/data/items/3/email'],
  ]);
  const bare = result.findings.find((f) => f.check === 'recommendedShapeConformance');
  expect(bare?.examples[0]).toEqual({ id: 'user-0', index: 0, instancePath: '/data/id' });
  expect(run(USERS, 0).findings.every((f) => f.examples.length === 0)).toBe(true);
});

test('the result does not depend on the order users arrive in', () => {
  const inOrder = run(USERS);
  for (const seed of [1, 2, 3, 99]) expect(run(shuffled(USERS, seed))).toEqual(inOrder);
  expect(run([...USERS].reverse())).toEqual(inOrder);
});

test('ties in count are ordered by check, instancePath, keyword in code-unit order', () => {
  const aggregator = createAggregator();
  const rule = (check: string, instancePath: string, keyword: string): UserFinding => ({
    check,
    severity: 'must',
    instancePath,
    keyword,
  });
  aggregator.add(0, 'a', [rule('b', '/x', 'type'), rule('a', '/y', 'type'), rule('a', '/x', 'type')]);
  aggregator.add(1, 'b', [
    rule('a', '/x', 'enum'),
    rule('a', '/X', 'type'),
    rule('é', '/x', 'type'),
    rule('z', '/x', 'type'),
  ]);
  aggregator.add(2, 'c', [rule('z', '/x', 'type')]);
  expect(
    aggregator.result().findings.map((f) => `${f.count} ${f.check} ${f.instancePath} ${f.keyword}`),
  ).toEqual([
    '2 z /x type',
    '1 a /X type',
    '1 a /x enum',
    '1 a /x type',
    '1 a /y type',
    '1 b /x type',
    '1 é /x type',
  ]);
});

test('a user without findings is counted and passes', () => {
  const aggregator = createAggregator();
  aggregator.add(0, 'a');
  aggregator.add(1, 'b', []);
  aggregator.add(2, 'c', [idPrefix]);
  expect(aggregator.result()).toEqual({
    users: 3,
    failedUsers: 0,
    findings: [{ ...idPrefix, count: 1, examples: [{ id: 'c', index: 2, instancePath: '/data/id' }] }],
  });
});

test('result() is a snapshot: later adds and edits of the returned value do not leak', () => {
  const aggregator = createAggregator();
  aggregator.add(5, 'e', [idPrefix]);
  const first = aggregator.result();
  first.findings[0]?.examples.pop();
  aggregator.add(1, 'a', [idPrefix]);
  expect(first.users).toBe(1);
  expect(aggregator.result().findings[0]?.examples.map((e) => e.index)).toEqual([1, 5]);
});

test('merging the results of disjoint parts equals one run, in any split and merge order', () => {
  const single = run(USERS, 3);
  for (const cut of [0, 1, 17, 30, 59, 60]) {
    // The later part is run first and merged first: arrival order must not matter.
    const early = run(USERS.slice(0, cut), 3);
    const late = run(USERS.slice(cut), 3);
    expect(mergeAggregates(late, early, { maxExamples: 3 })).toEqual(single);
    expect(mergeAggregates(early, late, { maxExamples: 3 })).toEqual(single);
  }
  const interleaved = [0, 1, 2].map((shard) =>
    run(
      USERS.filter((u) => u.index % 3 === shard),
      3,
    ),
  );
  const [a, b, c] = interleaved as [AggregateResult, AggregateResult, AggregateResult];
  expect(mergeAggregates(mergeAggregates(c, a, { maxExamples: 3 }), b, { maxExamples: 3 })).toEqual(single);
  expect(mergeAggregates(run(USERS), run([]))).toEqual(run(USERS));
});

test('createAggregator refuses a maxExamples that is not a whole number', () => {
  expect(() => createAggregator({ maxExamples: -1 })).toThrow(/maxExamples is -1/);
  expect(() => createAggregator({ maxExamples: 1.5 })).toThrow(RangeError);
});

const batchCases: { total: number; size: number; batches: [number, number][] }[] = [
  { total: 0, size: 10, batches: [] },
  { total: 1, size: 10, batches: [[0, 1]] },
  { total: 10, size: 10, batches: [[0, 10]] },
  {
    total: 11,
    size: 10,
    batches: [
      [0, 10],
      [10, 11],
    ],
  },
  {
    total: 25,
    size: 10,
    batches: [
      [0, 10],
      [10, 20],
      [20, 25],
    ],
  },
  {
    total: 3,
    size: 1,
    batches: [
      [0, 1],
      [1, 2],
      [2, 3],
    ],
  },
];
for (const { total, size, batches } of batchCases) {
  test(`splitIntoBatches(${total}, ${size})`, () => {
    expect(splitIntoBatches(total, size)).toEqual(
      batches.map(([start, end], index) => ({ index, start, end })),
    );
  });
}

test('splitIntoBatches refuses impossible sizes', () => {
  expect(() => splitIntoBatches(10, 0)).toThrow(/batchSize is 0/);
  expect(() => splitIntoBatches(10, 2.5)).toThrow(RangeError);
  expect(() => splitIntoBatches(-1, 5)).toThrow(/total is -1/);
  expect(() => splitIntoBatches(Number.NaN, 5)).toThrow(RangeError);
});

test('batchTitle counts from 1 and names the users it covers', () => {
  expect(batchTitle(0, 0, 100)).toBe('batch 1 · users 1–100');
  expect(batchTitle(9, 900, 1000)).toBe('batch 10 · users 901–1000');
  expect(batchTitle(2, 20, 25)).toBe('batch 3 · users 21–25');
});
