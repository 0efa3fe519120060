/**
 * The existing-user scenario for every listed user of one batch: bounded concurrency, an optional
 * request-rate ceiling, and each user's outcome folded into the aggregate as it arrives, so memory
 * stays flat however long the list. Nothing per user reaches Playwright.
 */
import type { LoadedContract } from '../contract-loader';
import type { Redactor } from '../redaction';
import { judgeScenario } from '../run-scenario';
import type { ScenarioPlan } from '../scenarios';
import type { Target } from '../target';
import type { Pace, Transport } from '../transport';
import type { CheckRecord } from '../types';
import { type AggregateResult, createAggregator, type UserFinding } from './aggregate';

/** Statuses that mean "this listed user cannot be read": the list may be stale or garbled, the key narrower. */
const UNREADABLE = new Set([400, 401, 403, 404, 410, 422]);

/** A user's failed checks as findings: one per schema violation, one per other failure. */
export function findingsOf(records: readonly CheckRecord[]): UserFinding[] {
  // Not judged (rate limited, or not sent while the target asked to wait): a must finding, as a must
  // check that never ran leaves a scenario unproven.
  const limited = records.find((r) => r.check === 'notRateLimited' && r.status === 'failed');
  if (limited) {
    return [
      {
        check: 'listedUserJudged',
        severity: 'must',
        instancePath: '',
        keyword: 'rate-limited',
        expected: "an answer within the target's rate limit: every must check judged",
        received: limited.received ?? 'rate limited',
        ...(limited.curl ? { curl: limited.curl } : {}),
      },
    ];
  }
  const status = records.find((r) => r.exchange?.response)?.exchange?.response?.status;
  const refusal = records.find((r) => r.check === 'statusCodeConformance' && r.status === 'failed');
  if (refusal && status !== undefined && UNREADABLE.has(status)) {
    return [
      {
        check: 'listedUserReadable',
        severity: 'should',
        instancePath: '',
        keyword: String(status),
        expected: '200: a listed user exists and the key may read it',
        received: refusal.received ?? String(status),
        ...(refusal.curl ? { curl: refusal.curl } : {}),
      },
    ];
  }
  return records
    .filter((r) => r.status === 'failed')
    .flatMap((r): UserFinding[] => {
      const base = { check: r.check, severity: r.severity, ...(r.curl ? { curl: r.curl } : {}) };
      if (r.violations?.length) {
        return r.violations.map((v) => ({
          ...base,
          instancePath: v.instancePath,
          keyword: v.keyword,
          expected: v.message,
          received: v.value,
        }));
      }
      return [
        {
          ...base,
          instancePath: '',
          keyword: r.detail?.kind ?? 'failed',
          expected: r.expected ?? '',
          received: r.received ?? '',
        },
      ];
    });
}

/** The longest timeout Node's timers (and so Playwright's test timeout) take: 2^31 - 1 ms, about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Worst-case time of a batch: every user may cost `requestsPerUser` requests (credential forms and
 * rate-limit repeats, see maxRequests), each bounded by the request timeout and each after a
 * rate-limit wait bounded by it too, `concurrency` at a time, each request no faster than the rate
 * ceiling. Capped at what a timer takes: a longer one would fire at once.
 */
export function batchTimeBoundMs(
  users: number,
  limits: { concurrency: number; ratePerSecond: number | undefined },
  timeoutMs: number,
  requestsPerUser: number,
): number {
  const bound =
    Math.ceil(users / Math.max(1, limits.concurrency)) * timeoutMs * 2 * requestsPerUser +
    (limits.ratePerSecond ? ((users * requestsPerUser) / limits.ratePerSecond) * 1000 : 0) +
    10_000;
  return Math.min(MAX_TIMER_MS, Math.ceil(bound));
}

/** Spaces request starts so that no more than `perSecond` start in any second; undefined: no ceiling. */
function pacer(perSecond: number | undefined): Pace | undefined {
  if (!perSecond) return undefined;
  const gapMs = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = performance.now();
    const at = Math.max(now, next);
    next = at + gapMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}

export interface SampleBatch {
  transport: Transport;
  contract: LoadedContract;
  target: Target;
  /** The existing-user plan; each user's id replaces its requestedId. */
  plan: ScenarioPlan;
  redactor: Redactor;
  /** The batch's ids, in list order, in chunks (see readBatchIds). */
  ids: AsyncIterable<readonly string[]>;
  /** Position in the whole list of the batch's first id. */
  firstIndex: number;
  concurrency: number;
  ratePerSecond: number | undefined;
  /** Told the users and findings so far, at most once per `progressEveryMs` (a batch may be long). */
  onProgress?: (tally: { users: number; findings: number }) => Promise<void>;
  /** Default 2 s. */
  progressEveryMs?: number;
}

export async function runSampleBatch(batch: SampleBatch): Promise<AggregateResult> {
  const aggregator = createAggregator();
  const pace = pacer(batch.ratePerSecond);

  const chunks = batch.ids[Symbol.asyncIterator]();
  let chunk: readonly string[] = [];
  /** Positions in the batch of chunk[0] and of the next id to take. */
  let chunkStart = 0;
  let next = 0;
  let exhausted = false;
  let refill: Promise<void> | undefined;
  const progressEveryMs = batch.progressEveryMs ?? 2_000;
  let progressDue = performance.now() + progressEveryMs;

  // One lane refills while the others wait on the same promise, so no id is skipped or taken twice.
  const nextChunk = () =>
    chunks.next().then((read) => {
      if (read.done) exhausted = true;
      else {
        chunkStart += chunk.length;
        chunk = read.value;
      }
      refill = undefined;
    });

  // Once a lane fails (the batch fails), the others stop at their next id.
  let stopped = false;
  const lane = async (): Promise<void> => {
    while (!stopped) {
      if (next - chunkStart >= chunk.length) {
        if (exhausted) return;
        refill ??= nextChunk();
        await refill;
        continue;
      }
      const index = next++;
      const id = chunk[index - chunkStart] as string;
      const records = await judgeScenario(
        batch.transport,
        batch.contract,
        batch.target,
        { ...batch.plan, requestedId: id },
        'failures',
        pace,
      );
      aggregator.add(batch.firstIndex + index, id, findingsOf(records));
      if (batch.onProgress && performance.now() >= progressDue) {
        progressDue = performance.now() + progressEveryMs;
        await batch.onProgress(aggregator.tally());
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, batch.concurrency) }, lane));
  } finally {
    stopped = true;
    await chunks.return?.(undefined);
  }
  // Only the kept examples carry response text: redacting the result covers every one.
  return batch.redactor.deep(aggregator.result());
}
