/**
 * The suite against targets that behave like real deployments, end to end: the real
 * `npx playwright test` in a child process (hermetic environment, own report dir, hard kill), against
 * servers of this test's own on 127.0.0.1.
 *   - discovery: a single-vendor API (the reference with `dialect`), a broken one, one speaking no
 *     contract, one whose unknown routes answer JSON; CONTRACT choosing contracts, or refused;
 *   - dead targets (silent, closed port): bounded time, every scenario reported not-run; a target
 *     alive at the contract's path but not at its root (reset or hanging): judged normally;
 *   - an endless body: bounded time and memory;
 *   - rate limits: a 429 waited out, a 429 that persists (warnings, never a must failure), a
 *     Retry-After longer than REQUEST_TIMEOUT_MS (nothing more sent until then);
 *   - https: a private CA from `.env`, mutual TLS, an untrusted certificate.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type TestInfo, test } from '@playwright/test';
import {
  CLIENT_EXTENSIONS,
  createThrowawayCa,
  LOCAL_SERVER_EXTENSIONS,
  type ThrowawayCa,
} from '../support/throwaway-pki';
import {
  attachRun,
  type CliRun,
  type CliRunOptions,
  cleanUpAfterPass,
  describeRun,
  expectFinished,
  newReportDir,
  readConformanceJson,
  runAndAttach,
  runPlaywright,
} from './support/cli-run';
import type { ConformanceJson, ContractReportJson } from './support/conformance-report';
import { allContracts, contractRoutes, routeFor } from './support/contract-routes';
import {
  describeRequests,
  type Handler,
  type LocalServer,
  type SeenRequest,
  startCountingServer,
  startLocalServer,
  startSilentServer,
} from './support/local-servers';
import { describeMemory, megabytes, PROC_AVAILABLE, watchMemory } from './support/process-memory';
import { REPO_ROOT, referenceFixture } from './support/reference-fixtures';
import { closedPort, stopChild } from './support/reference-server';
import {
  alwaysRateLimited,
  endlessBody,
  fixturesSharingIdentity,
  htmlNotFoundEverywhere,
  jsonNotFoundOutside,
  rateLimitedOnce,
  referenceHandler,
} from './support/target-servers';

const credira = referenceFixture('credira');
const CREDIRA_ENV = { API_KEY: credira.apiKey ?? '', USER_ID: credira.existingUserId };
/** One worker per child: the outer run already runs two children at once on two cores. */
const ONE_WORKER = { CONFORMANCE_WORKERS: '1' };

/** Hard kill of a child run; every test's own timeout leaves room for it and its servers. */
const KILL_AFTER_MS = 150_000;
test.describe.configure({ timeout: KILL_AFTER_MS + 30_000 });

const dirs: string[] = [];
test.afterEach(() => cleanUpAfterPass(test.info(), dirs));

const run = (testInfo: TestInfo, options: Omit<CliRunOptions, 'killAfterMs'>): Promise<CliRun> =>
  runAndAttach(testInfo, { killAfterMs: KILL_AFTER_MS, ...options }, dirs);

/** Starts a server, runs the suite against it, closes the server whatever happens. */
async function runAgainst(
  testInfo: TestInfo,
  server: LocalServer,
  options: { label: string; args?: string[]; env?: Record<string, string> },
): Promise<CliRun> {
  try {
    return await run(testInfo, {
      args: options.args ?? ['test'],
      env: { BASE_URL: server.baseUrl, ...CREDIRA_ENV, ...ONE_WORKER, ...options.env },
      label: options.label,
    });
  } finally {
    await server.close();
  }
}

function contractOf(report: ConformanceJson, name: string): ContractReportJson {
  const contract = report.contracts.find((c) => c.name === name);
  if (!contract)
    throw new Error(`conformance.json has no contract ${name}: ${report.run.contracts.join(', ')}`);
  return contract;
}

const mustFailures = (contract: ContractReportJson): string =>
  contract.checks
    .filter((c) => c.status === 'failed' && c.severity === 'must')
    .map((c) => `  ${c.scenario} › ${c.check}: ${c.title ?? ''} — ${(c.received ?? '').slice(0, 200)}`)
    .join('\n') || '  (none)';

