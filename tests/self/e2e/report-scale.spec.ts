/**
 * The report at scale: a server that answers every request of every contract with 200 and ~200 KB
 * of garbage JSON (the doc's sample with every value of the wrong type, plus padding), so nearly
 * every check of all five contracts fails. The run must still end cleanly (exit 1), write a
 * conformance.json that parses and an index.html under 5 MB that Chromium renders in reasonable time,
 * 1280 px wide without horizontal scrolling.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { CHROMIUM_MISSING, CHROMIUM_SKIP_REASON, launchChromium } from './support/chromium';
import {
  attachRun,
  type CliRun,
  cleanUpAfterPass,
  describeRun,
  readConformanceJson,
  runPlaywright,
} from './support/cli-run';
import type { ConformanceJson } from './support/conformance-report';
import { allContracts, contractRoutes, mistyped, routeFor } from './support/contract-routes';
import { type LocalServer, startLocalServer } from './support/local-servers';

/** Generous: every failed scenario costs a fresh Playwright worker (~1–4 s on a busy 2-core machine). */
const KILL_AFTER_MS = 300_000;
const MAX_HTML_BYTES = 5 * 1024 * 1024;
const MAX_LOAD_MS = 10_000;
/** Padding of each garbage body: 2,000 strings of 100 characters. */
const PADDING = Array.from({ length: 2000 }, (_, i) => `${String(i).padStart(6, '0')}-${'x'.repeat(93)}`);

/** Checks garbage can pass: it arrives, as JSON, with the documented media type. */
const MAY_PASS = ['responseReceived', 'mediaTypeConformance', 'bodyIsJson'];

const dirs: string[] = [];
test.afterEach(() => cleanUpAfterPass(test.info(), dirs));

function startGarbageServer(): Promise<LocalServer> {
  const routes = contractRoutes();
  const union = Object.assign({}, ...routes.map((route) => mistyped(route.sample) as object));
  return startLocalServer((req, res) => {
    const route = routeFor(routes, req.url ?? '/');
    const garbage = route ? mistyped(route.sample) : union;
    const body = JSON.stringify({ ...(garbage as object), garbage_padding: PADDING });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
}

test('garbage from every contract path: exit 1, conformance.json parses, index.html < 5 MB and renders', async () => {
  const testInfo = test.info();
  test.setTimeout(KILL_AFTER_MS + 90_000);
  const server = await startGarbageServer();
  let run: CliRun;
  try {
    run = await runPlaywright({
      args: ['test'],
      env: {
        BASE_URL: server.baseUrl,
        // Every contract judged: discovery would find that garbage has no contract's shape.
        CONTRACT: allContracts().join(','),
        API_KEY: 'garbage-key-1b2c3d4e',
        USER_ID: 'user_1',
        FORBIDDEN_USER_ID: 'user_2',
        MALFORMED_USER_ID: 'not a valid id!',
      },
      killAfterMs: KILL_AFTER_MS,
      label: 'report-scale',
    });
  } finally {
    await server.close();
  }
  dirs.push(run.reportDir);
  await attachRun(testInfo, run, 'report-scale');
  const diagnostics = describeRun(run, 3000);
  expect(run.killed, `the run was killed\n${diagnostics}`).toBe(false);
  expect(run.exitCode, `exit code\n${diagnostics}`).toBe(1);

  const { report, error } = readConformanceJson(run.reportDir);
  expect(error, diagnostics).toBeUndefined();
  const json = report as ConformanceJson;
  expect(json.contracts.map((c) => c.name).sort(), diagnostics).toEqual(allContracts());
  const summary = json.contracts.map((c) => `${c.name}: ${JSON.stringify(c.counts)}`).join('\n');
  for (const contract of json.contracts) {
    expect(contract.conformant, `${contract.name} is not conformant\n${summary}`).toBe(false);
    // Garbage is still JSON, sent with 200 and the right media type: only those checks may pass, and
    // the credential-less TRACE probe is not served the user (garbage holds no requested id).
    const passed = contract.checks
      .filter((c) => c.severity === 'must' && c.status === 'passed')
      .filter(
        (c) =>
          !MAY_PASS.includes(c.check) &&
          !(c.scenario === 'existingUser' && c.check === 'statusCodeConformance') &&
          !(c.scenario === 'wrongMethod' && c.check === 'authEnforced'),
      )
      .map((c) => `${c.scenario} › ${c.check}`);
    expect(passed, `must checks of ${contract.name} that passed against garbage\n${summary}`).toEqual([]);
    expect(contract.counts.mustFailed, `${contract.name}\n${summary}`).toBeGreaterThan(0);
  }

  const htmlPath = join(run.reportDir, 'index.html');
  const htmlBytes = statSync(htmlPath).size;
  const jsonBytes = statSync(join(run.reportDir, 'conformance.json')).size;
  testInfo.annotations.push({
    type: 'report size',
    description: `index.html ${htmlBytes} bytes, conformance.json ${jsonBytes} bytes; ${summary.replace(/\n/g, '; ')}`,
  });
  expect(htmlBytes, `index.html is ${htmlBytes} bytes`).toBeLessThan(MAX_HTML_BYTES);

  if (CHROMIUM_MISSING) {
    testInfo.annotations.push({ type: 'skipped part', description: `rendering: ${CHROMIUM_SKIP_REASON}` });
    return;
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const started = performance.now();
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: 60_000 });
    const loadMs = Math.round(performance.now() - started);
    testInfo.annotations.push({ type: 'page load', description: `${loadMs} ms` });
    console.log(
      `report-scale: suite run ${run.wallMs} ms, index.html ${htmlBytes} bytes, conformance.json ${jsonBytes} bytes, page load ${loadMs} ms`,
    );
    expect(loadMs, `index.html (${htmlBytes} bytes) loads within ${MAX_LOAD_MS} ms`).toBeLessThan(
      MAX_LOAD_MS,
    );
    await expect(page.getByTestId('overall-verdict')).toHaveText('NOT CONFORMANT');
    for (const name of allContracts()) {
      await expect(page.getByTestId(`verdict-${name}`)).toHaveText('NOT CONFORMANT');
      await expect(page.getByTestId(`matrix-${name}`)).toBeVisible();
    }
    // Huge bodies are cut in the page (conformance.json keeps them).
    await expect(page.getByText(/Body truncated/).first()).toBeVisible();
    await expect(page.getByTestId('compat-served').locator('tbody tr')).toHaveCount(allContracts().length);
    // However many failures, nothing widens the page past 1280 px, matrices included.
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
      matrices: [...document.querySelectorAll('table.matrix')].map((m) =>
        Math.ceil(m.getBoundingClientRect().right),
      ),
    }));
    expect(widths.matrices, 'one matrix per contract').toHaveLength(allContracts().length);
    expect(Math.max(widths.page, ...widths.matrices), JSON.stringify(widths)).toBeLessThanOrEqual(
      widths.viewport,
    );
  } finally {
    await browser.close();
  }
});
