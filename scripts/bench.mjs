#!/usr/bin/env node
// @ts-check
/**
 * Benchmark of the conformance suite. Every row is a real run of the suite beside a floor measured in the
 * same invocation on the same machine; suite and floor runs alternate, so a change in machine load hits
 * both alike. Never run from a timed test.
 *
 *   node scripts/bench.mjs [--runs N | --quick] [--rows 1,2,3,4,5] [--rss-100k] [--write-readme]
 *
 * 1  `npx playwright test --project credira` against a running reference, beside Playwright running the
 *    same number of request-making tests, each making as many requests (undici) to the same reference.
 * 2  the same against a reference variant that fails exactly one scenario, beside row 1's suite; and
 *    Playwright's own price of a failed test: row 1's floor with the test at the same place failing.
 * 3  `npx playwright test` (built-in reference), beside the same floor in five projects with the same
 *    webServer.
 * 4  sampling reference/ids/credira.txt with SAMPLE_CONCURRENCY=4: users per second (counted by the
 *    reference), beside a bare undici loop making the same requests, 4 in flight; also with 2 % of users
 *    failing, and from a reference answering 2 ms after each request (latency, as staging has).
 * 5  peak RSS (VmHWM) of the runner and of each worker while sampling 10,000 ids (row 4's runs) and, with
 *    --rss-100k, 100,000 ids (one run), beside the row 1 floor's.
 *
 * Requests are counted by the reference (a counting wrapper of reference/server.js; for row 3 a preload
 * counts the built-in reference in one untimed calibration run), and every floor is checked to make the
 * same requests per contract as the suite did.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const require = createRequire(join(ROOT, 'package.json'));
const SAMPLE_IDS_FILE = 'reference/ids/credira.txt';
const SAMPLE_CONCURRENCY = 4;
/** A credira variant failing only the forbiddenUser scenario (statusCodeConformance: 404 instead of 403). */
const FAILING_VARIANT = 'credira-403-answered-404';
/** The credira population with a bad e-mail in 2 % of users: every batch has a must finding (fails). */
const DEFECT_POPULATION_VARIANT = 'population-credira-bad-email-2pct';
/** Row 4's latency run: the reference answering this long after each request, as a nearby staging server would. */
const STAGING_LATENCY_MS = 2;
const TARGETS = { suiteOverFloor: 1.3, samplingOverBare: 0.8 };
/** GNU time, for the CPU time (user + sys) of a whole run; optional. */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

// ---------------------------------------------------------------- arguments

const USAGE =
  'usage: node scripts/bench.mjs [--runs N | --quick] [--rows 1,2,3,4,5] [--rss-100k] [--write-readme]';

function parseArgs(argv) {
  const options = { runs: 5, rows: new Set(['1', '2', '3', '4', '5']), rss100k: false, writeReadme: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.runs = 1;
    else if (arg === '--rss-100k') options.rss100k = true;
    else if (arg === '--write-readme') options.writeReadme = true;
    else if (arg === '--runs') {
      options.runs = Number(argv[++i]);
      if (!Number.isInteger(options.runs) || options.runs < 1 || options.runs > 50)
        throw new Error(`--runs is ${JSON.stringify(argv[i])}; expected a whole number from 1 to 50`);
    } else if (arg === '--rows') {
      const rows = String(argv[++i] ?? '').split(',');
      if (!rows.every((row) => ['1', '2', '3', '4', '5'].includes(row)))
        throw new Error(
          `--rows is ${JSON.stringify(argv[i])}; expected numbers from 1 to 5, comma-separated`,
        );
      options.rows = new Set(rows);
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}`);
  }
  return options;
}

// ---------------------------------------------------------------- small pure helpers

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sum = (values) => values.reduce((a, b) => a + b, 0);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (kb) => `${Math.round(kb / 1024)} MB`;
const perSecond = (rate) => `${Math.round(rate)} users/s`;

/** `perTest` request counts spreading `requests` over `tests` as evenly as whole numbers allow. */
function spreadRequests(requests, tests) {
  return Array.from(
    { length: tests },
    (_, i) => Math.floor(requests / tests) + (i < requests % tests ? 1 : 0),
  );
}

/** A contract path template as a pattern matching request URLs, the id in group 1. */
function routePattern(template) {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return `^${escaped.replace(/\{[^}]+\}/, '([^/?#]+)')}(?:[?#]|$)`;
}

const unescapeXml = (text) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Test cases of a Playwright JUnit file (written with includeProjectInTestName). */
function readJunit(file) {
  const xml = readFileSync(file, 'utf8');
  return [...xml.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((match) => {
    const attrs = Object.fromEntries(
      [...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], unescapeXml(a[2])]),
    );
    const body = match[2] ?? '';
    const named = /^\[([^\]]+)\] ([\s\S]*)$/.exec(attrs.name ?? '');
    return {
      project: named?.[1] ?? '',
      title: named?.[2] ?? attrs.name ?? '',
      ms: Number(attrs.time) * 1000,
      status: /<skipped\b/.test(body) ? 'skipped' : /<(failure|error)\b/.test(body) ? 'failed' : 'passed',
    };
  });
}

const isSampleBatch = (testCase) => testCase.title.startsWith('existingUser · sample');

/** Tests that sent requests: every test not skipped (a skipped scenario sends nothing). */
function requestMakingTests(cases) {
  const byProject = {};
  for (const testCase of cases) {
    if (testCase.status === 'skipped' || isSampleBatch(testCase)) continue;
    byProject[testCase.project] = (byProject[testCase.project] ?? 0) + 1;
  }
  return byProject;
}