/** The console summary's line for a contract (name, then its verdict), as the reporter prints it. */
function summaryLine(stdout: string, contract: string): string | undefined {
  const lines = stdout.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith('Conformance of '));
  return lines.slice(start + 1).find((line) => new RegExp(`^${contract}\\s{2,}`).test(line));
}

/** Requests of one contract's route (any method), as a server recorded them. */
const requestsOf = (server: LocalServer, contract: string) =>
  server.requests.filter((r) => routeFor(contractRoutes(), r.url)?.name === contract);

/** `node reference/server.js ARGS`: its first stdout line (or its exit code and stderr when it exits first). */
async function startReferenceCli(
  args: string[],
): Promise<{ line: string; exitCode: number | null; stderr: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'reference', 'server.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const ended = await new Promise<{ line: string; exitCode: number | null }>((resolve) => {
    const timer = setTimeout(() => resolve({ line: '', exitCode: null }), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        resolve({ line: stdout.split('\n')[0] ?? '', exitCode: null });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ line: stdout, exitCode: code });
    });
  });
  return { ...ended, stderr, child };
}

test('reference --dialect NAME serves that route only; other paths get a framework 404; a bad name exits 2', async () => {
  const served = await startReferenceCli(['--host', '127.0.0.1', '--port', '0', '--dialect', 'credira']);
  try {
    const baseUrl = /listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(served.line)?.[1];
    expect(baseUrl, `listening line: ${served.line} ${served.stderr}`).toBeDefined();
    const user = await fetch(`${baseUrl}/v1/users/${credira.existingUserId}`, {
      headers: { authorization: `Bearer ${credira.apiKey}` },
    });
    expect(user.status).toBe(200);
    expect((await user.json()) as unknown).toMatchObject({
      success: true,
      data: { id: credira.existingUserId },
    });
    for (const path of ['/v1/user/usr_1', '/users/u1', '/']) {
      const other = await fetch(`${baseUrl}${path}`);
      expect({ status: other.status, type: other.headers.get('content-type') }, path).toEqual({
        status: 404,
        type: 'text/html; charset=utf-8',
      });
      expect(await other.text(), path).toContain(`<pre>Cannot GET ${path}</pre>`);
    }
  } finally {
    await stopChild(served.child);
  }
  const refused = await startReferenceCli(['--port', '0', '--dialect', 'nope']);
  await stopChild(refused.child);
  expect(refused.exitCode, refused.stderr).toBe(2);
  expect(refused.stderr).toContain(
    `unknown dialect "nope"; valid dialects: ${['klaim', 'aitronos', 'credira', 'delos', 'problem-details'].join(', ')}`,
  );
});

