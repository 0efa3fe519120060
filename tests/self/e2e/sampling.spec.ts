/**
 * Sampling end to end (README.md, "Many users per run (sampling)"): real `npx playwright test` runs
 * with USER_IDS_FILE / USER_IDS against
 *   - the reference population, clean: passes, every user counted, no must finding;
 *   - its share-of-users defect variants (reference/variants/population.js): exactly the users of the
 *     variant's rule fail, and the examples are the earliest of them in LIST order (the lists are
 *     shuffled, so list order is not population order);
 *   - the same list run once and as two blob shards merged: the same `sample`;
 *   - a recording server, with hostile ids: each id arrives as one percent-encoded path segment of the
 *     contract's path, at the same host;
 *   - bad lists (dot segments): exit 2 before any request, naming the entry.
 * Each run gets its own reference server (or variant), started here on port 0 and stopped by PID.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, type TestInfo, test } from '@playwright/test';
import { loadContracts } from '../../../engine/contract-loader';
import {
  blobZips,
  type CliRun,
  type CliRunOptions,
  cleanUpAfterPass,
  describeRun,
  expectExit,
  readConformanceJson,
  runAndAttach,
} from './support/cli-run';
import { describeRequests, type SeenRequest, startLocalServer } from './support/local-servers';
import { idsOfRule, populationIds, type ShareRule, shuffled, writeIdFile } from './support/population-ids';
import { referenceFixture } from './support/reference-fixtures';
import { type RunningReference, startReference } from './support/reference-server';
import { describeSample, type SampleJson, sampleOf } from './support/sample-report';

/**
 * Hard kill of one child run: 2,000 users take about 20 s on an idle 2-core machine, several times
 * that on a busy one.
 */
const KILL_AFTER_MS = 240_000;
/** A test that runs one child at a time: its kill bound plus our own servers and files. */
const ONE_RUN_TIMEOUT_MS = KILL_AFTER_MS + 30_000;
/** One worker per child (the outer run has two children at once on two cores); 8 requests in flight. */
const CHILD_ENV = { CONFORMANCE_WORKERS: '1', SAMPLE_CONCURRENCY: '8' };
/** Title of the batch tests (engine/sampling/sample-plan.ts SAMPLE_TITLE), for `--grep`. */
const BATCH_TESTS = 'existingUser · sample';
const EXAMPLES = 5;

test.describe.configure({ timeout: ONE_RUN_TIMEOUT_MS });

const dirs: string[] = [];
test.afterEach(() => cleanUpAfterPass(test.info(), dirs));

function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `conformance-e2e-${label}-`));
  dirs.push(dir);
  return dir;
}

const run = (testInfo: TestInfo, options: CliRunOptions): Promise<CliRun> =>
  runAndAttach(testInfo, { ...options, env: { ...CHILD_ENV, ...options.env } }, dirs);