/** Per project: its first test (which carries the worker's fixture set-up) and the rest. */
function timeSplit(cases) {
  const firsts = [];
  const rest = [];
  const seen = new Set();
  for (const testCase of cases) {
    if (testCase.status === 'skipped' || isSampleBatch(testCase)) continue;
    if (seen.has(testCase.project)) rest.push(testCase.ms);
    else {
      seen.add(testCase.project);
      firsts.push(testCase.ms);
    }
  }
  return { firstTestsMs: sum(firsts), otherTestsMs: sum(rest), otherTests: rest.length };
}

// ---------------------------------------------------------------- contracts and requests

const fixtures = JSON.parse(readFileSync(join(ROOT, 'reference/fixtures.json'), 'utf8'));

/** Each contract's documented request for its existing user, shaped like the suite's transport sends it. */
function loadContractRequests() {
  return readdirSync(join(ROOT, 'contracts'))
    .filter((file) => file.endsWith('.openapi.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.openapi.json'.length);
      const doc = JSON.parse(readFileSync(join(ROOT, 'contracts', file), 'utf8'));
      const [template, item] = Object.entries(doc.paths)[0];
      const method = Object.keys(item).find((key) => key !== 'parameters' && key !== 'summary');
      const operation = item[method];
      const x = doc['x-conformance'] ?? {};
      const headers = { ...(x.requestHeaders ?? {}) };
      const schemeName = Object.keys((operation.security ?? doc.security ?? [])[0] ?? {})[0];
      const scheme = schemeName ? doc.components.securitySchemes[schemeName] : undefined;
      const key = fixtures[name]?.apiKey ?? '';
      if (scheme?.type === 'http')
        headers.Authorization = (x.credentialForms?.[0] ?? 'Bearer {key}').replace('{key}', () => key);
      if (scheme?.type === 'apiKey')
        headers[scheme.name] = (x.credentialForms?.[0] ?? '{key}').replace('{key}', () => key);
      headers['accept-encoding'] = 'gzip, deflate, br';
      const body = operation.requestBody ? '{}' : undefined;
      if (body) headers['Content-Type'] = 'application/json';
      return {
        name,
        template,
        method: method.toUpperCase(),
        headers,
        body,
        existingUserId: fixtures[name]?.existingUserId,
      };
    });
}

const contracts = loadContractRequests();
const routes = contracts.map((c) => ({ contract: c.name, pattern: routePattern(c.template) }));
const requestOf = (name, id) => {
  const c = contracts.find((contract) => contract.name === name);
  if (!c) throw new Error(`no contract ${name}`);
  return {
    path: c.template.replace(/\{[^}]+\}/, encodeURIComponent(id ?? c.existingUserId)),
    method: c.method,
    headers: c.headers,
    ...(c.body !== undefined ? { body: c.body } : {}),
  };
};

// ---------------------------------------------------------------- generated helper files

function writeHelpers(dir) {
  writeFileSync(
    join(dir, 'bare-sampling.cjs'),
    `// A bare undici loop: every listed id once, \`concurrency\` in flight, bodies read, nothing checked.
const { readFileSync } = require('node:fs');
const { Agent } = require('undici');
const job = JSON.parse(process.argv[2]);
const ids = readFileSync(job.idsFile, 'utf8').split(/\\r?\\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
const agent = new Agent();
let next = 0;
const lane = async () => {
  while (next < ids.length) {
    const path = job.template.replace(/\\{[^}]+\\}/, encodeURIComponent(ids[next++]));
    const response = await agent.request({ origin: job.origin, path, method: job.method, headers: job.headers });
    await response.body.text();
  }
};
Promise.all(Array.from({ length: job.concurrency }, lane)).then(() => agent.close());
`,
  );
  writeFileSync(
    join(dir, 'classify.cjs'),
    `// Which contract a request URL belongs to, and its id.
const routes = ${JSON.stringify(routes)}.map((r) => ({ contract: r.contract, re: new RegExp(r.pattern) }));
exports.classify = (url) => {
  for (const { contract, re } of routes) {
    const match = re.exec(url);
    if (!match) continue;
    let id = match[1];
    try { id = decodeURIComponent(id); } catch {}
    return { contract, id };
  }
  return undefined;
};
`,
  );
  // The reference CLI's server, with request counts (per contract, and the window of population users).
  writeFileSync(
    join(dir, 'reference-host.cjs'),
    `const { createReferenceServer } = require(${JSON.stringify(join(ROOT, 'reference/server.js'))});
const { POPULATION_SIZE, populationIndex } = require(${JSON.stringify(join(ROOT, 'reference/population.js'))});
const { readFileSync } = require('node:fs');
const { classify } = require('./classify.cjs');
const options = JSON.parse(process.env.BENCH_REFERENCE || '{}');
const fixtures = JSON.parse(readFileSync(${JSON.stringify(join(ROOT, 'reference/fixtures.json'))}, 'utf8'));
if (options.populationSize) for (const fixture of Object.values(fixtures)) fixture.populationSize = options.populationSize;
const size = options.populationSize || POPULATION_SIZE;
const server = createReferenceServer({ fixtures, ...(options.variant ? { variant: options.variant } : {}) });
if (options.latencyMs) {
  // A server farther away: every answer starts latencyMs after its request arrived.
  const handlers = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (req, res) => setTimeout(() => { for (const handle of handlers) handle.call(server, req, res); }, options.latencyMs));
}
let stats;
const reset = () => { stats = { total: 0, byContract: {}, population: 0, firstMs: null, lastMs: null }; };
reset();
server.prependListener('request', (req, res) => {
  const hit = classify(req.url);
  stats.total++;
  const key = hit ? hit.contract : 'other';
  stats.byContract[key] = (stats.byContract[key] || 0) + 1;
  if (hit && populationIndex(hit.contract, hit.id, size) !== undefined) {
    stats.population++;
    if (stats.firstMs === null) stats.firstMs = performance.now();
    const counted = stats;
    res.on('finish', () => { counted.lastMs = performance.now(); });
  }
});
process.on('message', (message) => {
  if (message === 'reset') reset();
  process.send(message === 'stats' ? stats : 'done');
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => { server.closeAllConnections(); process.exit(0); });
server.listen(0, '127.0.0.1', () => console.log('reference listening on http://127.0.0.1:' + server.address().port));
`,
  );
  // Counts requests of the built-in reference (\`node reference/server.js\` started by Playwright's webServer).
  writeFileSync(
    join(dir, 'count-preload.cjs'),
    `const { join } = require('node:path');
if ((process.argv[1] || '').endsWith(join('reference', 'server.js')) && process.env.BENCH_COUNT_DIR) {
  const http = require('node:http');
  const { writeFileSync } = require('node:fs');
  const { classify } = require(${JSON.stringify(join(dir, 'classify.cjs'))});
  const file = join(process.env.BENCH_COUNT_DIR, process.pid + '.json');
  const counts = {};
  const original = http.createServer;
  http.createServer = function (...args) {
    const server = original.apply(this, args);
    server.on('request', (req) => {
      const hit = classify(req.url);
      const key = hit ? hit.contract : 'other';
      counts[key] = (counts[key] || 0) + 1;
      writeFileSync(file, JSON.stringify(counts));
    });
    return server;
  };
}
`,
  );
  // Resolves @playwright/test and undici from this repository.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
}

