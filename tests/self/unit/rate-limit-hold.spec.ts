/**
 * A Retry-After holds every later request to the target through the same transport: scenarios and
 * sampling lanes alike. What was not sent, or stayed rate-limited, is not judged (never a must
 * failure, never a pass), and notRateLimited says what the target asked for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadSettings } from '../../../engine/config';
import { loadContracts } from '../../../engine/contract-loader';
import { deadTargetReason, preflightRequest, probeContract } from '../../../engine/discovery';
import { HOLDS_FILE_ENV, holdsOf } from '../../../engine/rate-limit-holds';
import { createRedactor } from '../../../engine/redaction';
import { judgeScenario } from '../../../engine/run-scenario';
import { runSampleBatch } from '../../../engine/sampling/run-sample';
import { planScenario } from '../../../engine/scenarios';
import { resolveTarget } from '../../../engine/target';
import {
  createTransport,
  sendHonouringRateLimit,
  type Transport,
  type TransportResponse,
} from '../../../engine/transport';
import type { CheckRecord, ScenarioName } from '../../../engine/types';
import { renderCheckDetail } from '../../../reporters/render-detail';

const credira = loadContracts().find((c) => c.name === 'credira');
if (!credira) throw new Error('credira contract missing');
const contract = credira;

function targetAt(baseUrl: string, timeoutMs: number) {
  return resolveTarget(loadSettings({ REQUEST_TIMEOUT_MS: String(timeoutMs) }), contract, baseUrl, {
    apiKey: 'crd_test_key/with+base64=',
    userId: 'user_0',
  });
}

function planOf(target: ReturnType<typeof targetAt>, scenario: ScenarioName) {
  const planned = planScenario(contract, target, scenario);
  if ('skipReason' in planned) throw new Error(planned.skipReason);
  return planned.plan;
}

const cleanups: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server on 127.0.0.1 answering every request 429 with `retryAfter`; counts what it receives. */
async function alwaysLimited(retryAfter: string): Promise<{ base: string; received: () => number }> {
  let received = 0;
  const server = createServer((req, res) => {
    received++;
    req.resume();
    res.writeHead(429, { 'retry-after': retryAfter, 'content-type': 'application/json' });
    res.end('{"error":"slow down"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received: () => received };
}

const byCheck = (records: readonly CheckRecord[], check: string) => records.filter((r) => r.check === check);

/** Nothing is proven and nothing fails as a must: must checks not-run, should checks skipped. */
function expectNotJudged(records: readonly CheckRecord[]): void {
  for (const record of records) {
    if (record.check === 'notRateLimited') continue;
    expect(record.status, `${record.check}: ${record.reason}`).toBe(
      record.severity === 'must' ? 'not-run' : 'skipped',
    );
    expect(record.reason).toContain('rate limited');
  }
}

test('a Retry-After longer than REQUEST_TIMEOUT_MS: not repeated, later scenarios not sent, nothing judged', async () => {
  const server = await alwaysLimited('120');
  const target = targetAt(server.base, 200);
  const transport = createTransport({ timeoutMs: 200, maxBodyBytes: 1024 * 1024 });
  cleanups.push(() => transport.close());

  const started = Date.now();
  const first = await judgeScenario(transport, contract, target, planOf(target, 'existingUser'));
  expect(server.received(), 'sent once, not repeated').toBe(1);
  expectNotJudged(first);
  expect(byCheck(first, 'responseReceived')[0]?.status).toBe('not-run');
  expect(first.filter((r) => r.severity === 'must').length).toBeGreaterThan(1);
  const [limited] = byCheck(first, 'notRateLimited');
  expect(limited).toMatchObject({ status: 'failed', severity: 'should', title: 'Rate limited' });
  expect(limited?.received).toContain('429 with Retry-After 120: a wait of 120 s');
  expect(limited?.received).toContain('more than REQUEST_TIMEOUT_MS (200 ms): not repeated');
  expect(limited?.exchange?.response?.status).toBe(429);

  for (const scenario of ['unknownUser', 'missingCredentials', 'forgedCredentials'] as const) {
    const records = await judgeScenario(transport, contract, target, planOf(target, scenario));
    expectNotJudged(records);
    const received = byCheck(records, 'responseReceived');
    // The forged probes are judged by notRateLimited and forgedCredentialRefused only.
    if (scenario !== 'forgedCredentials') expect(received[0]?.status).toBe('not-run');
    const warnings = byCheck(records, 'notRateLimited');
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) {
      expect(warning.status).toBe('failed');
      expect(warning.received).toMatch(
        /^not sent: the target had asked \(429 to an earlier request\) to be left alone \d+(\.\d)? s longer, more than REQUEST_TIMEOUT_MS \(200 ms\)/,
      );
      expect(warning.exchange?.response).toBeUndefined();
      expect(warning.exchange?.transportError).toBeUndefined();
      expect(warning.exchange?.rateLimit?.notSent).toBe(true);
    }
    expect(records.filter((r) => r.status === 'failed' && r.severity === 'must')).toEqual([]);
  }
  expect(server.received(), 'no later request reached the target').toBe(1);
  expect(Date.now() - started, 'and none waited').toBeLessThan(2_000);
});

test('a Retry-After within REQUEST_TIMEOUT_MS answered 429 again: repeated once, not judged', async () => {
  const server = await alwaysLimited('1');
  const target = targetAt(server.base, 1500);
  const transport = createTransport({ timeoutMs: 1500, maxBodyBytes: 1024 * 1024 });
  cleanups.push(() => transport.close());
  const records = await judgeScenario(transport, contract, target, planOf(target, 'existingUser'));
  expect(server.received()).toBe(2);
  expectNotJudged(records);
  const [limited] = byCheck(records, 'notRateLimited');
  expect(limited?.status).toBe('failed');
  expect(limited?.received).toMatch(
    /^429 with Retry-After 1 again, after waiting \d+ ms as asked and repeating once: the scenario could not be judged$/,
  );
});

test('the report shows a request that was not sent as such', async () => {
  const server = await alwaysLimited('120');
  const target = targetAt(server.base, 200);
  const transport = createTransport({ timeoutMs: 200, maxBodyBytes: 1024 * 1024 });
  cleanups.push(() => transport.close());
  await judgeScenario(transport, contract, target, planOf(target, 'existingUser'));
  const records = await judgeScenario(transport, contract, target, planOf(target, 'unknownUser'));
  const [record] = byCheck(records, 'notRateLimited');
  if (!record) throw new Error('no notRateLimited record');
  const { contract: _contract, violations: _violations, ...warning } = record;
  const ctx = {
    id: 'd1',
    testId: 'd1',
    exchanges: new Map(),
    limits: { body: 1000, violations: 10, violationBudget: 100 },
    violationRows: 10,
  };
  const first = String(renderCheckDetail(warning, 'warning', ctx));
  expect(first).toContain('Not sent: rate limited');
  expect(first).not.toContain('Transport error');
  // The same exchange again is summarised in one line.
  expect(String(renderCheckDetail(warning, 'warning', { ...ctx, id: 'd2' }))).toContain(
    '→ not sent: rate limited',
  );
});

const rateLimitedAnswer = (retryAfter: string): TransportResponse => ({
  status: 429,
  statusText: 'Too Many Requests',
  headers: { 'retry-after': retryAfter, 'content-type': 'application/json' },
  bodyText: '{"error":"slow down"}',
  durationMs: 1,
});

const userAnswer = (id: string): TransportResponse => ({
  status: 200,
  statusText: 'OK',
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  bodyText: JSON.stringify({ success: true, data: { id }, meta: {} }),
  durationMs: 1,
});

async function* oneChunk(ids: readonly string[]): AsyncGenerator<readonly string[]> {
  yield ids;
}

function sampleOf(
  transport: Transport,
  timeoutMs: number,
  ids: readonly string[],
  concurrency: number,
  ratePerSecond?: number,
) {
  const target = targetAt('http://127.0.0.1:1', timeoutMs);
  return runSampleBatch({
    transport,
    contract,
    target,
    plan: planOf(target, 'existingUser'),
    redactor: createRedactor([target.apiKey]),
    ids: oneChunk(ids),
    firstIndex: 0,
    concurrency,
    ratePerSecond,
  });
}

test('sampling: once the target asks for longer than REQUEST_TIMEOUT_MS, lanes stop sending and every user not sent is a finding', async () => {
  let sent = 0;
  const transport: Transport = {
    send: async () => {
      sent++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { response: rateLimitedAnswer('60') };
    },
    close: async () => undefined,
  };
  const ids = Array.from({ length: 40 }, (_, i) => `user_${i}`);
  const result = await sampleOf(transport, 200, ids, 4);
  // The lanes' first requests were in flight together; after the first 429 nothing more went out.
  expect(sent).toBe(4);
  expect(result.users).toBe(40);
  const [finding] = result.findings;
  expect(result.findings).toHaveLength(1);
  // Not judged is not proven: the sample cannot vouch for these users.
  expect(finding).toMatchObject({ check: 'listedUserJudged', severity: 'must', count: 40 });
  expect(finding?.examples[0]?.received).toMatch(/^(429 with Retry-After 60|not sent: )/);
});

test('sampling: a Retry-After within REQUEST_TIMEOUT_MS holds every lane until the asked time', async () => {
  const times: number[] = [];
  let limitedAt: number | undefined;
  const transport: Transport = {
    send: async (request) => {
      times.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (limitedAt === undefined) {
        limitedAt = Date.now();
        return { response: rateLimitedAnswer('1') };
      }
      return { response: userAnswer(decodeURIComponent(request.url.split('/').at(-1) ?? '')) };
    },
    close: async () => undefined,
  };
  const ids = Array.from({ length: 20 }, (_, i) => `user_${i}`);
  const result = await sampleOf(transport, 1500, ids, 4);
  expect(result.users).toBe(20);
  // Every user judged (this fake's bodies are minimal: the schema findings are not what is tested).
  expect(result.findings.filter((f) => f.check === 'listedUserJudged')).toEqual([]);
  // 20 users and the one repeat; the three other lanes' first requests were already in flight.
  expect(times).toHaveLength(21);
  const during = times.slice(4).filter((at) => at < (limitedAt ?? 0) + 950);
  expect(during, 'requests sent while the target had asked to wait').toEqual([]);
});

test('discovery: a Retry-After longer than REQUEST_TIMEOUT_MS is not repeated, and later probes are not sent', async () => {
  const server = await alwaysLimited('120');
  const settings = loadSettings({ REQUEST_TIMEOUT_MS: '200', API_KEY: 'k_0123456789', USER_ID: 'user_0' });
  const transport = createTransport({ timeoutMs: 200, maxBodyBytes: 1024 * 1024 });
  cleanups.push(() => transport.close());
  const probed = loadContracts().filter((c) => c.method === 'GET');
  expect(probed.length).toBeGreaterThan(1);
  const probes = [];
  for (const candidate of probed) {
    const target = resolveTarget(settings, candidate, server.base, undefined);
    probes.push(await probeContract(candidate, target, transport));
  }
  expect(server.received()).toBe(1);
  const [first, ...later] = probes;
  expect(first).toMatchObject({ status: 429, served: false });
  expect(first?.reason).toBe(
    'the target asked to be called again in 120 s, more than REQUEST_TIMEOUT_MS (200 ms): not repeated',
  );
  for (const probe of later) {
    expect(probe).toMatchObject({ status: null, served: false });
    expect(probe.reason).toMatch(
      /^not sent: the target had asked to be called again in 1[12]\d s, more than REQUEST_TIMEOUT_MS \(200 ms\)$/,
    );
  }
});

test('sampling with SAMPLE_RATE: lanes freed together by the end of a hold still keep the rate', async () => {
  const times: number[] = [];
  let limited = false;
  const transport: Transport = {
    send: async (request) => {
      times.push(Date.now());
      if (!limited) {
        limited = true;
        return { response: rateLimitedAnswer('1') };
      }
      return { response: userAnswer(decodeURIComponent(request.url.split('/').at(-1) ?? '')) };
    },
    close: async () => undefined,
  };
  await sampleOf(
    transport,
    1500,
    Array.from({ length: 6 }, (_, i) => `user_${i}`),
    6,
    5,
  );
  // At most 5 a second: starts at least ~200 ms apart, also right after the hold (the timers' slack aside).
  const gaps = times.slice(1).map((at, i) => at - (times[i] ?? at));
  expect(Math.min(...gaps), `gaps ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(150);
});

test('a hold reaches every process of the run through CONFORMANCE_HOLDS_FILE: a replacement worker, another worker', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'holds-test-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'holds.json');
  const origin = 'http://127.0.0.1:1';
  const before = process.env[HOLDS_FILE_ENV];
  process.env[HOLDS_FILE_ENV] = file;
  cleanups.push(async () => {
    if (before === undefined) delete process.env[HOLDS_FILE_ENV];
    else process.env[HOLDS_FILE_ENV] = before;
  });
  const fake = (): Transport => ({
    send: async () => ({ response: rateLimitedAnswer('60') }),
    close: async () => undefined,
  });
  const running = holdsOf(fake());
  expect(running.get(origin), 'nothing held yet').toBeUndefined();
  holdsOf(fake()).hold(origin, 60_000, 429);
  // A transport made after the hold (a worker Playwright starts in place of a failed one) knows it at once.
  expect(holdsOf(fake()).get(origin)?.status).toBe(429);
  // One that was already running learns it within the re-read interval.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(running.get(origin)?.until).toBeGreaterThan(Date.now() + 50_000);
  // And through it, a request is not sent.
  let sent = 0;
  const counting: Transport = {
    send: async () => {
      sent++;
      return { response: userAnswer('user_0') };
    },
    close: async () => undefined,
  };
  const { result, rateLimit } = await sendHonouringRateLimit(
    counting,
    { method: 'GET', url: `${origin}/v1/users/user_0`, headers: {} },
    1000,
  );
  expect({ sent, result, notSent: rateLimit?.notSent }).toEqual({
    sent: 0,
    result: undefined,
    notSent: true,
  });
});

test('the preflight: a 429 to HEAD of the operation path means somebody is there, and its Retry-After holds what follows', async () => {
  const server = await alwaysLimited('60');
  const transport = createTransport({ timeoutMs: 500, maxBodyBytes: 1024 });
  cleanups.push(() => transport.close());
  const target = targetAt(server.base, 500);
  // A second path would be asked only if the first got no answer.
  const preflight = [preflightRequest(contract, target), preflightRequest(contract, target)];
  expect(await deadTargetReason(preflight, transport, 500)).toBeUndefined();
  const { result } = await sendHonouringRateLimit(
    transport,
    { method: 'GET', url: `${server.base}/v1/users/user_0`, headers: {} },
    500,
  );
  expect({ result, received: server.received() }).toEqual({ result: undefined, received: 1 });
});
