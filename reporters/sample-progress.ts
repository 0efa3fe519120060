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

export class SampleProgress {
  private done = 0;
  private findings = 0;
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly total: number,
    write: (line: string) => void,
  ) {
    this.timer = setInterval(
      () =>
        write(`${progressLine(this.done, this.total, this.findings, performance.now() - this.started)}\n`),
      PACE_MS,
    );
    this.timer.unref();
  }

  add(batch: AggregateResult): void {
    this.done += batch.users;
    this.findings += batch.findings.reduce((sum, finding) => sum + finding.count, 0);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