test.describe('discovery: which contract does the target speak?', () => {
  test('a single-dialect server (credira): exactly credira judged, exit 0, the console says how to pin it', async () => {
    const server = await startLocalServer(referenceHandler({ dialect: 'credira' }));
    const result = await runAgainst(test.info(), server, { label: 'discovery-credira' });
    const diagnostics = describeRun(result);
    const report = expectFinished(result, 0);

    expect(report.run.selection, diagnostics).toBe('discovery');
    expect(report.run.judged, diagnostics).toEqual(['credira']);
    expect(report.run.conformant, diagnostics).toBe(true);
    for (const name of allContracts()) {
      const contract = contractOf(report, name);
      const expected =
        name === 'credira' ? { served: true, conformant: true } : { served: false, conformant: null };
      expect(
        { served: contract.served, conformant: contract.conformant },
        `${name}\n${mustFailures(contract)}`,
      ).toEqual(expected);
    }
    expect(contractOf(report, 'klaim').probe?.reason, 'klaim is never probed').toMatch(/^never probed/);
    expect(
      server.requests.filter((r) => r.method === 'POST'),
      'no POST ever reaches an unknown target',
    ).toEqual([]);
    expect(result.stdout, diagnostics).toMatch(/^Judged: credira\b.*CONTRACT=credira/m);
    expect(summaryLine(result.stdout, 'credira'), diagnostics).toMatch(/^credira\s+CONFORMANT\s/);
  });

  test('a broken server of that dialect is NOT CONFORMANT, never "not served"', async () => {
    const server = await startLocalServer(
      referenceHandler({ dialect: 'credira', variant: 'credira-wrong-user' }),
    );
    const result = await runAgainst(test.info(), server, { label: 'discovery-credira-broken' });
    const diagnostics = describeRun(result);
    const report = expectFinished(result, 1);
    const contract = contractOf(report, 'credira');
    expect({ served: contract.served, conformant: contract.conformant }, diagnostics).toEqual({
      served: true,
      conformant: false,
    });
    expect(report.run.judged, diagnostics).toEqual(['credira']);
    expect(
      contract.checks.some((c) => c.check === 'returnsRequestedUser' && c.status === 'failed'),
      mustFailures(contract),
    ).toBe(true);
    expect(summaryLine(result.stdout, 'credira'), diagnostics).toMatch(/^credira\s+NOT CONFORMANT\s/);
  });

  test('a server speaking no contract: exit 1, one line per contract saying why, advice to set CONTRACT', async () => {
    const server = await startLocalServer(htmlNotFoundEverywhere);
    const result = await runAgainst(test.info(), server, { label: 'discovery-none' });
    const diagnostics = describeRun(result);
    const report = expectFinished(result, 1);
    expect(report.run.judged, diagnostics).toEqual([]);
    expect(report.run.deadTarget, 'a target that answers is not dead').toBeNull();
    expect(report.contracts.map((c) => c.name).sort(), diagnostics).toEqual([...allContracts()].sort());
    for (const route of contractRoutes()) {
      const contract = contractOf(report, route.name);
      expect({ served: contract.served, conformant: contract.conformant }, route.name).toEqual({
        served: false,
        conformant: null,
      });
      const line = summaryLine(result.stdout, route.name) ?? '';
      expect(line, `${route.name}'s summary line\n${diagnostics}`).toMatch(
        new RegExp(`^${route.name}\\s+not served\\s+${route.method} ${server.baseUrl}/\\S+`),
      );
      if (route.method === 'GET') {
        // Status, media type and why, each once (not "404 text/html: 404 text/html: …").
        expect(line, route.name).toMatch(/ → 404 text\/html: \S/);
        expect(line.match(/404 text\/html/g), `${route.name}: status and media type said once`).toHaveLength(
          1,
        );
      }
    }
    expect(result.stdout, `advice to name the contract\n${diagnostics}`).toMatch(
      /^None of the .*served.*CONTRACT=<name>/m,
    );
    expect(
      server.requests.filter((r) => r.method === 'POST'),
      'klaim is never probed',
    ).toEqual([]);
  });

  test("unknown routes answered with a framework's JSON 404: still exactly credira judged", async () => {
    const server = await startLocalServer(
      jsonNotFoundOutside('credira', referenceHandler({ dialect: 'credira' })),
    );
    const result = await runAgainst(test.info(), server, { label: 'discovery-json-404' });
    const diagnostics = describeRun(result);
    const report = expectFinished(result, 0);
    expect(report.run.judged, diagnostics).toEqual(['credira']);
    for (const name of allContracts().filter((n) => n !== 'credira')) {
      expect(contractOf(report, name).served, `${name}: ${contractOf(report, name).probe?.reason}`).toBe(
        false,
      );
    }
  });

  test('CONTRACT=credira,delos against every dialect: exactly those two judged', async () => {
    // One account for both dialects, as on a target serving both: one API_KEY and USER_ID suit them.
    const fixtures = fixturesSharingIdentity('delos', 'credira');
    const server = await startLocalServer(referenceHandler({ fixtures }));
    const result = await runAgainst(test.info(), server, {
      label: 'contract-credira-delos',
      env: {
        API_KEY: fixtures.delos.apiKey,
        USER_ID: fixtures.delos.existingUserId,
        CONTRACT: 'credira,delos',
      },
    });
    const diagnostics = describeRun(result);
    const report = expectFinished(result, 0);
    expect(report.run.selection, diagnostics).toBe('CONTRACT');
    expect(report.contracts.map((c) => c.name).sort(), diagnostics).toEqual(['credira', 'delos']);
    expect(report.run.judged.sort(), diagnostics).toEqual(['credira', 'delos']);
    for (const contract of report.contracts) expect(contract.conformant, mustFailures(contract)).toBe(true);
    const others = allContracts().filter((name) => name !== 'credira' && name !== 'delos');
    expect(
      others.flatMap((name) => requestsOf(server, name)),
      'no request to the route of a contract not chosen',
    ).toEqual([]);
  });

  test('an unknown CONTRACT name: exit 2 before any request, the valid names listed', async () => {
    const server = await startCountingServer();
    const result = await runAgainst(test.info(), server, {
      label: 'contract-unknown',
      env: { CONTRACT: 'credira,nope' },
    });
    const diagnostics = describeRun(result);
    expect(result.killed, diagnostics).toBe(false);
    expect(result.exitCode, diagnostics).toBe(2);
    expect(server.requests, 'requests the target got').toEqual([]);
    const output = `${result.stdout}\n${result.stderr}`;
    const line = output.split(/\r?\n/).find((l) => l.includes('CONTRACT')) ?? '';
    expect(line, diagnostics).toContain('"nope"');
    for (const name of allContracts()) expect(line, `the message lists ${name}`).toContain(`"${name}"`);
  });
});