async function withReference<T>(variant: string | undefined, body: (server: RunningReference) => Promise<T>) {
  const server = await startReference(variant ? { variant } : {});
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

/** The variables of a run against the reference (or a variant) at `baseUrl`, as mutation.spec.ts sets them. */
function referenceEnv(contract: string, baseUrl: string): Record<string, string> {
  const fixture = referenceFixture(contract);
  return {
    BASE_URL: baseUrl,
    API_KEY: fixture.apiKey ?? '',
    USER_ID: fixture.existingUserId,
    FORBIDDEN_USER_ID: fixture.forbiddenUserId ?? '',
  };
}

function sampleOfRun(result: CliRun, contract: string): SampleJson {
  const { report, error } = readConformanceJson(result.reportDir);
  expect(error, describeRun(result)).toBeUndefined();
  const sample = sampleOf(report, contract);
  expect(sample, `contracts[${contract}].sample\n${describeRun(result)}`).toBeDefined();
  return sample as SampleJson;
}

const mustFindings = (sample: SampleJson) => sample.findings.filter((f) => f.severity === 'must');
const count = (n: number) => n.toLocaleString('en-US');

/** The one must finding a share defect must produce: its rule, exact count and earliest examples. */
function expectShareFinding(sample: SampleJson, finding: ExpectedFinding, defective: string[]): void {
  const context = describeSample(sample);
  expect(sample.failedUsers, `failedUsers: ${context}`).toBe(defective.length);
  expect(
    mustFindings(sample).map((f) => ({ ...f, exampleDetails: f.exampleDetails.map((e) => e.id) })),
    context,
  ).toEqual([
    {
      ...finding,
      severity: 'must',
      count: defective.length,
      share: defective.length / sample.users,
      examples: defective.slice(0, EXAMPLES),
      exampleDetails: defective.slice(0, EXAMPLES),
    },
  ]);
  const [must] = mustFindings(sample);
  for (const example of must?.exampleDetails ?? []) {
    expect(example.curl, `the curl of example ${example.id}`).toContain(
      `/${encodeURIComponent(example.id)}'`,
    );
  }
}

interface ExpectedFinding {
  check: string;
  instancePath: string;
  keyword: string;
}

interface ShareCase {
  variant: string;
  contract: string;
  rule: ShareRule;
  /** Users listed: a seeded shuffle of the contract's 10,000 ids, cut to this many. */
  users: number;
  seed: number;
  finding: ExpectedFinding;
}

const SHARE_CASES: ShareCase[] = [
  {
    variant: 'population-credira-bad-email-2pct',
    contract: 'credira',
    rule: { every: 50, at: 7 },
    users: 2000,
    seed: 11,
    finding: { check: 'responseSchemaConformance', instancePath: '/data/email', keyword: 'format' },
  },
  {
    variant: 'population-aitronos-null-email-half-pct',
    contract: 'aitronos',
    rule: { every: 200, at: 3 },
    users: 2000,
    seed: 12,
    finding: { check: 'responseSchemaConformance', instancePath: '/email', keyword: 'type' },
  },
  {
    // The bad entry sits at item.clients/0 to /3: one rule, indices folded to `*`.
    variant: 'population-delos-client-owner-string-1pct',
    contract: 'delos',
    rule: { every: 100, at: 42 },
    users: 1200,
    seed: 13,
    finding: { check: 'responseSchemaConformance', instancePath: '/item/clients/*/isOwner', keyword: 'type' },
  },
];

/** The premise of an examples assertion: the earliest in list order are not the lowest population indices. */
function expectListOrderMatters(contract: string, defective: string[]): void {
  const position = new Map(populationIds(contract).map((id, index) => [id, index]));
  const byIndex = [...defective].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  expect(defective.length, 'more defective users than examples').toBeGreaterThan(EXAMPLES);
  expect(defective.slice(0, EXAMPLES), 'list order differs from population order').not.toEqual(
    byIndex.slice(0, EXAMPLES),
  );
}

test('a clean population passes: 2,000 credira users, none failed, should findings counted exactly', async () => {
  const testInfo = test.info();
  const contract = 'credira';
  const ids = populationIds(contract).slice(0, 2000);
  const file = writeIdFile(tempDir('sample-clean'), 'credira-2000.txt', ids);
  const result = await withReference(undefined, (server) =>
    run(testInfo, {
      args: ['test', '--project', contract],
      env: { ...referenceEnv(contract, server.baseUrl), USER_IDS_FILE: file },
      killAfterMs: KILL_AFTER_MS,
      label: 'sample-clean',
    }),
  );
  expectExit(result, 0);
  const sample = sampleOfRun(result, contract);
  const context = describeSample(sample);
  expect(sample.users, context).toBe(2000);
  expect(sample.failedUsers, context).toBe(0);
  expect(mustFindings(sample), context).toEqual([]);
  // reference/population.js: every 25th credira user (index % 25 = 4) never logged in (null, a should).
  const neverLoggedIn = idsOfRule(contract, ids, { every: 25, at: 4 });
  const lastLogin = sample.findings.find((f) => f.instancePath === '/data/last_login');
  expect(lastLogin, context).toMatchObject({
    check: 'recommendedShapeConformance',
    severity: 'should',
    keyword: 'type',
    count: neverLoggedIn.length,
    examples: neverLoggedIn.slice(0, EXAMPLES),
  });
  expect(result.stdout, describeRun(result)).toContain('sample: 2,000 users, 0 failed');
});

for (const c of SHARE_CASES) {
  test(`${c.variant}: exactly the users of index % ${c.rule.every} = ${c.rule.at} fail, earliest in list order as examples`, async () => {
    const testInfo = test.info();
    const list = shuffled(populationIds(c.contract), c.seed).slice(0, c.users);
    const defective = idsOfRule(c.contract, list, c.rule);
    expectListOrderMatters(c.contract, defective);
    const file = writeIdFile(tempDir(`sample-${c.contract}`), `${c.contract}.txt`, list);
    const result = await withReference(c.variant, (server) =>
      run(testInfo, {
        args: ['test', '--project', c.contract],
        env: { ...referenceEnv(c.contract, server.baseUrl), USER_IDS_FILE: file },
        killAfterMs: KILL_AFTER_MS,
        label: `sample-${c.variant}`,
      }),
    );
    expectExit(result, 1);
    const sample = sampleOfRun(result, c.contract);
    expect(sample.users, describeSample(sample)).toBe(c.users);
    expectShareFinding(sample, c.finding, defective);
    expect(result.stdout, describeRun(result)).toContain(
      `sample: ${count(c.users)} users, ${count(defective.length)} failed`,
    );
  });
}

/**
 * A credira list of two halves (one per shard) whose defective users straddle them: 2 in the first, the rest in
 * the second, so the five examples of the merged shards come from both.
 */
function straddlingList(): { list: string[]; defective: string[] } {
  const rule = SHARE_CASES[0]?.rule as ShareRule;
  const all = shuffled(populationIds('credira'), 21);
  const bad = new Set(idsOfRule('credira', all, rule));
  const defective = all.filter((id) => bad.has(id));
  const clean = all.filter((id) => !bad.has(id));
  const batch1 = shuffled([...defective.slice(0, 2), ...clean.slice(0, 998)], 22);
  const batch2 = shuffled([...defective.slice(2, 40), ...clean.slice(998, 1960)], 23);
  const list = [...batch1, ...batch2];
  return { list, defective: list.filter((id) => bad.has(id)) };
}

test('--shard=1/2 + --shard=2/2 blobs merged give the sample of a single run', async () => {
  const testInfo = test.info();
  test.setTimeout(2 * KILL_AFTER_MS + 60_000);
  const [share] = SHARE_CASES as [ShareCase];
  const { list, defective } = straddlingList();
  const positions = defective.slice(0, EXAMPLES).map((id) => list.indexOf(id));
  expect(
    positions.filter((p) => p < 1000),
    `examples from both batches: positions ${positions}`,
  ).toHaveLength(2);
  const root = tempDir('sample-shards');
  const file = writeIdFile(root, 'credira-straddling.txt', list);
  const blobDirs = [join(root, 'blob-1'), join(root, 'blob-2')];

  const [shard1, shard2, single] = await withReference(share.variant, (server) => {
    const env = { ...referenceEnv('credira', server.baseUrl), USER_IDS_FILE: file };
    return Promise.all([
      // Only the batches (16 of 125 users), so each shard's half of the list is known.
      ...blobDirs.map((blobDir, index) =>
        run(testInfo, {
          args: [
            'test',
            '--project',
            'credira',
            '--grep',
            BATCH_TESTS,
            `--shard=${index + 1}/2`,
            '--reporter=blob',
          ],
          env: { ...env, PLAYWRIGHT_BLOB_OUTPUT_DIR: blobDir },
          killAfterMs: KILL_AFTER_MS,
          label: `sample-shard-${index + 1}-of-2`,
        }),
      ),
      run(testInfo, {
        args: ['test', '--project', 'credira'],
        env,
        killAfterMs: KILL_AFTER_MS,
        label: 'sample-shard-single',
      }),
    ]);
  });
  expectExit(single as CliRun, 1);
  const singleSample = sampleOfRun(single as CliRun, 'credira');
  expectShareFinding(singleSample, share.finding, defective);

  const allBlobs = join(root, 'all-blobs');
  mkdirSync(allBlobs);
  for (const [index, shard] of [shard1, shard2].entries()) {
    const result = shard as CliRun;
    // Each shard judged half of the batches (users 1–1,000 and 1,001–2,000), each half with defective
    // users among the five earliest: each fails on its own, and the merge must pick examples from both.
    expectExit(result, 1);
    expect(result.stdout, `shard ${index + 1} runs half of the batches\n${describeRun(result)}`).toMatch(
      /Running 8 tests\b/,
    );
    const zips = blobZips(blobDirs[index] as string);
    expect(zips, `one blob zip from shard ${index + 1}`).toHaveLength(1);
    for (const zip of zips) copyFileSync(zip, join(allBlobs, basename(zip)));
  }
  const merged = await run(testInfo, {
    args: ['merge-reports', '--config', 'merge.config.ts', allBlobs],
    killAfterMs: KILL_AFTER_MS,
    label: 'sample-shard-merged',
  });
  expect(merged.killed, describeRun(merged)).toBe(false);
  expect(sampleOfRun(merged, 'credira'), 'merged shards vs single run').toEqual(singleSample);
});

/** Ids a naive URL builder would turn into other paths, queries, fragments or hosts. */
const HOSTILE_IDS = [
  'plain_first',
  'a/b',
  '/leading',
  'trailing/',
  '../up',
  'x/../../admin',
  'q?x=1&y=2',
  'frag#ment',
  '100%',
  '%zz',
  'a%2Fb',
  '%2e%2e%2f',
  '...',
  'with space',
  'tab\tinside',
  'a+b',
  'quote\'"<tag>',
  'semi;colon=1',
  '@evil.example',
  '//evil.example/x',
  'http://evil.example/',
  '\\\\evil.example\\x',
  'Zoë',
  'e\u0301',
  '東京',
  '👩🏽‍💻',
  'محمد',
  '\u202Eevil',
  '東'.repeat(500),
  `long-${'x'.repeat(1995)}`,
];

/** One pchar run (RFC 3986 §3.3): unreserved, sub-delims, `:` `@`, or `%XX`; no `/`, `?`, `#`, space. */
const ONE_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;

test('hostile ids reach the target as one percent-encoded segment of the contract path, on the same host', async () => {
  const testInfo = test.info();
  expect(
    HOSTILE_IDS.find((id) => id.length >= 2000),
    'a 2,000-character id',
  ).toBeDefined();
  const contract = 'credira';
  const template = loadContracts().find((c) => c.name === contract)?.path ?? '';
  const prefix = template.slice(0, template.indexOf('{'));
  expect(prefix, `the path of ${contract} before its id`).toBe('/v1/users/');
  const server = await startLocalServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: 'User not found' } }));
  });
  let result: CliRun;
  try {
    const file = writeIdFile(tempDir('sample-hostile'), 'hostile.txt', HOSTILE_IDS);
    // Only the batch: every request but the preflight is then one listed user's (and failing
    // scenarios, each restarting a worker, would only cost time).
    result = await run(testInfo, {
      args: ['test', '--project', contract, '--grep', BATCH_TESTS],
      env: { BASE_URL: server.baseUrl, API_KEY: 'hostile-ids-key', USER_IDS_FILE: file },
      killAfterMs: KILL_AFTER_MS,
      label: 'sample-hostile',
    });
  } finally {
    await server.close();
  }
  expect(result.killed, describeRun(result)).toBe(false);
  expect(sampleOfRun(result, contract).users, describeRun(result)).toBe(HOSTILE_IDS.length);

  const requests = server.requests;
  const seen = requests
    .map((r) => `  ${r.method} ${r.url.length > 120 ? `${r.url.slice(0, 120)}…` : r.url}`)
    .join('\n');
  expect(
    requests.filter((r) => !r.url.startsWith(prefix)),
    `requests outside ${prefix}\n${seen}`,
  ).toEqual([]);
  // Besides the batch, only the runner's "is anybody there" request: one HEAD to the first id's path.
  const preflight = requests.filter((r) => r.method === 'HEAD');
  expect(preflight.length, `HEAD requests\n${seen}`).toBeLessThanOrEqual(1);
  const oneSegment = (r: SeenRequest) => ONE_SEGMENT.test(r.url.slice(prefix.length));
  expect(
    requests.filter((r) => !oneSegment(r)).map((r) => r.url),
    'paths with more than one segment, or raw characters',
  ).toEqual([]);
  const segments = requests.filter((r) => r.method !== 'HEAD').map((r) => r.url.slice(prefix.length));
  // Each listed id exactly once, whole: nothing split, merged, normalised or lost.
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  expect(segments.map((s) => decodeURIComponent(s)).sort(byCodeUnits), `decoded segments\n${seen}`).toEqual(
    [...HOSTILE_IDS].sort(byCodeUnits),
  );
  const hosts = new Set(requests.map((r: SeenRequest) => r.headers.host));
  expect([...hosts], 'the Host of every request').toEqual([`127.0.0.1:${server.port}`]);
});

