/**
 * How a run samples many users, decided once by the runner and handed to its workers: the validated
 * ids are written once, one per line, with the byte offset where each batch starts, so a batch reads
 * only its own lines (never the list from the top) and no worker validates the list again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Users per batch at most: a batch is the unit Playwright schedules, shards and reports (JUnit). */
export const SAMPLE_BATCH_SIZE = 1000;
/**
 * Batches at least (lists permitting): Playwright's shards split a project's test groups by count, and
 * the scenario tests are one group of nine, so batches must outnumber them for every shard to get some.
 */
const MIN_BATCHES = 16;
export const SAMPLE_ENV = 'CONFORMANCE_SAMPLE';
/** Attachment of one batch: its aggregate (redacted). */
export const SAMPLE_ATTACHMENT = 'conformance-sample.json';
/** Title of the describe block of batch tests, so the reporter tells them from scenario tests. */
export const SAMPLE_TITLE = 'existingUser · sample';

export interface SamplePlan {
  total: number;
  batchSize: number;
  /** The ids, one per line, as validated by the runner. */
  idsFile: string;
  /** Byte offset in idsFile of the first id of each batch. */
  offsets: number[];
  /** Requests in flight per worker. */
  concurrency: number;
  /** Request starts per second per worker; undefined: no ceiling. */
  ratePerSecond: number | undefined;
}

/** Writes the ids for the workers (removed when the runner exits) and plans the batches. */
export function planSample(
  ids: readonly string[],
  limits: Pick<SamplePlan, 'concurrency' | 'ratePerSecond'>,
): SamplePlan {
  const batchSize = Math.max(1, Math.min(SAMPLE_BATCH_SIZE, Math.ceil(ids.length / MIN_BATCHES)));
  const dir = mkdtempSync(join(tmpdir(), 'conformance-sample-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const offsets: number[] = [];
  let bytes = 0;
  ids.forEach((id, index) => {
    if (index % batchSize === 0) offsets.push(bytes);
    bytes += Buffer.byteLength(id) + 1;
  });
  const idsFile = join(dir, 'ids.txt');
  writeFileSync(idsFile, ids.map((id) => `${id}\n`).join(''));
  return { total: ids.length, batchSize, idsFile, offsets, ...limits };
}

export function samplePlanFromEnv(env: NodeJS.ProcessEnv = process.env): SamplePlan | undefined {
  const raw = env[SAMPLE_ENV];
  return raw ? (JSON.parse(raw) as SamplePlan) : undefined;
}