interface DeadCase {
  title: string;
  start: () => Promise<{ baseUrl: string; requests: () => SeenRequest[]; close: () => Promise<void> }>;
  /** CONTRACT of the run; undefined: discovery. */
  contract: string | undefined;
  /** What the reason of every not-run scenario names. */
  reason: RegExp;
}

const REQUEST_TIMEOUT_MS = 1500;
const ENDLESS_CAP_BYTES = 1024 * 1024;
/**
 * Start-up of a child run, generous: npx and the runner (~5 s idle, ~25 s measured on a 2-core machine
 * shared with other runs), and one worker per project and per failed test (Playwright replaces a
 * worker after a failure): ~1–2 s each idle, up to ~10 s shared. A hang guard: what proves that a
 * dead target cost no scenario its timeout is the request count and the absence of failed tests.
 */
const startUpBoundMs = (workerStarts: number): number => 30_000 + 10_000 * workerStarts;

/** The totals of a run's junit.xml (`<testsuites tests=… failures=… skipped=…>`). */
function junitTotals(reportDir: string): { tests: number; failures: number; skipped: number } | string {
  const path = join(reportDir, 'junit.xml');
  if (!existsSync(path)) return `no junit.xml in ${reportDir}`;
  const tag = /<testsuites\b[^>]*>/.exec(readFileSync(path, 'utf8'))?.[0] ?? '';
  const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(tag)?.[1] ?? Number.NaN);
  return { tests: count('tests'), failures: count('failures'), skipped: count('skipped') };
}

async function silentTarget() {
  const server = await startSilentServer();
  return { baseUrl: server.baseUrl, requests: () => server.requests, close: server.close };
}

async function closedTarget() {
  const port = await closedPort();
  return { baseUrl: `http://127.0.0.1:${port}`, requests: () => [], close: async () => undefined };
}

const DEAD_CASES: DeadCase[] = [
  { title: 'silent server, CONTRACT=credira', start: silentTarget, contract: 'credira', reason: /1500 ms/ },
  { title: 'silent server, discovery', start: silentTarget, contract: undefined, reason: /1500 ms/ },
  {
    title: 'closed port, CONTRACT=credira',
    start: closedTarget,
    contract: 'credira',
    reason: /ECONNREFUSED/,
  },
  { title: 'closed port, discovery', start: closedTarget, contract: undefined, reason: /ECONNREFUSED/ },
];

