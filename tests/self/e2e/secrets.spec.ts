/**
 * No secret reaches any output. Table-driven: each row runs the real suite (one contract, one
 * worker) with a canary API key against a hostile server (support/hostile-echo-server.ts) that
 * answers like the contract but echoes the credential it was sent, in the row's spelling, in every
 * place of every response (body fields, reason phrase, Location, a custom header, a cookie,
 * WWW-Authenticate, Cache-Control, a header name). The suite also sends near misses of the key (the
 * forgedCredentials scenario), which the server accepts and echoes: each is a secret too.
 *
 * Then every file under the report dir (its path and its bytes), stdout and stderr are searched,
 * ignoring case, for every spelling (engine/redaction.ts `spellingsOf`) of the key and of every
 * forged key, for the row's own spelling of each, and for any 12-character piece of each, as it is
 * or base64-encoded (a secret cut short by an excerpt is still given away): zero hits. And the report still shows where the echo was, with the
 * key replaced by a visible marker: conformance.json has `[REDACTED]` in every place echoed.
 *
 * Two more rows: a closed port and a server that never answers (transport errors).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, type TestInfo, test } from '@playwright/test';
import { forgedKeys } from '../../../engine/forged-credentials';
import { REDACTED, spellingsOf } from '../../../engine/redaction';
import {
  attachRun,
  type CliRun,
  cleanUpAfterPass,
  describeRun,
  listFiles,
  readConformanceJson,
  runPlaywright,
} from './support/cli-run';
import {
  ECHO_PLACES,
  type EchoPlace,
  echoFitsHeaderName,
  KEY_SHAPES,
  type KeyShape,
  SPELLINGS,
  type SpellingName,
  startHostileEchoServer,
  XSS,
  XSS_ESCAPED,
} from './support/hostile-echo-server';
import { startLocalServer, startSilentServer } from './support/local-servers';
import { closedPort } from './support/reference-server';

const REQUEST_TIMEOUT_MS = 2000;
/** Every failed scenario costs a fresh Playwright worker (~1–4 s on a busy 2-core machine). */
const KILL_AFTER_MS = 120_000;
/** A piece of a secret this long in an output gives it away (and cannot occur there by chance). */
const FRAGMENT_LENGTH = 12;
const BASE64_TEXT = /^[A-Za-z0-9+/_=-]+$/;

interface ContractUnderTest {
  /** How the credential travels, for the test title. */
  form: string;
  userId: string;
  forbiddenUserId: string;
}

const CONTRACTS: Record<'credira' | 'aitronos', ContractUnderTest> = {
  credira: { form: 'Authorization: Bearer', userId: 'user_123456789', forbiddenUserId: 'user_987654321' },
  aitronos: { form: 'X-API-Key', userId: 'usr_abc123def456', forbiddenUserId: 'usr_f0rbidden0001' },
};

interface Row {
  contract: keyof typeof CONTRACTS;
  spelling: SpellingName;
  shape: KeyShape;
}

/** Every spelling for `Authorization: Bearer`; a representative subset for `X-API-Key`; every shape for both. */
const ROWS: Row[] = [
  { contract: 'credira', spelling: 'raw', shape: 'base64' },
  { contract: 'credira', spelling: 'JSON \\/-escaped', shape: 'base64' },
  { contract: 'credira', spelling: 'JSON \\u-escaped', shape: 'dotDash' },
  { contract: 'credira', spelling: 'base64', shape: 'hex' },
  { contract: 'credira', spelling: 'base64url of the header value', shape: 'long200' },
  { contract: 'credira', spelling: 'inside longer base64 (a JWT payload)', shape: 'dotDash' },
  { contract: 'credira', spelling: 'URL-encoded', shape: 'base64' },
  { contract: 'credira', spelling: 'form-encoded header value', shape: 'long200' },
  { contract: 'credira', spelling: 'HTML numeric entities', shape: 'dotDash' },
  { contract: 'credira', spelling: 'upper-cased', shape: 'hex' },
  { contract: 'credira', spelling: 'URL-encoded', shape: 'base64Short' },
  { contract: 'credira', spelling: 'JSON \\/-escaped', shape: 'base64Short' },
  { contract: 'aitronos', spelling: 'raw', shape: 'long200' },
  { contract: 'aitronos', spelling: 'JSON \\u-escaped', shape: 'base64' },
  { contract: 'aitronos', spelling: 'base64', shape: 'dotDash' },
  { contract: 'aitronos', spelling: 'URL-encoded', shape: 'hex' },
  { contract: 'credira', spelling: 'hex dump', shape: 'base64' },
];

