/**
 * The HTML report as a person sees it: a real run of the suite against a deliberately broken target
 * (the reference, with credira's `data.email` replaced by "not-an-email"), then index.html opened
 * from file:// in Debian's Chromium. Asserted by test id and role: the overall and the contract's
 * verdict, the matrix cell of the failing check, the failure's detail (field path, expected/received,
 * curl), that keyboard focus reaches the failure link, that the page needs no network and no
 * JavaScript, plus a full-page screenshot for whoever reviews the run.
 */

import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { createReferenceServer } from '../../../reference/server.js';
import { patchDialects } from '../../../reference/stack.js';
import { CHROMIUM_MISSING, CHROMIUM_SKIP_REASON, launchChromium } from './support/chromium';
import { attachRun, type CliRun, describeRun, readConformanceJson, runPlaywright } from './support/cli-run';
import type { ConformanceJson } from './support/conformance-report';
import { contractReport, describeFailures, failedChecks } from './support/conformance-report';
import { referenceFixture } from './support/reference-fixtures';

const CONTRACT = 'credira';
const BAD_EMAIL = 'not-an-email';
const FAILING = { scenario: 'existingUser', check: 'responseSchemaConformance', path: '/data/email' };
const FAILURE_ID = `failure-${CONTRACT}-${FAILING.scenario}-${FAILING.check}`;
const CELL_ID = `cell-${CONTRACT}-${FAILING.scenario}-${FAILING.check}`;
const KILL_AFTER_MS = 90_000;
/** Tab presses allowed to reach the failure link (the matrix comes before any detail). */
const MAX_TABS = 200;

/** The shared report dir: removed after the last test when every test passed, else kept. */
const dirs: string[] = [];
let allPassed = true;