test.describe('dead targets: one preflight, then every scenario reported not run', () => {
  for (const c of DEAD_CASES) {
    test(c.title, async () => {
      const target = await c.start();
      let result: CliRun;
      try {
        result = await run(test.info(), {
          args: ['test'],
          env: {
            BASE_URL: target.baseUrl,
            ...CREDIRA_ENV,
            ...ONE_WORKER,
            REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
            CONTRACT: c.contract,
          },
          label: `dead-${c.title}`,
        });
      } finally {
        await target.close();
      }
      const diagnostics = describeRun(result);
      const report = expectFinished(result, 1);
      const projects = c.contract ? 1 : allContracts().length;
      // The preflight only: a HEAD without credential to each selected contract's path at most (a
      // closed port ends it after one), where each scenario would otherwise wait out its own
      // timeout; and no failed test, each of which would cost a new worker.
      const seen = target.requests();
      expect(seen.length, `requests the target got\n${describeRequests(seen)}`).toBeLessThanOrEqual(projects);
      for (const request of seen) {
        expect(
          { method: request.method, route: routeFor(contractRoutes(), request.url)?.name !== undefined },
          request.url,
        ).toEqual({ method: 'HEAD', route: true });
        expect(
          request.headers.authorization ?? request.headers['x-api-key'],
          'no credential',
        ).toBeUndefined();
      }
      expect(junitTotals(result.reportDir), diagnostics).toMatchObject({ failures: 0 });
      // Two preflight timeouts at most (the first path, then the others at once), plus start-up;
      // without the preflight every scenario would wait out its own timeout and, failing, replace its worker.
      expect(result.wallMs, `wall time\n${diagnostics}`).toBeLessThan(
        (Math.min(projects, 2) + 1) * REQUEST_TIMEOUT_MS + startUpBoundMs(projects),
      );
      expect(report.run.deadTarget, diagnostics).toMatch(c.reason);
      expect(report.run.conformant, diagnostics).toBe(false);
      expect(result.stdout, diagnostics).toMatch(/^Judged: none — the target never answered/m);
      expect(result.stdout, 'a dead target is not "no contract served"').not.toMatch(/serves none/);
      const expected = c.contract ? [c.contract] : allContracts();
      expect(report.contracts.map((x) => x.name).sort(), diagnostics).toEqual([...expected].sort());
      for (const contract of report.contracts) {
        const ran = contract.checks.filter((check) => check.status !== 'skipped');
        expect(ran.length, `${contract.name}: scenarios accounted for`).toBeGreaterThan(0);
        for (const check of ran) {
          expect(check.status, `${contract.name} › ${check.scenario}`).toBe('not-run');
          expect(check.reason, `${contract.name} › ${check.scenario}`).toMatch(c.reason);
        }
        expect(contract.conformant, contract.name).toBe(false);
      }
    });
  }
});

/**
 * Only `contract`'s path reaches `api`; any other (the root included) is dropped without an answer, as
 * by a proxy's `location / { return 444; }` (`reset`), or left hanging (`hang`).
 */
function onlyTheApiPath(contract: string, style: 'reset' | 'hang', api: Handler): Handler {
  return (req, res) => {
    if (routeFor(contractRoutes(), req.url ?? '/')?.name === contract) {
      api(req, res);
      return;
    }
    req.resume();
    if (style === 'reset') req.socket.destroy();
  };
}

interface ProxiedCase {
  title: string;
  style: 'reset' | 'hang';
  /** CONTRACT of the run; undefined: discovery. */
  contract: string | undefined;
}

const PROXIED_CASES: ProxiedCase[] = [
  { title: 'root reset (nginx `return 444`), CONTRACT=credira', style: 'reset', contract: 'credira' },
  // Discovery asks the paths in turn: aitronos's (hanging) before credira's.
  { title: 'root hanging, discovery', style: 'hang', contract: undefined },
];

test.describe('alive where the contract lives, whatever the root does: judged normally', () => {
  for (const c of PROXIED_CASES) {
    test(c.title, async () => {
      const server = await startLocalServer(
        onlyTheApiPath('credira', c.style, referenceHandler({ dialect: 'credira' })),
      );
      const result = await runAgainst(test.info(), server, {
        label: `proxied-${c.style}`,
        env: { REQUEST_TIMEOUT_MS: '3000', ...(c.contract ? { CONTRACT: c.contract } : {}) },
      });
      const diagnostics = describeRun(result);
      const report = expectFinished(result, 0);
      expect(report.run.deadTarget, diagnostics).toBeNull();
      expect(report.run.judged, diagnostics).toEqual(['credira']);
      const contract = contractOf(report, 'credira');
      expect(contract.conformant, mustFailures(contract)).toBe(true);
      expect(summaryLine(result.stdout, 'credira'), diagnostics).toMatch(/^credira\s+CONFORMANT\s/);
      expect(
        server.requests.filter((r) => new URL(r.url, 'http://x').pathname === '/'),
        'the root is never asked',
      ).toEqual([]);
    });
  }
});

