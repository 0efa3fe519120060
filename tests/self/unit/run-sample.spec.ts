/**
 * One batch of the sample: every id judged once, in any chunking and at any concurrency, each finding
 * counted with the earliest users as examples, progress told while it runs.
 */
import { expect, test } from '@playwright/test';
import { loadSettings } from '../../../engine/config';
import { loadContracts } from '../../../engine/contract-loader';
import { createRedactor } from '../../../engine/redaction';
import { runSampleBatch } from '../../../engine/sampling/run-sample';
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
