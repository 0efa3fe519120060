/** The console's progress line of a long sampling run: finished batches plus what running ones told. */
import { expect, test } from '@playwright/test';
import { progressLine, SampleProgress } from '../../../reporters/sample-progress';

const finding = (count: number) => ({
  check: 'responseSchemaConformance',
  severity: 'must' as const,
  instancePath: '/data/email',
  keyword: 'format',
  count,
  examples: [],
});

test('progress counts finished batches and the progress steps of running ones, once each', () => {
  const progress = new SampleProgress(10_000, () => undefined, 60_000);
  try {
    expect(progress.line(1_000)).toBe(progressLine(0, 10_000, 0, 1_000));
    progress.update('batch-1', { users: 400, findings: 3 });
    progress.update('batch-2', { users: 100, findings: 1 });
    progress.update('batch-1', { users: 900, findings: 7 });
    expect(progress.line(2_000)).toBe(progressLine(1_000, 10_000, 8, 2_000));
    progress.end('batch-1', { users: 2_500, failedUsers: 9, findings: [finding(9), finding(2)] });
    expect(progress.line(4_000)).toBe(progressLine(2_600, 10_000, 12, 4_000));
    // A batch that failed before it had a result no longer counts as running.
    progress.end('batch-2', undefined);
    expect(progress.line(5_000)).toBe(progressLine(2_500, 10_000, 11, 5_000));
  } finally {
    progress.stop();
  }
});

test('the progress line names users done of all, findings, rate and time left', () => {
  expect(progressLine(3_000, 10_000, 210, 10_000)).toBe(
    'sample: 3,000/10,000 users · 210 findings · 300 users/s · 24 s left',
  );
  expect(progressLine(0, 10_000, 0, 0)).toBe(
    'sample: 0/10,000 users · 0 findings · 0 users/s · time left unknown',
  );
});

test('the line is written at the given pace, not per update', async () => {
  const lines: string[] = [];
  const started = performance.now();
  const progress = new SampleProgress(100, (line) => lines.push(line), 50);
  try {
    for (let i = 1; i <= 500; i++) progress.update('batch-1', { users: i % 100, findings: 0 });
    // Bounded wait for two ticks (a busy machine delays timers; it never adds them).
    for (let waited = 0; lines.length < 2 && waited < 5_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    progress.stop();
  }
  const ticks = Math.floor((performance.now() - started) / 50);
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(lines.length).toBeLessThanOrEqual(ticks);
  expect(lines.every((line) => line.startsWith('sample: ') && line.endsWith('\n'))).toBe(true);
});