test('an endless body: stopped at MAX_BODY_BYTES, "Body exceeds" reported, no process above 300 MB', async () => {
  test.skip(!PROC_AVAILABLE, 'memory is read from /proc (Linux)');
  const testInfo = test.info();
  const endless = endlessBody();
  const server = await startLocalServer(endless.handler);
  const reportDir = newReportDir('endless-body');
  const memory = watchMemory(`CONFORMANCE_REPORT_DIR=${reportDir}`);
  let result: CliRun;
  try {
    result = await run(testInfo, {
      // Two scenarios are enough to read the endless body twice; each failed one costs a new worker.
      args: ['test', '--project', 'credira', '-g', 'existingUser|unknownUser'],
      env: {
        BASE_URL: server.baseUrl,
        ...CREDIRA_ENV,
        ...ONE_WORKER,
        MAX_BODY_BYTES: String(ENDLESS_CAP_BYTES),
      },
      reportDir,
      label: 'endless-body',
    });
  } finally {
    await server.close();
  }
  const peaks = memory.stop();
  await testInfo.attach('memory.txt', { body: describeMemory(peaks), contentType: 'text/plain' });
  const diagnostics = describeRun(result);
  const report = expectFinished(result, 1);
  const contract = contractOf(report, 'credira');
  const received = contract.checks.filter((c) => c.check === 'responseReceived');
  expect(received.map((c) => c.scenario).sort(), diagnostics).toEqual(['existingUser', 'unknownUser']);
  for (const check of received) {
    // Stopped by the size cap, not by the request timeout (REQUEST_TIMEOUT_MS, 10 s by default).
    expect(check.title, `${check.scenario}\n${mustFailures(contract)}`).toBe('Body exceeds the size limit');
    expect(check.received, 'the cap is named').toContain('1 MB (1048576 bytes)');
  }
  expect(result.wallMs, diagnostics).toBeLessThan(startUpBoundMs(3));
  expect(
    peaks.processes.length,
    `processes of the run found\n${describeMemory(peaks)}`,
  ).toBeGreaterThanOrEqual(3);
  expect(peaks.maxProcessBytes, describeMemory(peaks)).toBeLessThan(300 * 1024 * 1024);
  testInfo.annotations.push({
    type: 'measured',
    description: `${result.wallMs} ms; ${megabytes(endless.sentBytes())} sent; ${describeMemory(peaks).split('\n')[0]}`,
  });
});

/** The root answers (the preflight finds somebody there); every other request gets 429, Retry-After: 120. */
const limitedBeyondTheRoot: Handler = (req, res) => {
  req.resume();
  if (req.method === 'HEAD') {
    res.writeHead(204);
    res.end();
    return;
  }
  res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '120' });
  res.end(JSON.stringify({ error: 'Too Many Requests' }));
};

