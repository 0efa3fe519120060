/** How a run samples many users, decided once by the runner and handed to its workers. */

/** Users per batch test: a batch is the unit Playwright schedules, shards and reports (JUnit). */
export const SAMPLE_BATCH_SIZE = 1000;
export const SAMPLE_ENV = 'CONFORMANCE_SAMPLE';
/** Attachment of one batch: its aggregate (redacted). */
export const SAMPLE_ATTACHMENT = 'conformance-sample.json';
/** Title prefix of batch tests, so the reporter tells them from scenario tests. */
export const SAMPLE_TITLE = 'existingUser · sample';

export interface SamplePlan {
  total: number;
  batchSize: number;
  /** Requests in flight per worker. */
  concurrency: number;
  /** Request starts per second per worker; undefined: no ceiling. */
  ratePerSecond: number | undefined;
}

export function samplePlanFromEnv(env: NodeJS.ProcessEnv = process.env): SamplePlan | undefined {
  const raw = env[SAMPLE_ENV];
  return raw ? (JSON.parse(raw) as SamplePlan) : undefined;
}