const dirs: string[] = [];
test.afterEach(() => cleanUpAfterPass(test.info(), dirs));

interface Hit {
  where: string;
  what: string;
  excerpt: string;
}

/** Searched ignoring case: a secret lower-cased on its way (as header names are) is still given away. */
interface Needles {
  spellings: { what: string; text: string }[];
  /** Every piece of FRAGMENT_LENGTH characters of every secret, lower-cased → which secret. */
  fragments: Map<string, string>;
}

/** The key and its forged near misses, every spelling of each, the row's own echo of each, and their pieces. */
function needlesFor(key: string, echoOf: (secret: string) => string): Needles {
  const secrets = [
    { what: 'the key', secret: key },
    ...forgedKeys(key).map((secret, i) => ({ what: `forged key #${i + 1}`, secret })),
  ];
  const spellings = secrets.flatMap(({ what, secret }) => [
    ...spellingsOf(secret).map((text, i) => ({ what: `${what}, spelling #${i}`, text: text.toLowerCase() })),
    { what: `${what}, as the server echoed it`, text: echoOf(secret).toLowerCase() },
  ]);
  // Pieces of the key as it is and of its base64 spellings (escaped spellings are too long to cut
  // into pieces that would still name the key): what an excerpt leaves of a secret it cut short.
  const fragments = new Map<string, string>();
  for (const { what, secret } of secrets) {
    for (const spelling of [secret, ...spellingsOf(secret).filter((text) => BASE64_TEXT.test(text))]) {
      for (let at = 0; at + FRAGMENT_LENGTH <= spelling.length; at++) {
        const piece = spelling.slice(at, at + FRAGMENT_LENGTH).toLowerCase();
        if (!fragments.has(piece))
          fragments.set(piece, `${what}, a ${FRAGMENT_LENGTH}-character piece of ${spelling.slice(0, 16)}…`);
      }
    }
  }
  return { spellings, fragments };
}

const excerptAt = (text: string, at: number, length: number): string =>
  text.slice(Math.max(0, at - 100), at + length + 40).replace(/\s+/g, ' ');

function hitsIn(where: string, text: string, needles: Needles): Hit[] {
  const hits: Hit[] = [];
  const lower = text.toLowerCase();
  for (const { what, text: needle } of needles.spellings) {
    const at = lower.indexOf(needle);
    if (at !== -1) hits.push({ where, what, excerpt: excerptAt(text, at, needle.length) });
  }
  for (let at = 0; at + FRAGMENT_LENGTH <= lower.length; at++) {
    const what = needles.fragments.get(lower.slice(at, at + FRAGMENT_LENGTH));
    if (what !== undefined) {
      hits.push({ where, what, excerpt: excerptAt(text, at, FRAGMENT_LENGTH) });
      break; // one is enough per output: the spellings above say which
    }
  }
  return hits;
}

/** Every file under the report dir (its path and its bytes), stdout and stderr. */
function secretHits(run: CliRun, needles: Needles): { hits: Hit[]; files: string[] } {
  const files = listFiles(run.reportDir).map((file) => relative(run.reportDir, file));
  const hits = files.flatMap((file) => [
    ...hitsIn(`path of ${file}`, file, needles),
    ...hitsIn(file, readFileSync(join(run.reportDir, file)).toString('utf8'), needles),
  ]);
  hits.push(...hitsIn('stdout', run.stdout, needles), ...hitsIn('stderr', run.stderr, needles));
  return { hits, files };
}

const describeHits = (hits: Hit[]): string =>
  hits.map((h) => `  ${h.what} in ${h.where}: …${h.excerpt}…`).join('\n');