test.describe('rate limits', () => {
  test('429 with Retry-After: 1 to the first request of each kind, then served: discovered, exit 0', async () => {
    const limited = rateLimitedOnce(referenceHandler({ dialect: 'credira' }));
    const server = await startLocalServer(limited);
    const result = await runAgainst(test.info(), server, { label: 'rate-limited-once' });
    const diagnostics = describeRun(result);
    const report = expectFinished(result, 0);
    expect(report.run.judged, diagnostics).toEqual(['credira']);
    expect(limited.limited(), 'requests answered 429').toBeGreaterThan(5);
    const contract = contractOf(report, 'credira');
    expect(contract.conformant, mustFailures(contract)).toBe(true);
    expect(
      contract.checks.filter((c) => c.check === 'notRateLimited' && c.status === 'failed'),
      'a 429 waited out is no warning',
    ).toEqual([]);
  });

  test('429 to every request: warnings, no must failure caused by the rate limit, nothing proven', async () => {
    const server = await startLocalServer(alwaysRateLimited as Handler);
    const result = await runAgainst(test.info(), server, {
      label: 'rate-limited-always',
      env: { CONTRACT: 'credira' },
    });
    const diagnostics = describeRun(result);
    expect(result.killed, diagnostics).toBe(false);
    const { report: parsed, error } = readConformanceJson(result.reportDir);
    expect(error, diagnostics).toBeUndefined();
    const contract = contractOf(parsed as ConformanceJson, 'credira');
    expect(
      contract.checks.filter((c) => c.status === 'failed' && c.severity === 'must'),
      mustFailures(contract),
    ).toEqual([]);
    const answered = contract.checks.filter((c) => c.check === 'responseReceived').map((c) => c.scenario);
    const warned = contract.checks.filter((c) => c.check === 'notRateLimited' && c.status === 'failed');
    expect(answered.length, diagnostics).toBeGreaterThan(0);
    // Each forged-credential probe is rate-limited too: a warning each, in its own scenario.
    const warnedScenarios = [...new Set(warned.map((w) => w.scenario))].filter(
      (s) => s !== 'forgedCredentials',
    );
    expect(warnedScenarios.sort(), 'a warning per scenario answered 429').toEqual(answered.sort());
    expect(
      warned.every((w) => w.severity === 'should'),
      'rate limiting is a warning',
    ).toBe(true);
    // No rule beyond "an answer came" was judged: the contract must not be called conformant (exit 1,
    // as for a dead target: not proven, though nothing failed).
    expect({ exitCode: result.exitCode, conformant: contract.conformant }, diagnostics).toEqual({
      exitCode: 1,
      conformant: false,
    });
    expect(summaryLine(result.stdout, 'credira'), diagnostics).toMatch(/^credira\s+NOT CONFORMANT\s/);
  });

  test('429 with Retry-After: 120, longer than REQUEST_TIMEOUT_MS: one request, nothing more sent, nothing proven', async () => {
    const server = await startLocalServer(limitedBeyondTheRoot);
    const result = await runAgainst(test.info(), server, {
      label: 'rate-limited-long',
      env: { CONTRACT: 'credira', REQUEST_TIMEOUT_MS: '3000' },
    });
    const diagnostics = describeRun(result);
    const report = expectFinished(result, 1);
    const contract = contractOf(report, 'credira');
    // The one request before any scenario (anybody there?) is a HEAD to the root.
    const sent = server.requests.filter((r) => r.method !== 'HEAD');
    expect(sent.length, `requests after the first 429\n${diagnostics}`).toBe(1);
    expect(
      contract.checks.filter((c) => c.status === 'failed' && c.severity === 'must'),
      mustFailures(contract),
    ).toEqual([]);
    const received = contract.checks.filter((c) => c.check === 'responseReceived');
    expect(received.length, diagnostics).toBeGreaterThan(1);
    expect(received.every((c) => c.status === 'not-run' || c.status === 'skipped')).toBe(true);
    const warned = contract.checks.filter((c) => c.check === 'notRateLimited' && c.status === 'failed');
    expect(
      warned.filter((w) => w.received?.startsWith('429 with Retry-After 120: a wait of 120 s')),
      'the one request sent',
    ).toHaveLength(1);
    expect(warned.filter((w) => w.received?.startsWith('not sent: ')).length, 'every later request').toBe(
      warned.length - 1,
    );
    expect(contract.conformant).toBe(false);
    // Nothing waited out: the run does not take the two minutes the target asked for.
    expect(result.wallMs, diagnostics).toBeLessThan(60_000);
  });

  test('the same while sampling, sharded: batches fail and Playwright replaces the worker, still one request', async () => {
    const server = await startLocalServer(limitedBeyondTheRoot);
    const ids = Array.from({ length: 40 }, (_, i) => `user_${String(i).padStart(9, '0')}`);
    const result = await runAgainst(test.info(), server, {
      label: 'rate-limited-long-sampling',
      // Sharded, a shard's batches are many (16 in all): each failing batch costs a new worker.
      args: ['test', '--shard=1/2'],
      env: { CONTRACT: 'credira', REQUEST_TIMEOUT_MS: '1000', USER_IDS: ids.join(',') },
    });
    const diagnostics = describeRun(result);
    expect(result.killed, diagnostics).toBe(false);
    expect(result.exitCode, diagnostics).toBe(1);
    const junit = readFileSync(join(result.reportDir, 'junit.xml'), 'utf8');
    const failedBatches = junit
      .split('<testcase ')
      .filter((testcase) => /› batch \d+/.test(testcase) && /<(error|failure)\b/.test(testcase));
    expect(
      failedBatches.length,
      `failed batches, each followed by a new worker\n${diagnostics}`,
    ).toBeGreaterThan(1);
    const sent = server.requests.filter((r) => r.method !== 'HEAD');
    expect(
      sent.map((r) => r.url),
      `requests after the first 429\n${diagnostics}`,
    ).toHaveLength(1);
    expect(result.stdout, diagnostics).toMatch(/listedUserJudged/);
  });
});

