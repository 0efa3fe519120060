/**
 * No secret reaches any output. The real suite runs, for every contract with auth, with a canary
 * API key against
 *   (a) a hostile server that echoes the request headers into bodies, error messages, reason
 *       phrases and response headers, and sets a session cookie;
 *   (b) a closed port (Playwright's transport error lists the request headers, Authorization included);
 *   (c) a server that never answers within REQUEST_TIMEOUT_MS.
 * Then every file under the report dir (HTML, JSON, JUnit, artifacts/, anything else), stdout and
 * stderr are searched for the canary key and the cookie's value: there must be no hit.
 * The hostile server also puts `<script>alert(1)</script>` in the user's name: index.html must
 * show it escaped.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import { expect, type TestInfo, test } from '@playwright/test';
import {
  attachRun,
  type CliRun,
  cleanUpAfterPass,
  describeRun,
  listFiles,
  runPlaywright,
} from './support/cli-run';
import { contractRoutes, contractsWithAuth, routeFor } from './support/contract-routes';
import { type LocalServer, startLocalServer, startSilentServer } from './support/local-servers';
import { closedPort } from './support/reference-server';

const CANARY_KEY = 'canary-7f3e9b1d-SECRET-5a2c';
const CANARY_COOKIE = 'cookie-4d1a86e2-SESSION-9b7f';
const XSS = '<script>alert(1)</script>';
const XSS_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

const REQUEST_TIMEOUT_MS = 1500;
/** Generous: every failed scenario costs a fresh Playwright worker (~1–4 s on a busy 2-core machine). */
const KILL_AFTER_MS = 240_000;

const dirs: string[] = [];
test.afterEach(() => cleanUpAfterPass(test.info(), dirs));

/** Header values a server may put in a reason phrase or a header (no control characters). */
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?');

/**
 * Echoes everything it receives. No Cookie header (a first request) → 401, else 200; TRACE → 200
 * `message/http` with the request itself, as TRACE is defined. Every response sets the session
 * cookie, which the server itself never writes anywhere else: if its value reaches an output, the
 * suite sent the cookie back and wrote it down.
 */
function hostileHandler(req: IncomingMessage, res: ServerResponse): void {
  const routes = contractRoutes();
  const route = routeFor(routes, req.url ?? '/');
  const credential = String(req.headers.authorization ?? req.headers['x-api-key'] ?? '');
  const token = credential.replace(/^Bearer\s+/i, '');
  const headers: Record<string, string> = {
    'set-cookie': `session=${CANARY_COOKIE}; Path=/; HttpOnly`,
    'x-echo-authorization': headerSafe(credential),
    'www-authenticate': `Bearer realm="echo", error_description="received ${headerSafe(credential)}"`,
    location: `http://127.0.0.1:9/login?key=${encodeURIComponent(token)}`,
  };
  // The key as a header *name*, where it is a valid token.
  if (/^[A-Za-z0-9-]{4,100}$/.test(token)) headers[`x-seen-${token}`] = '1';

  if (req.method === 'TRACE') {
    const echoed = Object.entries(req.headers)
      .map(([name, value]) => `${name}: ${String(value)}`)
      .join('\r\n');
    res.writeHead(200, `OK ${headerSafe(credential)}`, { ...headers, 'content-type': 'message/http' });
    res.end(`${req.method} ${req.url} HTTP/1.1\r\n${echoed}\r\n\r\n`);
    return;
  }
  const echo = {
    name: XSS,
    message: `received ${credential} for ${route?.name ?? 'no contract'}`,
    error: { code: 'ECHO', message: `invalid credential ${credential}`, headers: req.headers },
    echo: req.headers,
    data: { id: 'user_1', name: XSS, echo: req.headers },
    item: { uuid: 'user_1', name: XSS, echo: req.headers },
  };
  const status = req.headers.cookie ? 200 : 401;
  const reason = status === 200 ? `OK ${headerSafe(credential)}` : `Unauthorized ${headerSafe(credential)}`;
  res.writeHead(status, reason, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(echo, null, 1));
}

interface Hit {
  where: string;
  secret: string;
  excerpt: string;
}

/** Case-insensitive: a secret lower-cased on its way (as HTTP header names are) is still the secret. */
function hitsIn(where: string, text: string): Hit[] {
  const hits: Hit[] = [];
  const lower = text.toLowerCase();
  for (const secret of [CANARY_KEY, CANARY_COOKIE]) {
    const needle = secret.toLowerCase();
    let at = lower.indexOf(needle);
    while (at !== -1 && hits.length < 50) {
      const excerpt = text.slice(Math.max(0, at - 120), at + secret.length + 40).replace(/\s+/g, ' ');
      hits.push({ where, secret: secret === CANARY_KEY ? 'API key' : 'cookie', excerpt });
      at = lower.indexOf(needle, at + needle.length);
    }
  }
  return hits;
}

