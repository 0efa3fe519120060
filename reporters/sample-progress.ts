/**
 * Progress of a long sampling run on the console, at a steady pace (every few seconds, never per
 * request): users done / total, findings so far, users per second, time left.
 */
import type { AggregateResult } from '../engine/sampling/aggregate';

const PACE_MS = 5_000;
const count = (n: number): string => n.toLocaleString('en-US');

export function progressLine(done: number, total: number, findings: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? `${Math.ceil((total - done) / rate)} s left` : 'time left unknown';
  return `sample: ${count(done)}/${count(total)} users · ${count(findings)} findings · ${rate.toFixed(0)} users/s · ${eta}`;
}

interface Tally {
  users: number;
  findings: number;
}

export class SampleProgress {
  private done: Tally = { users: 0, findings: 0 };
  /** What each running batch reported so far (its progress steps), by test id. */
  private readonly running = new Map<string, Tally>();
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly total: number,
    write: (line: string) => void,
    paceMs = PACE_MS,
  ) {
    this.timer = setInterval(() => write(`${this.line(performance.now() - this.started)}\n`), paceMs);
    this.timer.unref();
  }

  /** The progress line as of now, `elapsedMs` after the start. */
  line(elapsedMs: number): string {
    let { users, findings } = this.done;
    for (const tally of this.running.values()) {
      users += tally.users;
      findings += tally.findings;
    }
    return progressLine(users, this.total, findings, elapsedMs);
  }

  /** A running batch's progress step. */
  update(batchId: string, tally: Tally): void {
    this.running.set(batchId, tally);
  }

  /** A batch ended, with its result (none when it failed before one was made). */
  end(batchId: string, batch: AggregateResult | undefined): void {
    this.running.delete(batchId);
    if (!batch) return;
    this.done = {
      users: this.done.users + batch.users,
      findings: this.done.findings + batch.findings.reduce((sum, finding) => sum + finding.count, 0),
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