test.describe('https', () => {
  let ca: ThrowawayCa;
  test.beforeAll(() => {
    ca = createThrowawayCa('real-targets-ca');
    ca.issue('server', LOCAL_SERVER_EXTENSIONS);
    ca.issue('client', CLIENT_EXTENSIONS);
  });
  test.afterAll(() => ca.remove());

  const tlsServer = (mutual: boolean) =>
    startLocalServer(referenceHandler({ dialect: 'credira' }), {
      cert: ca.pem('server.crt'),
      key: ca.pem('server.key'),
      ...(mutual ? { requestCert: true, rejectUnauthorized: true, ca: ca.pem('ca.crt') } : {}),
    });

  test('a private CA named by CA_CERT in .env: trusted, exit 0', async () => {
    const testInfo = test.info();
    const cwd = mkdtempSync(join(tmpdir(), 'real-targets-dotenv-'));
    const server = await tlsServer(false);
    let result: CliRun;
    try {
      writeFileSync(join(cwd, '.env'), `# as a user writes it\nCA_CERT=${ca.path('ca.crt')}\n`);
      result = await runPlaywright({
        cwd,
        unset: ['CA_CERT'],
        args: ['test', '-c', join(REPO_ROOT, 'playwright.config.ts'), '--project', 'credira'],
        env: { BASE_URL: server.baseUrl, ...CREDIRA_ENV, ...ONE_WORKER },
        killAfterMs: KILL_AFTER_MS,
        label: 'https-dotenv-ca',
      });
      dirs.push(result.reportDir);
      await attachRun(testInfo, result, 'https-dotenv-ca');
    } finally {
      await server.close();
      rmSync(cwd, { recursive: true, force: true });
    }
    const diagnostics = describeRun(result);
    const report = expectFinished(result, 0);
    expect(contractOf(report, 'credira').conformant, diagnostics).toBe(true);
    expect(server.requests.length, 'requests over TLS').toBeGreaterThan(5);
  });

  test('mutual TLS with CLIENT_CERT and CLIENT_KEY: exit 0', async () => {
    const server = await tlsServer(true);
    const result = await runAgainst(test.info(), server, {
      label: 'https-mutual',
      args: ['test', '--project', 'credira'],
      env: {
        CA_CERT: ca.path('ca.crt'),
        CLIENT_CERT: ca.path('client.crt'),
        CLIENT_KEY: ca.path('client.key'),
      },
    });
    const report = expectFinished(result, 0);
    expect(contractOf(report, 'credira').conformant, describeRun(result)).toBe(true);
    // The server refuses every connection without a certificate its CA signed: these came with one.
    expect(server.requests.length, 'requests over mutual TLS').toBeGreaterThan(5);
  });

  test('an untrusted certificate (no CA_CERT): exit 1, the message names CA_CERT', async () => {
    const server = await tlsServer(false);
    const result = await runAgainst(test.info(), server, {
      label: 'https-untrusted',
      args: ['test', '--project', 'credira'],
    });
    const diagnostics = describeRun(result);
    const report = expectFinished(result, 1);
    expect(server.requests, 'no request got through the handshake').toEqual([]);
    expect(report.run.deadTarget, diagnostics).toMatch(/not trusted.*set CA_CERT/);
    expect(result.stdout, diagnostics).toMatch(/not trusted.*set CA_CERT/);
    const notRun = contractOf(report, 'credira').checks.filter((c) => c.status === 'not-run');
    expect(notRun.length, diagnostics).toBeGreaterThan(0);
    for (const check of notRun) expect(check.reason, check.scenario).toContain('CA_CERT');
  });
});