/** Per project of the suite, its request-making tests, each making its share of the suite's requests. */
function floorProjects(tests, requestCounts) {
  return Object.entries(tests).map(([name, n]) => ({
    name,
    perTest: spreadRequests(requestCounts[name] ?? 0, n),
  }));
}

/**
 * A throwaway Playwright suite: per project, the given tests, each making its given number of requests to
 * the contract's path with plain undici; list + JUnit reporters; optionally the suite's webServer.
 */
function writeFloor(dir, { projects, workers, webServer }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'send.ts'),
    `import { request } from 'undici';
const base = process.env.BASE_URL ?? \`http://127.0.0.1:\${process.env.REFERENCE_PORT}\`;
export async function send(r: { path: string; method: string; headers: Record<string, string>; body?: string }) {
  const response = await request(base + r.path, { method: r.method as 'GET', headers: r.headers, body: r.body });
  await response.body.text();
}
`,
  );
  for (const { name, perTest } of projects) {
    writeFileSync(
      join(dir, `${name}.floor.spec.ts`),
      `import { test } from '@playwright/test';
import { send } from './send';
const request = ${JSON.stringify(requestOf(name))};
const perTest = ${JSON.stringify(perTest)};
perTest.forEach((count, i) => {
  test(\`request-making test \${i + 1}\`, async () => {
    for (let k = 0; k < count; k++) await send(request);
    // Playwright's own price of a failed test: it replaces the worker before the next test.
    if (process.env.BENCH_FLOOR_FAIL_AT === String(i + 1)) throw new Error('fails on purpose');
  });
});
`,
    );
  }
  const server = webServer
    ? `webServer: {
    command: 'node reference/server.js --host 127.0.0.1 --port 0',
    cwd: ${JSON.stringify(ROOT)},
    wait: { stdout: /reference listening on http:\\/\\/127\\.0\\.0\\.1:(?<reference_port>\\d+)/ },
    reuseExistingServer: false,
    timeout: 15_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },`
    : '';
  writeFileSync(
    join(dir, 'floor.config.ts'),
    `import { defineConfig } from '@playwright/test';
const out = process.env.BENCH_FLOOR_OUT ?? 'floor-out';
export default defineConfig({
  testDir: '.',
  testMatch: '*.floor.spec.ts',
  fullyParallel: false,
  retries: 0,
  workers: ${workers},
  outputDir: out + '/artifacts',
  reporter: [['list'], ['junit', { outputFile: out + '/junit.xml', includeProjectInTestName: true }]],
  projects: ${JSON.stringify(projects.map(({ name }) => ({ name, testMatch: `${name}.floor.spec.ts` })))},
  ${server}
});
`,
  );
  return join(dir, 'floor.config.ts');
}

// ---------------------------------------------------------------- processes

const live = new Set();
let runCounter = 0;