async function runSuite(
  testInfo: TestInfo,
  label: string,
  contracts: string,
  env: { BASE_URL: string; API_KEY: string; USER_ID: string; FORBIDDEN_USER_ID: string },
): Promise<CliRun> {
  const run = await runPlaywright({
    args: ['test'],
    env: {
      ...env,
      // None: discovery probes which contracts the target serves.
      ...(contracts ? { CONTRACT: contracts } : {}),
      CONFORMANCE_WORKERS: '1',
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
    killAfterMs: KILL_AFTER_MS,
    label,
  });
  dirs.push(run.reportDir);
  await attachRun(testInfo, run, label);
  return run;
}

/** The suite against a server of the test's own (credira's users), which is closed afterwards. */
async function runSuiteAgainst(
  testInfo: TestInfo,
  label: string,
  contracts: string,
  server: { baseUrl: string; close: () => Promise<void> },
  key: string,
): Promise<CliRun> {
  try {
    return await runSuite(testInfo, label, contracts, {
      BASE_URL: server.baseUrl,
      API_KEY: key,
      USER_ID: CONTRACTS.credira.userId,
      FORBIDDEN_USER_ID: CONTRACTS.credira.forbiddenUserId,
    });
  } finally {
    await server.close();
  }
}

/** The run ended by itself with a failed verdict, wrote its three reports, and no output holds a secret. */
function expectNoSecret(run: CliRun, needles: Needles): void {
  const diagnostics = describeRun(run, 3000);
  expect(run.killed, `the run was killed\n${diagnostics}`).toBe(false);
  expect(run.exitCode, `exit code\n${diagnostics}`).toBe(1);
  const { hits, files } = secretHits(run, needles);
  for (const name of ['index.html', 'conformance.json', 'junit.xml']) {
    expect(files, `${name} was written (and searched)\n${diagnostics}`).toContain(name);
  }
  expect(
    hits,
    `secrets in the outputs (${files.length} files searched: ${files.join(', ')}):\n${describeHits(hits)}`,
  ).toEqual([]);
}

interface ReportedResponse {
  statusText: string;
  headers: Record<string, string>;
  bodyText: string;
}

interface ReportedCheck {
  scenario: string;
  check: string;
  received?: string;
  violations?: { value: string }[];
  exchange?: { response?: ReportedResponse };
}

/** Where conformance.json shows the marker: each echo place, in the responses of the failed checks. */
function markedPlaces(checks: ReportedCheck[]): Set<EchoPlace | 'received'> {
  const places = new Set<EchoPlace | 'received'>();
  const marked = (text: string | undefined) => text?.includes(REDACTED) === true;
  for (const check of checks) {
    if (marked(check.received) || check.violations?.some((v) => marked(v.value))) places.add('received');
    const response = check.exchange?.response;
    if (!response) continue;
    if (marked(response.bodyText)) places.add('body');
    if (marked(response.statusText)) places.add('reason phrase');
    for (const [name, value] of Object.entries(response.headers)) {
      if (marked(name)) places.add('header name');
      const place = ECHO_PLACES.find((p) => p === name);
      if (place && marked(value)) places.add(place);
    }
  }
  return places;
}

test.describe.configure({ timeout: KILL_AFTER_MS + 30_000 });

for (const row of ROWS) {
  const { form, userId, forbiddenUserId } = CONTRACTS[row.contract];
  test(`${row.contract} (${form}), key ${row.shape}, echoed ${row.spelling}: no secret in any output, [REDACTED] where it was`, async () => {
    const testInfo = test.info();
    const key = KEY_SHAPES[row.shape];
    const server = await startHostileEchoServer({
      contract: row.contract,
      canary: key,
      spelling: row.spelling,
      userId,
      forbiddenUserId,
    });
    let run: CliRun;
    try {
      run = await runSuite(testInfo, `secrets-${row.contract}-${row.shape}`, row.contract, {
        BASE_URL: server.baseUrl,
        API_KEY: key,
        USER_ID: userId,
        FORBIDDEN_USER_ID: forbiddenUserId,
      });
    } finally {
      await server.close();
    }
    // The key and its near misses really went out (so finding nothing means something).
    const sent = server.requests.map((r) => String(r.headers.authorization ?? r.headers['x-api-key'] ?? ''));
    for (const secret of [key, ...forgedKeys(key)]) {
      expect(
        sent.filter((value) => value.endsWith(secret)).length,
        `requests that carried ${secret}`,
      ).toBeGreaterThan(0);
    }

    const headerValue = (secret: string) => (row.contract === 'credira' ? `Bearer ${secret}` : secret);
    expectNoSecret(
      run,
      needlesFor(key, (secret) => SPELLINGS[row.spelling](secret, headerValue(secret))),
    );

    const { report, error } = readConformanceJson(run.reportDir);
    expect(report, error).toBeDefined();
    const checks = (report?.contracts.find((c) => c.name === row.contract)?.checks ?? []) as ReportedCheck[];
    const expectedPlaces = ECHO_PLACES.filter(
      (place) => place !== 'header name' || echoFitsHeaderName(server.canaryEcho),
    );
    const places = markedPlaces(checks);
    expect(
      [...expectedPlaces, 'received'].filter((place) => !places.has(place as EchoPlace)),
      'echo places that conformance.json does not show as [REDACTED]',
    ).toEqual([]);

    const html = readFileSync(join(run.reportDir, 'index.html'), 'utf8');
    expect(html, 'echoed credentials shown redacted in index.html').toContain(REDACTED);
    expect(html, 'raw <script> from a response body in index.html').not.toContain(XSS);
    expect(html, 'the name field shown escaped').toContain(XSS_ESCAPED);
  });
}

const TRANSPORT_KEY = KEY_SHAPES.dotDash;

test('discovery (no CONTRACT): a target echoing the key in its media type and member names: no secret in any output', async () => {
  const testInfo = test.info();
  const key = KEY_SHAPES.base64;
  // Every route refused; each probe line quotes the answer's media type and top-level member names.
  const server = await startLocalServer((req, res) => {
    const sent = String(req.headers.authorization ?? req.headers['x-api-key'] ?? '').replace(/^Bearer /, '');
    const echo = sent || 'none';
    res.writeHead(401, { 'content-type': `application/x.${echo.toLowerCase()}` });
    res.end(JSON.stringify({ [echo]: true, error: 'unauthorized', success: false }));
  });
  const run = await runSuiteAgainst(testInfo, 'secrets-discovery', '', server, key);
  expect(
    server.requests.filter((r) => String(r.headers.authorization ?? r.headers['x-api-key']).endsWith(key))
      .length,
    'probes that carried the key',
  ).toBeGreaterThan(0);
  expect(run.stdout, `the probe lines were printed\n${describeRun(run, 3000)}`).toMatch(/not served/);
  expectNoSecret(
    run,
    needlesFor(key, (secret) => secret),
  );
});

test('closed port (a transport error): no secret in any output', async () => {
  const testInfo = test.info();
  const port = await closedPort();
  const run = await runSuite(testInfo, 'secrets-closed-port', 'credira,aitronos', {
    BASE_URL: `http://127.0.0.1:${port}`,
    API_KEY: TRANSPORT_KEY,
    USER_ID: CONTRACTS.credira.userId,
    FORBIDDEN_USER_ID: CONTRACTS.credira.forbiddenUserId,
  });
  expectNoSecret(
    run,
    needlesFor(TRANSPORT_KEY, (secret) => secret),
  );
  expect(readFileSync(join(run.reportDir, 'index.html'), 'utf8'), 'the transport error is reported').toMatch(
    /ECONNREFUSED/,
  );
});

test('server that never answers within REQUEST_TIMEOUT_MS: no secret in any output', async () => {
  const testInfo = test.info();
  const server = await startSilentServer();
  const run = await runSuiteAgainst(testInfo, 'secrets-silent', 'credira,aitronos', server, TRANSPORT_KEY);
  expect(server.requests.length, 'requests reached the silent server').toBeGreaterThan(0);
  expectNoSecret(
    run,
    needlesFor(TRANSPORT_KEY, (secret) => secret),
  );
  expect(readFileSync(join(run.reportDir, 'index.html'), 'utf8'), 'the timeout is reported').toMatch(
    /timeout|did not answer/i,
  );
});