/** The reference, on 127.0.0.1 and a free port, with credira's user email broken. */
async function startBrokenCredira(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const brokenEmail = {
    summary: `credira: data.email is "${BAD_EMAIL}"`,
    kind: 'defect' as const,
    contracts: [CONTRACT as 'credira'],
    clause: 'Response sample: "email": "john.doe@company.com"',
    apply: (base: Parameters<typeof patchDialects>[0]) =>
      patchDialects(base, [CONTRACT as 'credira'], (dialect) => ({
        renderUser: (user, ctx) => {
          const reply = dialect.renderUser(user, ctx);
          return { ...reply, body: { ...reply.body, data: { ...reply.body.data, email: BAD_EMAIL } } };
        },
      })),
  };
  const server: Server = createReferenceServer({ variant: brokenEmail });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** Runs the suite against the broken target once per worker; the browser tests share its report. */
let suiteRun: Promise<{ run: CliRun; report: ConformanceJson }> | undefined;

function brokenRun(): Promise<{ run: CliRun; report: ConformanceJson }> {
  suiteRun ??= (async () => {
    const target = await startBrokenCredira();
    const fixture = referenceFixture(CONTRACT);
    let run: CliRun;
    try {
      run = await runPlaywright({
        args: ['test', '--project', CONTRACT],
        env: {
          BASE_URL: target.baseUrl,
          API_KEY: fixture.apiKey ?? '',
          USER_ID: fixture.existingUserId,
          FORBIDDEN_USER_ID: fixture.forbiddenUserId ?? '',
        },
        killAfterMs: KILL_AFTER_MS,
        label: 'report-browser',
      });
    } finally {
      await target.close();
    }
    const diagnostics = describeRun(run);
    expect(run.killed, `the run was killed\n${diagnostics}`).toBe(false);
    expect(run.exitCode, `a must check failed: exit 1\n${diagnostics}`).toBe(1);
    dirs.push(run.reportDir);
    const { report, error } = readConformanceJson(run.reportDir);
    expect(error, diagnostics).toBeUndefined();
    return { run, report: report as ConformanceJson };
  })();
  return suiteRun;
}

const reportUrl = (run: CliRun): string => pathToFileURL(join(run.reportDir, 'index.html')).href;

/** Opens the report; every request the page makes is recorded (a self-contained page makes none but file://). */
async function openReport(page: Page, run: CliRun): Promise<{ requests: string[]; errors: string[] }> {
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  await page.goto(reportUrl(run), { waitUntil: 'load', timeout: 30_000 });
  return { requests, errors };
}

async function expectFailureShown(page: Page): Promise<void> {
  await expect(page.getByTestId('overall-verdict')).toHaveText('NOT CONFORMANT');
  await expect(page.getByTestId(`verdict-${CONTRACT}`)).toHaveText('NOT CONFORMANT');

  const cell = page.getByTestId(CELL_ID);
  await expect(cell).toHaveAttribute('data-status', 'fail');
  // Status as text, not only as colour.
  await expect(cell).toHaveText(/FAIL/);

  const detail = page.getByTestId(FAILURE_ID);
  await expect(detail).toBeVisible();
  await expect(detail).toContainText(FAILING.path);
  await expect(detail).toContainText(BAD_EMAIL);
  await expect(detail.getByText('Expected', { exact: true })).toBeVisible();
  await expect(detail.getByText('Received', { exact: true })).toBeVisible();
  await expect(detail.getByRole('table', { name: /Schema violations/ })).toContainText(FAILING.path);
  await expect(detail).toContainText(/curl -sS -i -X GET '[^']*\/v1\/users\//);
  await expect(detail).toContainText('$API_KEY');
}

let browser: Browser | undefined;

test.describe('report in Chromium', () => {
  test.skip(CHROMIUM_MISSING, CHROMIUM_SKIP_REASON);
  test.describe.configure({ mode: 'serial', timeout: KILL_AFTER_MS + 90_000 });

  test.beforeAll(async () => {
    browser = await launchChromium();
  });
  test.afterEach(() => {
    const testInfo = test.info();
    if (testInfo.status !== testInfo.expectedStatus) allPassed = false;
  });
  test.afterAll(async () => {
    await browser?.close();
    browser = undefined;
    if (allPassed) for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('the failure of a broken target: verdicts, matrix cell, detail, keyboard, screenshot', async () => {
    const testInfo = test.info();
    const { run, report } = await brokenRun();
    await attachRun(testInfo, run, 'report-browser');
    const contract = contractReport(report, CONTRACT);
    expect(contract?.conformant, describeRun(run)).toBe(false);
    const failure = contract?.checks.find(
      (c) => c.status === 'failed' && c.scenario === FAILING.scenario && c.check === FAILING.check,
    );
    expect(
      failure?.violations?.map((v) => v.instancePath),
      `conformance.json: the failures were\n${contract ? describeFailures(failedChecks(contract)) : '(no contract)'}`,
    ).toContain(FAILING.path);

    const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const { requests, errors } = await openReport(page, run);
      await expectFailureShown(page);
      // The filter script ran (the CSP allows exactly it) and nothing else was loaded.
      await expect(page.locator('#filters')).toBeVisible();
      expect(errors, 'console and page errors').toEqual([]);
      expect(
        requests.filter((url) => !url.startsWith('file://')),
        'requests the report made beyond its own file',
      ).toEqual([]);

      // The matrix cell links to the failure and says what it is.
      const link = page.getByTestId(CELL_ID).getByRole('link');
      await expect(link).toHaveAttribute('href', `#${FAILURE_ID}`);
      await expect(link).toHaveAccessibleName(`${FAILING.scenario} ${FAILING.check}: fail`);

      // Keyboard only: Tab reaches the failure link; Enter brings the failure into view.
      let focused = false;
      for (let tab = 0; tab < MAX_TABS && !focused; tab++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(
          (href) => document.activeElement?.getAttribute('href') === href,
          `#${FAILURE_ID}`,
        );
      }
      expect(focused, `Tab reaches the link to ${FAILURE_ID} within ${MAX_TABS} presses`).toBe(true);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`#${FAILURE_ID}$`));
      await expect(page.getByTestId(FAILURE_ID)).toBeInViewport();

      const screenshot = testInfo.outputPath('report-full-page.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      await testInfo.attach('report-full-page.png', { path: screenshot, contentType: 'image/png' });
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the failure is still shown', async () => {
    const testInfo = test.info();
    const { run } = await brokenRun();
    const context = await (browser as Browser).newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await openReport(page, run);
      await expectFailureShown(page);
      // The filters need the script: without it they stay hidden, and every detail stays shown.
      await expect(page.locator('#filters')).toBeHidden();
      const screenshot = testInfo.outputPath('report-no-javascript.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      await testInfo.attach('report-no-javascript.png', { path: screenshot, contentType: 'image/png' });
    } finally {
      await context.close();
    }
  });
});
