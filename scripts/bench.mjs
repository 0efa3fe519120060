#!/usr/bin/env node
// Benchmark: the full default suite (all contracts against the built-in reference) beside two floors:
//   1. the same number of requests made by a bare Node loop against the reference (network + server cost);
//   2. a Playwright run of the same number of empty API tests (runner start-up + worker cost).
// Usage: node scripts/bench.mjs [--runs N] [--write-readme]
// Numbers go in README.md (between the bench markers) with --write-readme; never in a timed test.
import { spawn, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
  console.error(`--runs is ${JSON.stringify(args[runsArg + 1])}; expected a whole number from 1 to 50`);
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs a command to completion (bounded), returning wall time in ms and the parsed summary. */
function timed(command, commandArgs, env) {
  const started = performance.now();
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`${command} ${commandArgs.join(' ')} exited ${result.status}`);
  }
  return { ms, stdout: result.stdout };
}

const scratch = mkdtempSync(join(tmpdir(), 'conformance-bench-'));
try {
  // 1. The suite itself.
  const suite = [];
  let testCount = 0;
  let requestCount = 0;
  for (let i = 0; i < runs; i++) {
    const reportDir = join(scratch, `suite-${i}`);
    const { ms, stdout } = timed('npx', ['playwright', 'test', '--reporter=list'], {
      CONFORMANCE_REPORT_DIR: reportDir,
    });
    suite.push(ms);
    const passed = /(\d+) passed/.exec(stdout);
    const skipped = /(\d+) skipped/.exec(stdout);
    testCount = Number(passed?.[1] ?? 0) + Number(skipped?.[1] ?? 0);
    requestCount = Number(passed?.[1] ?? 0); // one request per scenario that ran
  }

  // 2. A bare Node loop making the same number of requests against the reference.
  const fixtures = JSON.parse(readFileSync(join(root, 'reference/fixtures.json'), 'utf8'));
  const contracts = readdirSync(join(root, 'contracts'))
    .filter((f) => f.endsWith('.openapi.json'))
    .map((f) => ({
      name: f.slice(0, -'.openapi.json'.length),
      doc: JSON.parse(readFileSync(join(root, 'contracts', f), 'utf8')),
    }));
  const server = spawn(process.execPath, [join(root, 'reference/server.js'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('reference did not start in 10 s')), 10_000);
    server.stdout.on('data', (chunk) => {
      const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const requests = [];
  for (const { name, doc } of contracts) {
    const fixture = fixtures[name];
    if (!fixture) continue;
    const [path, item] = Object.entries(doc.paths)[0];
    const method = Object.keys(item)[0].toUpperCase();
    const url = `${baseUrl}${path.replace(/\{[^}]+\}/, fixture.existingUserId)}`;
    requests.push({
      url,
      method,
      headers: {
        Authorization: `Bearer ${fixture.apiKey}`,
        'X-API-Key': fixture.apiKey,
        Accept: 'application/json',
      },
    });
  }
  const bare = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await requestLoop(requests, requestCount);
    bare.push(performance.now() - started);
  }
  server.kill('SIGTERM');

  // 3. The same number of empty API tests through Playwright, shaped like the suite: one project per
  // contract, one test per scenario, a project kept on one worker.
  const emptyDir = join(scratch, 'empty');
  mkdirSync(emptyDir, { recursive: true });
  const perProject = Math.ceil(testCount / contracts.length);
  writeFileSync(
    join(emptyDir, 'empty.spec.ts'),
    `import { test } from '@playwright/test';\nfor (let i = 0; i < ${perProject}; i++) test('empty ' + i, async ({ request }) => { void request; });\n`,
  );
  const projects = JSON.stringify(contracts.map(({ name }) => ({ name })));
  writeFileSync(
    join(emptyDir, 'empty.config.ts'),
    `import { defineConfig } from '@playwright/test';\nexport default defineConfig({ testDir: '.', workers: 2, fullyParallel: false, reporter: 'list', outputDir: '${join(scratch, 'empty-out')}', projects: ${projects} });\n`,
  );
  // The empty spec must resolve @playwright/test from this repo.
  symlinkSync(join(root, 'node_modules'), join(emptyDir, 'node_modules'));
  const empty = [];
  for (let i = 0; i < runs; i++)
    empty.push(timed('npx', ['playwright', 'test', '-c', join(emptyDir, 'empty.config.ts')], {}).ms);

  const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const rows = [
    [
      'full suite: `npx playwright test` (5 contracts vs the reference)',
      median(suite),
      `${testCount} tests, ${requestCount} scenarios with requests`,
    ],
    ['floor: bare Node loop, same number of requests', median(bare), `${requestCount} sequential fetches`],
    [
      'floor: Playwright, same number of empty API tests',
      median(empty),
      `${testCount} empty tests in ${contracts.length} projects, 2 workers`,
    ],
  ];
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, median of ${runs} runs`;
  const table = [
    '| what | median wall time | notes |',
    '|---|---|---|',
    ...rows.map(([what, ms, note]) => `| ${what} | ${fmt(ms)} | ${note} |`),
  ].join('\n');
  console.log(`${machine}\n\n${table}`);

  if (args.includes('--write-readme')) {
    const readmePath = join(root, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const section = `<!-- bench:start -->\nMeasured with \`npm run bench\` on ${machine}:\n\n${table}\n<!-- bench:end -->`;
    writeFileSync(readmePath, readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, section));
    console.log('README.md updated');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

async function requestLoop(requestList, count) {
  for (let i = 0; i < count; i++) {
    const request = requestList[i % requestList.length];
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
  }
}