/** Every file under the report dir (any bytes: the canaries are ASCII, so decoding cannot hide them), stdout, stderr. */
function secretHits(run: CliRun): { hits: Hit[]; files: string[] } {
  const files = listFiles(run.reportDir);
  const hits = files.flatMap((file) =>
    hitsIn(relative(run.reportDir, file), readFileSync(file).toString('utf8')),
  );
  hits.push(...hitsIn('stdout', run.stdout), ...hitsIn('stderr', run.stderr));
  return { hits, files: files.map((file) => relative(run.reportDir, file)) };
}

function describeHits(hits: Hit[]): string {
  return hits.map((h) => `  ${h.secret} in ${h.where}: …${h.excerpt}…`).join('\n');
}

async function runWithCanary(testInfo: TestInfo, label: string, baseUrl: string): Promise<CliRun> {
  const run = await runPlaywright({
    args: ['test', ...contractsWithAuth().flatMap((name) => ['--project', name])],
    env: {
      BASE_URL: baseUrl,
      API_KEY: CANARY_KEY,
      USER_ID: 'user_1',
      FORBIDDEN_USER_ID: 'user_2',
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
    killAfterMs: KILL_AFTER_MS,
    label,
  });
  dirs.push(run.reportDir);
  await attachRun(testInfo, run, label);
  return run;
}

/** The run ended by itself, failed, wrote its three reports, and none of its outputs holds a secret. */
function expectNoSecret(run: CliRun): void {
  const diagnostics = describeRun(run, 3000);
  expect(run.killed, `the run was killed\n${diagnostics}`).toBe(false);
  expect(run.exitCode, `exit code\n${diagnostics}`).toBe(1);
  const { hits, files } = secretHits(run);
  for (const name of ['index.html', 'conformance.json', 'junit.xml']) {
    expect(files, `${name} was written (and searched)\n${diagnostics}`).toContain(name);
  }
  expect(
    hits,
    `secrets in the outputs (${files.length} files searched: ${files.join(', ')}):\n${describeHits(hits)}`,
  ).toEqual([]);
}

test.describe.configure({ timeout: KILL_AFTER_MS + 30_000 });

test('hostile server echoing the key and setting a cookie: no secret in any output; HTML escaped', async () => {
  const testInfo = test.info();
  const server: LocalServer = await startLocalServer(hostileHandler);
  let run: CliRun;
  try {
    run = await runWithCanary(testInfo, 'secrets-hostile', server.baseUrl);
  } finally {
    await server.close();
  }
  // The canary really went out (so finding nothing means something).
  const sentKey = server.requests.filter((r) =>
    String(r.headers.authorization ?? r.headers['x-api-key'] ?? '').includes(CANARY_KEY),
  );
  expect(sentKey.length, 'requests that carried the canary key').toBeGreaterThan(0);
  expectNoSecret(run);

  const html = readFileSync(join(run.reportDir, 'index.html'), 'utf8');
  expect(html, 'raw <script> from a response body in index.html').not.toContain('<script>alert(1)');
  expect(html, 'the name field shown escaped').toContain(XSS_ESCAPED);
  expect(html, 'echoed credentials shown redacted').toContain('[REDACTED]');
});

test('closed port (transport error lists request headers): no secret in any output', async () => {
  const testInfo = test.info();
  const port = await closedPort();
  const run = await runWithCanary(testInfo, 'secrets-closed-port', `http://127.0.0.1:${port}`);
  expectNoSecret(run);
  const html = readFileSync(join(run.reportDir, 'index.html'), 'utf8');
  expect(html, 'the transport error is reported').toMatch(/ECONNREFUSED/);
});

test('server that never answers within REQUEST_TIMEOUT_MS: no secret in any output', async () => {
  const testInfo = test.info();
  const server = await startSilentServer();
  let run: CliRun;
  try {
    run = await runWithCanary(testInfo, 'secrets-silent', server.baseUrl);
  } finally {
    await server.close();
  }
  expect(server.requests.length, 'requests reached the silent server').toBeGreaterThan(0);
  expectNoSecret(run);
  const html = readFileSync(join(run.reportDir, 'index.html'), 'utf8');
  expect(html, 'the timeout is reported').toMatch(/timeout/i);
});