/** Peak RSS (VmHWM) of every process in a tree, polled; a process's peak is kept after it exits. */
function watchProcessTree(rootPid, everyMs) {
  const seen = new Map();
  const read = (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const tick = () => {
    const queue = [rootPid];
    while (queue.length > 0) {
      const pid = queue.pop();
      const status = read(`/proc/${pid}/status`);
      if (status === undefined) continue;
      const entry = seen.get(pid) ?? { pid, command: '', peakKb: 0, cpuMs: 0 };
      seen.set(pid, entry);
      entry.command = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim() || entry.command;
      entry.peakKb = Math.max(entry.peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      // utime and stime, fields 14 and 15 of /proc/<pid>/stat (counted after the command's closing paren).
      const stat = read(`/proc/${pid}/stat`) ?? '';
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number.isFinite(ticks)) entry.cpuMs = Math.max(entry.cpuMs, (ticks * 1000) / CLOCK_TICKS);
      let tasks = [];
      try {
        tasks = readdirSync(`/proc/${pid}/task`);
      } catch {}
      for (const task of tasks)
        for (const child of (read(`/proc/${pid}/task/${task}/children`) ?? '').split(' ').filter(Boolean))
          queue.push(Number(child));
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return () => {
    clearInterval(timer);
    return [...seen.values()];
  };
}

/** The Playwright runner and its workers among a watched tree (npx, sh and a webServer left out). */
function playwrightProcesses(processes) {
  const workers = processes.filter((p) => p.command.includes('workerProcessEntry'));
  const runner = processes.filter(
    (p) => /^\S*node\s/.test(p.command) && /playwright\S* test\b/.test(p.command) && !workers.includes(p),
  );
  return { runner, workers };
}

function playwrightMemory(processes) {
  const { runner, workers } = playwrightProcesses(processes);
  const runnerKb = Math.max(0, ...runner.map((p) => p.peakKb));
  const workerKb = workers.map((p) => p.peakKb);
  return { runnerKb, workerKb, sumKb: runnerKb + sum(workerKb), maxKb: Math.max(runnerKb, ...workerKb) };
}

/**
 * Runs a command (its own process group, bounded in time): wall time until it exits, and with GNU time
 * the CPU time (user + sys) of the command and every descendant it waited for.
 */
function runCommand(command, args, { env, timeoutMs = 600_000, watchRss = false }) {
  return new Promise((resolvePromise, reject) => {
    const timeFile = join(scratch, `time-${++runCounter}.txt`);
    const [file, fileArgs] = GNU_TIME
      ? [GNU_TIME, ['-f', '%U %S', '-o', timeFile, command, ...args]]
      : [command, args];
    const started = performance.now();
    const child = spawn(file, fileArgs, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    live.add(child);
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-64_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const stopWatching = watchRss ? watchProcessTree(child.pid, 100) : () => [];
    const timer = setTimeout(() => killGroup(child), timeoutMs);
    let ms = 0;
    child.on('error', reject);
    child.on('exit', () => {
      ms = performance.now() - started;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      live.delete(child);
      const times =
        GNU_TIME && existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n').pop() : '';
      const [user, sys] = (times ?? '').split(' ').map(Number);
      const cpuMs = Number.isFinite(user) && Number.isFinite(sys) ? (user + sys) * 1000 : undefined;
      resolvePromise({ ms, cpuMs, code, output, processes: stopWatching() });
    });
  });
}

/** Kills a child started in its own process group with its whole group, any other child alone. */
function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** A counting reference (reference/server.js's server) on 127.0.0.1, asked for its counts over IPC. */
async function startReference(options = {}) {
  const child = spawn(process.execPath, [join(scratch, 'reference-host.cjs')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_REFERENCE: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  live.add(child);
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('the reference did not start within 15 s')), 15_000);
    child.once('exit', (code) => reject(new Error(`the reference exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
  });
  const ask = (message) =>
    new Promise((resolvePromise) => {
      child.once('message', resolvePromise);
      child.send(message);
    });
  return {
    url,
    reset: () => ask('reset'),
    stats: () => ask('stats'),
    stop: () => {
      child.kill('SIGTERM');
      live.delete(child);
    },
  };
}

// ---------------------------------------------------------------- environments

/** The environment without any variable the suite reads (a stray BASE_URL would change what is measured). */
function cleanEnv() {
  const names = new Set(
    [...readFileSync(join(ROOT, '.env.example'), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map(
      (m) => m[1],
    ),
  );
  for (const name of [
    'CONTRACT',
    'USER_IDS',
    'USER_IDS_FILE',
    'SAMPLE_CONCURRENCY',
    'SAMPLE_RATE',
    'FORBIDDEN_USER_ID',
  ])
    names.add(name);
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (names.has(name) || name.startsWith('CONFORMANCE_')) delete env[name];
  return env;
}

const workers = Number(process.env.CONFORMANCE_WORKERS || 2);

function credira(baseUrl) {
  const fixture = fixtures.credira;
  return {
    BASE_URL: baseUrl,
    API_KEY: fixture.apiKey,
    USER_ID: fixture.existingUserId,
    FORBIDDEN_USER_ID: fixture.forbiddenUserId,
    CONFORMANCE_WORKERS: String(workers),
  };
}

/** One `npx playwright test` run of the suite; exit code checked; its JUnit cases read. */
async function runSuite(args, extraEnv, { expectCode = 0, watchRss = false, timeoutMs } = {}) {
  const reportDir = join(scratch, `suite-${++runCounter}`);
  const env = {
    ...cleanEnv(),
    CONFORMANCE_WORKERS: String(workers),
    ...extraEnv,
    CONFORMANCE_REPORT_DIR: reportDir,
  };
  const result = await runCommand('npx', ['playwright', 'test', ...args], { env, watchRss, timeoutMs });
  if (result.code !== expectCode)
    throw new Error(
      `npx playwright test ${args.join(' ')} exited ${result.code}, expected ${expectCode}:\n${result.output}`,
    );
  const cases = readJunit(join(reportDir, 'junit.xml'));
  rmSync(reportDir, { recursive: true, force: true });
  return { ...result, cases };
}

async function runFloor(config, extraEnv, { expectCode = 0, watchRss = false } = {}) {
  const out = join(scratch, `floor-${++runCounter}`);
  const env = { ...cleanEnv(), ...extraEnv, BENCH_FLOOR_OUT: out };
  const result = await runCommand('npx', ['playwright', 'test', '-c', config], { env, watchRss });
  if (result.code !== expectCode)
    throw new Error(`the floor run exited ${result.code}, expected ${expectCode}:\n${result.output}`);
  const cases = readJunit(join(out, 'junit.xml'));
  rmSync(out, { recursive: true, force: true });
  return { ...result, cases };
}

const workerStarts = (run) => run.processes.filter((p) => p.command.includes('workerProcessEntry')).length;

/** The suite's requests per contract must be the floor's: otherwise the floor is not a floor. */
function assertSameRequests(what, suiteCounts, floorCounts) {
  for (const name of new Set([...Object.keys(suiteCounts), ...Object.keys(floorCounts)])) {
    if (name === 'other') continue;
    if ((suiteCounts[name] ?? 0) !== (floorCounts[name] ?? 0))
      throw new Error(
        `${what}: the floor made ${JSON.stringify(floorCounts)} requests, the suite ${JSON.stringify(suiteCounts)}`,
      );
  }
}

const contractRequests = (counts) =>
  sum(Object.entries(counts).flatMap(([name, n]) => (name === 'other' ? [] : [n])));

// ---------------------------------------------------------------- rows

/** Measures shared by rows, each sampled once per round; rounds alternate suite and floor. */
async function measure(options, log) {
  const { runs, rows } = options;
  const results = {};
  const rounds = [];
  const cleanups = [];
  try {
    // Row 1 (and row 2, which compares with row 1's suite).
    if (rows.has('1') || rows.has('2') || rows.has('5')) {
      const reference = await startReference();
      cleanups.push(reference.stop);
      const args = ['--project', 'credira'];
      const env = credira(reference.url);
      log('row 1: calibration run of the suite (untimed)');
      await reference.reset();
      const calibration = await runSuite(args, env);
      const suiteCounts = (await reference.stats()).byContract;
      const tests = requestMakingTests(calibration.cases);
      const config = writeFloor(join(scratch, 'floor-1'), {
        projects: floorProjects(tests, suiteCounts),
        workers,
      });
      log('row 1: warm-up run of the floor (untimed)');
      await reference.reset();
      await runFloor(config, { BASE_URL: reference.url });
      assertSameRequests('row 1', suiteCounts, (await reference.stats()).byContract);
      results.row1 = {
        config,
        url: reference.url,
        suite: [],
        floor: [],
        tests,
        requests: contractRequests(suiteCounts),
        other: suiteCounts.other ?? 0,
      };
      rounds.push(async () => {
        await reference.reset();
        const suite = await runSuite(args, env, { watchRss: true });
        assertSameRequests('row 1 (suite)', suiteCounts, (await reference.stats()).byContract);
        results.row1.suite.push(suite);
        await reference.reset();
        const floor = await runFloor(config, { BASE_URL: reference.url }, { watchRss: true });
        assertSameRequests('row 1 (floor)', suiteCounts, (await reference.stats()).byContract);
        results.row1.floor.push(floor);
      });
    }
    if (rows.has('2')) {
      const failing = await startReference({ variant: FAILING_VARIANT });
      cleanups.push(failing.stop);
      const args = ['--project', 'credira'];
      const env = credira(failing.url);
      log(`row 2: calibration run against ${FAILING_VARIANT} (untimed)`);
      const calibration = await runSuite(args, env, { expectCode: 1 });
      const failed = calibration.cases.filter((c) => c.status === 'failed').map((c) => c.title);
      if (failed.length !== 1)
        throw new Error(`row 2: ${FAILING_VARIANT} failed ${failed.length} scenarios (${failed})`);
      // The same failure in the floor: its test at the failing scenario's place throws.
      const ran = calibration.cases.filter((c) => c.status !== 'skipped' && !isSampleBatch(c));
      const failAt = String(ran.findIndex((c) => c.status === 'failed') + 1);
      const { config: floorConfig, url: floorUrl } = results.row1;
      results.row2 = { suite: [], floor: [], failed: failed[0], failAt };
      rounds.push(async () => {
        results.row2.suite.push(await runSuite(args, env, { expectCode: 1, watchRss: true }));
        results.row2.floor.push(
          await runFloor(
            floorConfig,
            { BASE_URL: floorUrl, BENCH_FLOOR_FAIL_AT: failAt },
            { expectCode: 1, watchRss: true },
          ),
        );
      });
    }
    if (rows.has('3')) {
      log('row 3: calibration run of the suite, requests counted by a preload (untimed)');
      const countDir = join(scratch, 'counts-suite');
      mkdirSync(countDir);
      const preload = {
        NODE_OPTIONS: `--require ${join(scratch, 'count-preload.cjs')}`,
        BENCH_COUNT_DIR: countDir,
      };
      const calibration = await runSuite([], preload);
      const suiteCounts = readCounts(countDir);
      const tests = requestMakingTests(calibration.cases);
      const config = writeFloor(join(scratch, 'floor-3'), {
        projects: floorProjects(tests, suiteCounts),
        workers,
        webServer: true,
      });
      log('row 3: warm-up run of the floor, requests counted (untimed)');
      const floorCountDir = join(scratch, 'counts-floor');
      mkdirSync(floorCountDir);
      await runFloor(config, { ...preload, BENCH_COUNT_DIR: floorCountDir });
      assertSameRequests('row 3', suiteCounts, readCounts(floorCountDir));
      results.row3 = {
        suite: [],
        floor: [],
        tests,
        requests: contractRequests(suiteCounts),
        cases: calibration.cases,
      };
      rounds.push(async () => {
        results.row3.suite.push(await runSuite([], {}, { watchRss: true }));
        results.row3.floor.push(await runFloor(config, {}, { watchRss: true }));
      });
    }
    if (rows.has('4') || rows.has('5')) {
      const reference = await startReference();
      cleanups.push(reference.stop);
      const env = {
        ...credira(reference.url),
        USER_IDS_FILE: SAMPLE_IDS_FILE,
        SAMPLE_CONCURRENCY: String(SAMPLE_CONCURRENCY),
      };
      const ids = readIds(join(ROOT, SAMPLE_IDS_FILE));
      results.row4 = {
        suite: [],
        bare: [],
        users: ids.length,
        defect: { suite: [], bare: [] },
        latency: { suite: [], bare: [] },
      };
      const defective = await startReference({ variant: DEFECT_POPULATION_VARIANT });
      cleanups.push(defective.stop);
      const distant = await startReference({ latencyMs: STAGING_LATENCY_MS });
      cleanups.push(distant.stop);
      const distantEnv = { ...env, ...credira(distant.url) };
      const defectiveEnv = { ...env, ...credira(defective.url) };
      const idsFile = join(ROOT, SAMPLE_IDS_FILE);
      rounds.push(async () => {
        const clean = await sampleBoth(reference, env, idsFile, { watchRss: true });
        if (clean.users !== ids.length)
          throw new Error(`row 4: the suite requested ${clean.users} of ${ids.length} listed users`);
        results.row4.suite.push(clean.suite);
        results.row4.bare.push(clean.bareRate);
        // A population failing in every batch: each failed batch test costs a worker restart.
        const failing = await sampleBoth(defective, defectiveEnv, idsFile, { expectCode: 1 });
        results.row4.defect.suite.push(failing.suite);
        results.row4.defect.bare.push(failing.bareRate);
        // The same population from a server that takes its time, as staging does: latency, not CPU, sets the pace.
        const far = await sampleBoth(distant, distantEnv, idsFile);
        results.row4.latency.suite.push(far.suite);
        results.row4.latency.bare.push(far.bareRate);
      });
    }
    for (let round = 1; round <= runs; round++) {
      log(`round ${round} of ${runs}`);
      for (const step of rounds) await step();
    }
    if (options.rss100k) {
      const count = 100_000;
      const reference = await startReference({ populationSize: count });
      cleanups.push(reference.stop);
      const { populationIdFileText } = require('./reference/population.js');
      const file = join(scratch, 'credira-100k.txt');
      writeFileSync(file, populationIdFileText('credira', count));
      log('row 5: sampling 100,000 ids (one run)');
      const env = {
        ...credira(reference.url),
        USER_IDS_FILE: file,
        SAMPLE_CONCURRENCY: String(SAMPLE_CONCURRENCY),
      };
      const both = await sampleBoth(reference, env, file, { watchRss: true, timeoutMs: 3_600_000 });
      results.rss100k = { ...both.suite, bareRate: both.bareRate, users: both.users };
    }
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
  return results;
}

/** Users per second of a sampled run, first to last sampled request, as the reference counted them. */
const usersPerSecond = (stats) => stats.population / ((stats.lastMs - stats.firstMs) / 1000);

/** The suite sampling `--project credira` against a counting reference, then the bare loop on the same ids. */
async function sampleBoth(server, env, idsFile, runOptions = {}) {
  await server.reset();
  const run = await runSuite(['--project', 'credira'], env, runOptions);
  const stats = await server.stats();
  await server.reset();
  await bareSampling(server.url, idsFile, SAMPLE_CONCURRENCY);
  const bare = await server.stats();
  return {
    suite: { ...run, rate: usersPerSecond(stats) },
    bareRate: usersPerSecond(bare),
    users: stats.population,
  };
}

function readCounts(dir) {
  const counts = {};
  for (const file of readdirSync(dir))
    for (const [name, n] of Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8'))))
      counts[name] = (counts[name] ?? 0) + n;
  return counts;
}

function readIds(file) {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The sampling requests with nothing but undici, in a fresh Node process as the suite's workers are
 * (so both pay their own start-up and JIT warm-up): the same URLs and headers, `concurrency` in flight.
 */
async function bareSampling(baseUrl, idsFile, concurrency) {
  const c = contracts.find((contract) => contract.name === 'credira');
  const job = {
    origin: new URL(baseUrl).origin,
    idsFile,
    concurrency,
    template: c.template,
    method: c.method,
    headers: c.headers,
  };
  const child = spawn(process.execPath, [join(scratch, 'bare-sampling.cjs'), JSON.stringify(job)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  live.add(child);
  try {
    await new Promise((resolvePromise, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the bare loop did not finish within 10 min')),
        600_000,
      );
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolvePromise();
        else reject(new Error(`the bare loop exited with ${code}`));
      });
    });
  } finally {
    live.delete(child);
  }
}

// ---------------------------------------------------------------- report

const mark = (ok) => (ok ? 'met' : '**not met**');

function summarise(results, options) {
  const rows = [];
  const details = [];
  const wall = (runs) => median(runs.map((r) => r.ms));
  const cpu = (runs) =>
    runs.every((r) => r.cpuMs !== undefined) ? median(runs.map((r) => r.cpuMs)) : undefined;
  const cpuRatio = (a, b) => {
    const [x, y] = [cpu(a), cpu(b)];
    return x === undefined || y === undefined ? '—' : `${(x / y).toFixed(2)}×`;
  };
  const cpuSplit = (runs) => {
    const perRun = runs.map((r) => playwrightProcesses(r.processes));
    const runner = median(perRun.map((p) => sum(p.runner.map((x) => x.cpuMs))));
    const workerCpu = median(perRun.map((p) => sum(p.workers.map((x) => x.cpuMs))));
    const whole = cpu(runs);
    return `CPU (user + sys)${whole === undefined ? '' : ` ${seconds(whole)} in all`}: runner ${seconds(runner)}, workers ${seconds(workerCpu)}`;
  };
  const describeTests = (tests) =>
    Object.entries(tests)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ');
  const split = (runs) => {
    const parts = runs.map((r) => timeSplit(r.cases));
    return {
      first: median(parts.map((p) => p.firstTestsMs)),
      other: median(parts.map((p) => p.otherTestsMs)),
      others: parts[0]?.otherTests ?? 0,
    };
  };
  const breakdown = (label, runs) => {
    const s = split(runs);
    const starts = median(runs.map(workerStarts));
    return `${label}: wall ${seconds(wall(runs))}; first test of each project (carries the worker's set-up) ${seconds(s.first)}; the other ${s.others} tests ${seconds(s.other)}; wall minus tests ${seconds(wall(runs) - s.first - s.other)}; ${starts} worker process(es); ${cpuSplit(runs)}`;
  };

  const r1 = results.row1;
  if (r1 && options.rows.has('1')) {
    const ratio = wall(r1.suite) / wall(r1.floor);
    rows.push([
      'one contract, correct target: `npx playwright test --project credira` against a running reference',
      seconds(wall(r1.suite)),
      `${seconds(wall(r1.floor))}: Playwright, ${describeTests(r1.tests)} request-making tests in 1 project, ${r1.requests} requests (undici), ${workers} workers`,
      `${ratio.toFixed(2)}×`,
      cpuRatio(r1.suite, r1.floor),
      `≤ ${TARGETS.suiteOverFloor}× ${mark(ratio <= TARGETS.suiteOverFloor)}`,
    ]);
    details.push(breakdown('row 1 suite', r1.suite), breakdown('row 1 floor', r1.floor));
    if (r1.other)
      details.push(`row 1: the runner also sent ${r1.other} request(s) outside any test (the preflight)`);
  }
  if (results.row2 && r1) {
    const ratio = wall(results.row2.suite) / wall(r1.suite);
    rows.push([
      `one contract, a target failing one scenario (\`--variant ${FAILING_VARIANT}\`: ${results.row2.failed} fails)`,
      seconds(wall(results.row2.suite)),
      `${seconds(wall(r1.suite))}: row 1's suite (correct target)`,
      `${ratio.toFixed(2)}×`,
      cpuRatio(results.row2.suite, r1.suite),
      `≤ ${TARGETS.suiteOverFloor}× ${mark(ratio <= TARGETS.suiteOverFloor)}`,
    ]);
    details.push(breakdown('row 2 suite', results.row2.suite));
    const r2 = results.row2;
    if (r2.floor.length && r1.floor.length) {
      const own = wall(r2.floor) / wall(r1.floor);
      rows.push([
        `Playwright's own price of one failing test: row 1's floor with its test ${r2.failAt} failing (the place of ${r2.failed})`,
        seconds(wall(r2.floor)),
        `${seconds(wall(r1.floor))}: row 1's floor (every test passing)`,
        `${own.toFixed(2)}×`,
        cpuRatio(r2.floor, r1.floor),
        "no target: row 2's reference",
      ]);
      details.push(breakdown('row 2 floor (one test failing)', r2.floor));
    }
  }
  const r3 = results.row3;
  if (r3) {
    const ratio = wall(r3.suite) / wall(r3.floor);
    const projects = Object.keys(r3.tests).length;
    const testCount = sum(Object.values(r3.tests));
    rows.push([
      'all five contracts against the built-in reference: `npx playwright test`',
      seconds(wall(r3.suite)),
      `${seconds(wall(r3.floor))}: Playwright, ${testCount} request-making tests in ${projects} projects (${describeTests(r3.tests)}), ${r3.requests} requests (undici), same webServer, ${workers} workers`,
      `${ratio.toFixed(2)}×`,
      cpuRatio(r3.suite, r3.floor),
      `≤ ${TARGETS.suiteOverFloor}× ${mark(ratio <= TARGETS.suiteOverFloor)}`,
    ]);
    details.push(breakdown('row 3 suite', r3.suite), breakdown('row 3 floor', r3.floor));
  }
  const throughputRow = (
    users,
    suiteRate,
    bareRate,
    runs,
    population = 'a clean population',
    target = `≥ ${TARGETS.samplingOverBare}× ${mark(suiteRate / bareRate >= TARGETS.samplingOverBare)}`,
  ) => {
    rows.push([
      `sampling throughput, ${population}: \`USER_IDS_FILE=…\` (${users.toLocaleString('en-US')} users) \`SAMPLE_CONCURRENCY=${SAMPLE_CONCURRENCY}\`, --project credira (first to last sampled request, counted by the reference)${runs === 1 ? ', one run' : ''}`,
      perSecond(suiteRate),
      `${perSecond(bareRate)}: a bare undici loop in a fresh process, same requests, ${SAMPLE_CONCURRENCY} in flight`,
      `${(suiteRate / bareRate).toFixed(2)}×`,
      '—',
      target,
    ]);
  };
  const r4 = results.row4;
  if (r4 && options.rows.has('4')) {
    throughputRow(r4.users, median(r4.suite.map((r) => r.rate)), median(r4.bare), r4.suite.length);
    throughputRow(
      r4.users,
      median(r4.defect.suite.map((r) => r.rate)),
      median(r4.defect.bare),
      r4.defect.suite.length,
      `2 % of users failing a must check (\`--variant ${DEFECT_POPULATION_VARIANT}\`: every batch fails)`,
    );
    throughputRow(
      r4.users,
      median(r4.latency.suite.map((r) => r.rate)),
      median(r4.latency.bare),
      r4.latency.suite.length,
      `a clean population from a reference answering ${STAGING_LATENCY_MS} ms after each request (a nearby staging server)`,
      "no target: the bare loop's latency-bound pace",
    );
    const batches = r4.suite[0]?.cases.filter(isSampleBatch).length ?? 0;
    details.push(
      `row 4 suite: wall ${seconds(wall(r4.suite))} for the whole run (the scenarios and ${batches} batch tests); ${cpuSplit(r4.suite)}`,
    );
  }
  if (results.rss100k) {
    const r = results.rss100k;
    throughputRow(r.users, r.rate, r.bareRate, 1);
  }
  const memoryRow = (label, runs) => {
    const memories = runs.map((r) => playwrightMemory(r.processes));
    const floor = r1?.floor.length
      ? median(r1.floor.map((r) => playwrightMemory(r.processes).sumKb))
      : undefined;
    const sumKb = median(memories.map((m) => m.sumKb));
    const last = memories[memories.length - 1];
    rows.push([
      `${label}: peak RSS, runner + workers (sum of each process's peak)`,
      megabytes(sumKb),
      floor === undefined ? '—' : `${megabytes(floor)}: row 1's floor run`,
      floor === undefined ? '—' : `${(sumKb / floor).toFixed(2)}×`,
      '—',
      'no target',
    ]);
    details.push(
      `${label}: runner ${megabytes(last.runnerKb)}, workers ${last.workerKb.map(megabytes).join(' + ')}; largest single process ${megabytes(last.maxKb)}`,
    );
  };
  if (r4 && options.rows.has('5')) memoryRow(`sampling ${r4.users.toLocaleString('en-US')} ids`, r4.suite);
  if (results.rss100k) {
    memoryRow(`sampling ${results.rss100k.users.toLocaleString('en-US')} ids (one run)`, [results.rss100k]);
    details.push(
      `sampling 100,000 ids: wall ${seconds(results.rss100k.ms)}, ${perSecond(results.rss100k.rate)} (first to last sampled request)`,
    );
  }
  return { rows, details };
}

function markdownTable(rows) {
  const cell = (text) => String(text).replace(/\|/g, '\\|');
  return [
    '| what is measured | suite (median) | floor (median), measured in the same run | ratio | CPU ratio | target |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

// ---------------------------------------------------------------- main

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (existsSync(join(ROOT, '.env')))
  console.error('note: .env exists; variables it sets that the bench leaves unset still reach the suite');

const scratch = mkdtempSync(join(tmpdir(), 'conformance-bench-'));
const cleanUp = () => {
  for (const child of live) killGroup(child);
  rmSync(scratch, { recursive: true, force: true });
};
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

const loadBefore = loadavg()[0];
const started = performance.now();
const log = (message) => console.error(`[bench ${seconds(performance.now() - started)}] ${message}`);
try {
  writeHelpers(scratch);
  const results = await measure(options, log);
  const { rows, details } = summarise(results, options);
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const machine =
    `${cpus().length} cores (${cpu}), Node ${process.version}, ${process.platform}; 1-minute load average ` +
    `${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end; median of ${options.runs} ` +
    `run${options.runs === 1 ? '' : 's'}, suite and floor runs alternating`;
  const table = markdownTable(rows);
  console.log(`\n${machine}\n\n${table}\n\n${details.map((line) => `- ${line}`).join('\n')}`);
  if (options.writeReadme) {
    const readmePath = join(ROOT, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const command = `npm run bench${options.runs === 5 ? '' : ` -- --runs ${options.runs}`}`;
    const section = [
      '<!-- bench:start -->',
      `<!-- Generated by scripts/bench.mjs (\`npm run bench -- --write-readme\`); edit the script, not this block. -->`,
      `Measured with \`${command}\` on ${machine}. Each floor is measured in the same run on the same machine`,
      'and makes the same requests per contract as the suite (counted by the reference). Ratio: suite ÷ floor of',
      'the median wall times (throughput: suite ÷ bare loop); CPU ratio: the same for the CPU time (user + sys) of',
      'the whole process tree, which a busy machine distorts less; the target applies to the ratio. A load',
      'average above the core count means a shared, busy machine and noisy figures.',
      '',
      table,
      '',
      ...details.map((line) => `- ${line}`),
      '<!-- bench:end -->',
    ].join('\n');
    const markers = /<!-- bench:start -->[\s\S]*?<!-- bench:end -->/;
    if (!markers.test(readme))
      throw new Error('README.md has no <!-- bench:start --> … <!-- bench:end --> block');
    writeFileSync(
      readmePath,
      readme.replace(markers, () => section),
    );
    console.log('README.md updated');
  }
} finally {
  cleanUp();
}