interface BadList {
  name: string;
  /** USER_IDS, or the lines of USER_IDS_FILE (written as they are, so line numbers are exact). */
  userIds?: string;
  fileLines?: string[];
  /** Must appear in the output: the entry or line, and the id. */
  message: RegExp;
}

const BAD_LISTS: BadList[] = [
  {
    name: 'USER_IDS=.,user_1',
    userIds: '.,user_1',
    message: /USER_IDS is "\.,user_1": "\." is a dot segment/,
  },
  {
    name: 'a file with ".." on line 3',
    fileLines: ['# ids', 'user_1', '..', 'user_2'],
    message: /USER_IDS_FILE line 3: id "\.\." cannot be one URL path segment/,
  },
  {
    name: 'a file with "%2e%2e" on line 4',
    fileLines: ['user_1', '', 'user_2', '%2e%2E', 'user_3'],
    message: /USER_IDS_FILE line 4: id "%2e%2E" cannot be one URL path segment/,
  },
];

function writeLines(path: string, lines: readonly string[]): string {
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

test('lists with dot segments stop with exit 2 before any request, naming the entry', async () => {
  const testInfo = test.info();
  const dir = tempDir('sample-bad-lists');
  const server = await startLocalServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"error":"no request was expected"}');
  });
  let results: CliRun[];
  try {
    const env = referenceEnv('credira', server.baseUrl);
    results = await Promise.all(
      BAD_LISTS.map((bad, index) =>
        run(testInfo, {
          args: ['test', '--project', 'credira'],
          env: {
            ...env,
            ...(bad.userIds !== undefined ? { USER_IDS: bad.userIds } : {}),
            ...(bad.fileLines
              ? { USER_IDS_FILE: writeLines(join(dir, `bad-${index}.txt`), bad.fileLines) }
              : {}),
          },
          killAfterMs: 60_000,
          label: `sample-bad-list-${index}`,
        }),
      ),
    );
  } finally {
    await server.close();
  }
  for (const [index, bad] of BAD_LISTS.entries()) {
    const result = results[index] as CliRun;
    expectExit(result, 2);
    expect(`${result.stdout}\n${result.stderr}`, `${bad.name}\n${describeRun(result)}`).toMatch(bad.message);
  }
  expect(describeRequests(server.requests), 'requests received').toBe('(none)');
});
