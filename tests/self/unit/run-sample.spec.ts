/**
 * One batch of the sample: every id judged once, in any chunking and at any concurrency, each finding
 * counted with the earliest users as examples, progress told while it runs.
 */
import { expect, test } from '@playwright/test';
import { loadSettings } from '../../../engine/config';
import { loadContracts } from '../../../engine/contract-loader';
import { createRedactor } from '../../../engine/redaction';
import { batchTimeBoundMs, runSampleBatch } from '../../../engine/sampling/run-sample';
import { planScenario } from '../../../engine/scenarios';
import { resolveTarget } from '../../../engine/target';
import type { Transport } from '../../../engine/transport';

const credira = loadContracts().find((c) => c.name === 'credira');
if (!credira) throw new Error('credira contract missing');
const target = resolveTarget(loadSettings({}), credira, 'http://127.0.0.1:1', {
  apiKey: 'crd_test_key/with+base64=',
  userId: 'user_0',
});
const planned = planScenario(credira, target, 'existingUser');
if ('skipReason' in planned) throw new Error(planned.skipReason);

/** Ids whose number is a multiple of 7 are unknown to the target (404); the others are found. */
const targetRecording = (requested: string[]): Transport => ({
  send: async (request) => {
    const id = decodeURIComponent(request.url.split('/').at(-1) ?? '');
    requested.push(id);
    await new Promise((resolve) => setTimeout(resolve, Number(id.slice(5)) % 3));
    const missing = Number(id.slice(5)) % 7 === 0;
    const body = missing
      ? { success: false, error: { code: 'USER_NOT_FOUND', message: 'no such user' }, meta: {} }
      : { success: true, data: { id }, meta: {} };
    return {
      response: {
        status: missing ? 404 : 200,
        statusText: '',
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        bodyText: JSON.stringify(body),
        durationMs: 1,
      },
    };
  },
  close: async () => undefined,
});

async function* chunked(ids: readonly string[], sizes: readonly number[]): AsyncGenerator<string[]> {
  let at = 0;
  for (let i = 0; at < ids.length; i++) {
    const size = sizes[i % sizes.length] as number;
    await new Promise((resolve) => setImmediate(resolve));
    yield ids.slice(at, at + size);
    at += size;
  }
}

for (const { concurrency, sizes } of [
  { concurrency: 1, sizes: [1000] },
  { concurrency: 3, sizes: [1, 5, 2, 40] },
  { concurrency: 8, sizes: [3] },
]) {
  test(`every id is judged once with its own position (concurrency ${concurrency}, chunks of ${sizes.join('/')})`, async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `user_${i + 500}`);
    const progress: number[] = [];
    const requested: string[] = [];
    const result = await runSampleBatch({
      transport: targetRecording(requested),
      contract: credira,
      target,
      plan: planned.plan,
      redactor: createRedactor([target.apiKey]),
      ids: chunked(ids, sizes),
      firstIndex: 1000,
      concurrency,
      ratePerSecond: undefined,
      progressEveryMs: 0,
      onProgress: async (tally) => {
        progress.push(tally.users);
      },
    });
    expect(result.users).toBe(120);
    expect(requested.toSorted()).toEqual(ids.toSorted());
    const missing = ids.filter((id) => Number(id.slice(5)) % 7 === 0);
    const unreadable = result.findings.find((f) => f.check === 'listedUserReadable');
    expect(unreadable?.count).toBe(missing.length);
    expect(unreadable?.examples.map((e) => [e.index, e.id])).toEqual(
      missing.slice(0, 5).map((id) => [1000 + ids.indexOf(id), id]),
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBeLessThanOrEqual(120);
  });
}

test('a batch is bounded by its users, lanes, rate and request timeout, never beyond what a timer takes', () => {
  const limits = { concurrency: 4, ratePerSecond: undefined };
  expect(batchTimeBoundMs(1_000, limits, 10_000, 2)).toBe(250 * 10_000 * 4 + 10_000);
  expect(batchTimeBoundMs(1_000, { concurrency: 4, ratePerSecond: 20 }, 10_000, 2)).toBe(
    250 * 10_000 * 4 + 100_000 + 10_000,
  );
  // 500,000 users at 4 in flight and 120 s per request would overflow a timer, which then fires at once.
  expect(batchTimeBoundMs(500_000, limits, 120_000, 2)).toBe(2 ** 31 - 1);
  expect(batchTimeBoundMs(10_000_000, { concurrency: 1, ratePerSecond: 0.01 }, 120_000, 2)).toBe(2 ** 31 - 1);
  // Two credential forms (delos): four requests a user, each after a rate-limit wait.
  expect(batchTimeBoundMs(4, { concurrency: 1, ratePerSecond: undefined }, 1_000, 4)).toBe(
    4 * 1_000 * 8 + 10_000,
  );
});

test('when one lane fails, the batch fails, the other lanes stop and the id reader is closed', async () => {
  const requested: string[] = [];
  const failing: Transport = {
    send: async (request) => {
      const id = decodeURIComponent(request.url.split('/').at(-1) ?? '');
      requested.push(id);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return targetRecording([]).send(request);
    },
    close: async () => undefined,
  };
  let closed = false;
  async function* ids(): AsyncGenerator<string[]> {
    try {
      for (let i = 0; i < 100; i++) yield Array.from({ length: 10 }, (_, k) => `user_${i * 10 + k}`);
    } finally {
      closed = true;
    }
  }
  let progressCalls = 0;
  const run = runSampleBatch({
    transport: failing,
    contract: credira,
    target,
    plan: planned.plan,
    redactor: createRedactor([target.apiKey]),
    ids: ids(),
    firstIndex: 0,
    concurrency: 4,
    ratePerSecond: undefined,
    progressEveryMs: 0,
    onProgress: async () => {
      if (++progressCalls === 25) throw new Error('the test step failed');
    },
  });
  await expect(run).rejects.toThrow('the test step failed');
  const sentAtFailure = requested.length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(closed).toBe(true);
  // Lanes already waiting on a response finish it; none starts another.
  expect(requested.length - sentAtFailure).toBeLessThanOrEqual(4);
  expect(requested.length).toBeLessThan(40);
});
