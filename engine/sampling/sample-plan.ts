/**
 * How a run samples many users, decided once by the runner and handed to its workers: the validated
 * ids are written once, one per line, with the byte offset where each batch starts, so a batch reads
 * only its own lines (never the list from the top) and no worker validates the list again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Requests in flight one worker takes before a contract's sample spreads over more workers. Waiting on
 * the network costs a worker nothing; judging responses costs it CPU, and lanes split over processes
 * answer slower than the same lanes in one.
 */
const LANES_PER_WORKER = 16;
/**
 * Batches at least when sharded (lists permitting): Playwright's shards split a project's test groups
 * by count, and the scenario tests are one group of eight, so batches must outnumber them for every
 * shard to get some.
 */
const MIN_SHARDED_BATCHES = 16;
const BATCHES_PER_SHARD = 4;
export const SAMPLE_ENV = 'CONFORMANCE_SAMPLE';
/** Attachment of one batch: its aggregate (redacted). */
export const SAMPLE_ATTACHMENT = 'conformance-sample.json';
/** Title of the describe block of batch tests, so the reporter tells them from scenario tests. */
export const SAMPLE_TITLE = 'existingUser · sample';

const PROGRESS_STEP = /^sampled so far: (\d+) users, (\d+) findings$/;

/** Title of the step a batch records every few seconds: how far it is, for the console's progress line. */
export const progressStepTitle = ({ users, findings }: { users: number; findings: number }): string =>
  `sampled so far: ${users} users, ${findings} findings`;

export function tallyOfProgressStep(title: string): { users: number; findings: number } | undefined {
  const match = PROGRESS_STEP.exec(title);
  return match ? { users: Number(match[1]), findings: Number(match[2]) } : undefined;
}

export interface SamplePlan {
  total: number;
  batchSize: number;
  /** The ids, one per line, as validated by the runner. */
  idsFile: string;
  /** Byte offset in idsFile of the first id of each batch. */
  offsets: number[];
  /** What the sample may use on this machine, as the runner saw it (see spreadSample). */
  machine: SampleMachine;
}

/** What the sample may use on one machine, and how many machines (`--shard=i/n`) share the list. */
export interface SampleMachine {
  /** SAMPLE_CONCURRENCY: requests in flight on this machine. */
  concurrency: number;
  /** SAMPLE_RATE: request starts per second on this machine. */
  ratePerSecond: number | undefined;
  /** Playwright workers of this machine. */
  workers: number;
  /** Projects (contracts) that sample. */
  projects: number;
  shards: number;
}

/**
 * Each contract samples on as few workers as its lanes need (one up to LANES_PER_WORKER in flight),
 * each running one batch when unsharded: Playwright replaces a worker after every failed test, so a
 * population failing everywhere then costs no worker restart. The machine's limits are shared by
 * the workers that sample at once.
 */
export function spreadSample(machine: SampleMachine) {
  const workersPerProject = Math.max(
    1,
    Math.min(machine.workers, Math.ceil(machine.concurrency / LANES_PER_WORKER)),
  );
  const sampling = Math.max(1, Math.min(machine.workers, machine.projects * workersPerProject));
  return {
    workersPerProject,
    concurrency: Math.max(1, Math.floor(machine.concurrency / sampling)),
    ratePerSecond: machine.ratePerSecond ? machine.ratePerSecond / sampling : undefined,
    batches:
      machine.shards > 1
        ? Math.max(MIN_SHARDED_BATCHES, BATCHES_PER_SHARD * machine.shards)
        : workersPerProject,
  };
}

/** `n` of `--shard=i/n` (or `--shard i/n`) in a command line; 1 when there is none. */
export function shardsOf(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = arg.startsWith('--shard=')
      ? arg.slice('--shard='.length)
      : arg === '--shard'
        ? argv[i + 1]
        : undefined;
    const total = value?.match(/^\d+\/(\d+)$/)?.[1];
    if (total) return Math.max(1, Number(total));
  }
  return 1;
}

/**
 * A sampling worker's share of the machine's lanes and rate. `servedProjects`: how many contracts
 * discovery found served (the others' batches are skipped), when it ran.
 */
export function workerLimits(plan: SamplePlan, servedProjects?: number) {
  const projects = servedProjects === undefined ? plan.machine.projects : Math.max(1, servedProjects);
  const { concurrency, ratePerSecond } = spreadSample({ ...plan.machine, projects });
  return { concurrency, ratePerSecond };
}

/** Writes the ids for the workers (removed when the runner exits) and plans the batches. */
export function planSample(ids: readonly string[], machine: SampleMachine): SamplePlan {
  const { batches } = spreadSample(machine);
  const batchSize = Math.max(1, Math.ceil(ids.length / Math.max(1, Math.min(ids.length, batches))));
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
  return { total: ids.length, batchSize, idsFile, offsets, machine };
}

export function samplePlanFromEnv(env: NodeJS.ProcessEnv = process.env): SamplePlan | undefined {
  const raw = env[SAMPLE_ENV];
  return raw ? (JSON.parse(raw) as SamplePlan) : undefined;
}
