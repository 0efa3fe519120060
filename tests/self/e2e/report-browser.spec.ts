/**
 * The HTML report as a person sees it, in Debian's Chromium, opened from file://. The reports are
 * built from the model (the records a broken target gives), so this test depends on the renderer
 * only: suite-cli and report-scale cover real runs.
 *
 * 1. A broken credira (its `data.email` is "not-an-email"), with discovery: the compatibility summary
 *    first, the verdicts, the matrix cell of the failing check, the failure's detail, a not-run
 *    scenario, sampling findings linking to their examples, keyboard access, no network, no script
 *    needed, plus full-page screenshots for whoever reviews the run.
 * 2. At scale: five contracts of 18 checks × 9 scenarios with long unbreakable values, at 1280 px:
 *    no matrix and no page scrolls horizontally (measured, not only screenshotted).
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, expect, type Page, test } from '@playwright/test';
import type { CheckRecord, Exchange } from '../../../engine/types';
import { buildReportModel, type ContractInput, type ReportInput } from '../../../reporters/model';
import { renderHtml } from '../../../reporters/render-html';
import { writeReport } from '../../../reporters/write-report';
import { CHROMIUM_MISSING, CHROMIUM_SKIP_REASON, launchChromium } from './support/chromium';

const CONTRACT = 'credira';
const BAD_EMAIL = 'not-an-email';
const FAILING = { scenario: 'existingUser', check: 'responseSchemaConformance', path: '/data/email' };
const FAILURE_ID = `failure-${CONTRACT}-${FAILING.scenario}-${FAILING.check}`;
const CELL_ID = `cell-${CONTRACT}-${FAILING.scenario}-${FAILING.check}`;
const TARGET = 'http://127.0.0.1:8123';
const VIEWPORT = { width: 1280, height: 900 };
/** Tab presses allowed to reach the failure link (the summary and matrix come before any detail). */
const MAX_TABS = 200;

function record(
  fields: Partial<CheckRecord> & Pick<CheckRecord, 'scenario' | 'check' | 'status'>,
): CheckRecord {
  return {
    contract: CONTRACT,
    description: `${fields.check} holds`,
    severity: 'must',
    clause: '',
    ...fields,
  };
}

function userExchange(email: string): Exchange {
  return {
    request: {
      method: 'GET',
      url: `${TARGET}/v1/users/user_1`,
      headers: { accept: 'application/json', authorization: 'Bearer [REDACTED]' },
    },
    response: {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      bodyText: JSON.stringify({ success: true, data: { id: 'user_1', email }, meta: {} }),
      durationMs: 4,
    },
  };
}

const CURL = `curl -sS -i -X GET '${TARGET}/v1/users/user_1' -H "Authorization: Bearer $API_KEY" --max-time 10`;

/** What a run against credira with a broken email gives: one must failure, a warning, a skip, a scenario not run. */
function brokenCrediraRecords(): CheckRecord[] {
  const passed = (scenario: string, checks: string[]) =>
    checks.map((check) => record({ scenario, check, status: 'passed' }));
  return [
    ...passed('existingUser', [
      'responseReceived',
      'statusCodeConformance',
      'mediaTypeConformance',
      'bodyIsJson',
    ]),
    record({
      scenario: FAILING.scenario,
      check: FAILING.check,
      status: 'failed',
      title: 'Response body does not match the schema',
      expected: 'the body of a 200 response to match the documented schema',
      received: '1 violation',
      violations: [
        {
          instancePath: FAILING.path,
          schemaPath: '#/properties/data/properties/email/format',
          keyword: 'format',
          params: { format: 'email' },
          message: 'must match format "email"',
          value: JSON.stringify(BAD_EMAIL),
          clause: 'data.email, sample "john.doe@company.com"',
        },
      ],
      curl: CURL,
      exchange: userExchange(BAD_EMAIL),
    }),
    record({ scenario: 'existingUser', check: 'returnsRequestedUser', status: 'passed' }),
    record({
      scenario: 'existingUser',
      check: 'recommendedShapeConformance',
      status: 'passed',
      severity: 'should',
    }),
    ...passed('unknownUser', ['responseReceived', 'statusCodeConformance', 'errorFormatConformance']),
    ...passed('missingCredentials', ['responseReceived', 'authEnforced']),
    ...passed('invalidCredentials', ['responseReceived', 'authEnforced']),
    record({
      scenario: 'forbiddenUser',
      check: 'scenario',
      status: 'skipped',
      reason: 'FORBIDDEN_USER_ID is not set',
    }),
    record({
      scenario: 'malformedId',
      check: 'scenario',
      status: 'not-run',
      reason: 'the run was interrupted before this scenario finished',
    }),
    record({
      scenario: 'wrongMethod',
      check: 'statusCodeConformance',
      status: 'failed',
      severity: 'should',
      title: 'Undocumented status code',
      expected: '405',
      received: '404',
    }),
  ];
}

function brokenCredira(): ReportInput {
  const notServed = (name: string, method: string, status: number | null, reason: string): ContractInput => ({
    name,
    meta: null,
    records: [],
    served: false,
    probe: {
      method,
      url: `${TARGET}/${name}/u1`,
      status,
      mediaType: status === null ? null : 'text/html',
      served: false,
      reason,
    },
  });
  return {
    target: TARGET,
    startedAt: '2025-01-02T03:04:05.000Z',
    durationMs: 2500,
    suiteVersion: '0.1.0',
    selection: 'discovery',
    contracts: [
      {
        name: CONTRACT,
        meta: { source: { vendor: 'Credira', file: '002.txt' } },
        records: brokenCrediraRecords(),
        served: true,
        probe: {
          method: 'GET',
          url: `${TARGET}/v1/users/user_1`,
          status: 200,
          mediaType: 'application/json',
          served: true,
          reason: 'a JSON body in the contract’s shape',
        },
        sample: {
          users: 1000,
          failedUsers: 37,
          findings: [
            {
              check: FAILING.check,
              severity: 'must',
              instancePath: FAILING.path,
              keyword: 'format',
              count: 37,
              examples: [
                {
                  id: 'user_17',
                  expected: 'an email address',
                  received: JSON.stringify(BAD_EMAIL),
                  curl: CURL,
                },
                { id: 'user_58', expected: 'an email address', received: '""' },
              ],
            },
            {
              check: FAILING.check,
              severity: 'should',
              instancePath: '/data/phone',
              keyword: 'pattern',
              count: 4,
              examples: [{ id: 'user_3', received: '"12"' }],
            },
          ],
        },
      },
      notServed(
        'klaim',
        'POST',
        null,
        'never probed: its read operation is POST, run it with CONTRACT=klaim',
      ),
      notServed('aitronos', 'GET', 404, 'an HTML page, not the contract’s JSON'),
    ],
  };
}

const CHECK_NAMES = [
  'responseReceived',
  'statusCodeConformance',
  'authEnforced',
  'forbiddenUserNotServed',
  'mediaTypeConformance',
  'bodyIsJson',
  'responseSchemaConformance',
  'errorFormatConformance',
  'returnsRequestedUser',
  'notRateLimited',
  'noInternalDetailsLeaked',
  'noSensitiveFieldsExposed',
  'cacheControlForPersonalData',
  'securityHeadersPresent',
  'corsNotWildcardWithCredentials',
  'recommendedShapeConformance',
  'documentedCredentialFormAccepted',
  'idempotentRepeatedReadConsistent',
];
const SCENARIOS = [
  'existingUser',
  'unknownUser',
  'missingCredentials',
  'invalidCredentials',
  'forbiddenUser',
  'malformedId',
  'wrongMethod',
  'expiredCredentials',
  'caseVariantIdentifier',
];
const STATUSES: CheckRecord['status'][] = ['passed', 'failed', 'passed', 'skipped', 'passed', 'not-run'];
/** No spaces: only `overflow-wrap` keeps it from widening its box. */
const UNBREAKABLE = `https://api.example.test/${'x'.repeat(400)}`;

/** Five contracts of 18 checks × 9 scenarios, every status, long unbreakable values everywhere. */
function atScale(): ReportInput {
  const contracts = ['klaim', 'aitronos', 'credira', 'delos', 'problem-details'].map(
    (name, c): ContractInput => ({
      name,
      meta: { discrepancies: [{ id: UNBREAKABLE, doc: UNBREAKABLE, decision: UNBREAKABLE }] },
      records: SCENARIOS.flatMap((scenario, s) =>
        CHECK_NAMES.map((check, k) => {
          const status = STATUSES[(c + s + k) % STATUSES.length] ?? 'passed';
          return record({
            contract: name,
            scenario,
            check,
            status,
            severity: k >= 15 || (s + k) % 7 === 0 ? 'should' : 'must',
            reason: status === 'skipped' || status === 'not-run' ? UNBREAKABLE : undefined,
            title: status === 'failed' ? UNBREAKABLE : undefined,
            received: status === 'failed' ? UNBREAKABLE : undefined,
            violations:
              status === 'failed' && k % 3 === 0
                ? [
                    {
                      instancePath: `/${'deep/'.repeat(40)}email`,
                      schemaPath: '#/x',
                      keyword: 'format',
                      params: {},
                      message: UNBREAKABLE,
                      value: JSON.stringify(UNBREAKABLE),
                    },
                  ]
                : undefined,
            curl: status === 'failed' ? `curl -sS '${UNBREAKABLE}'` : undefined,
            exchange:
              status === 'failed'
                ? {
                    ...userExchange(UNBREAKABLE),
                    request: { method: 'GET', url: UNBREAKABLE, headers: { 'x-long': UNBREAKABLE } },
                  }
                : undefined,
          });
        }),
      ),
      sample: {
        users: 100_000,
        failedUsers: 99_999,
        findings: CHECK_NAMES.slice(0, 6).map((check, i) => ({
          check,
          severity: 'must' as const,
          instancePath: `/${'nested/'.repeat(30)}${i}`,
          keyword: 'format',
          count: 100_000 - i * 7_000,
          examples: [{ id: UNBREAKABLE, expected: UNBREAKABLE, received: UNBREAKABLE, curl: UNBREAKABLE }],
        })),
      },
    }),
  );
  return {
    target: UNBREAKABLE,
    startedAt: '2025-01-02T03:04:05.000Z',
    durationMs: 1,
    suiteVersion: '0.1.0',
    selection: 'all',
    contracts,
  };
}

/** Writes index.html and conformance.json as the reporter does; returns the file URL of index.html. */
async function writeHtml(dir: string, input: ReportInput): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const model = buildReportModel(input);
  await writeReport(dir, model, renderHtml(model));
  return pathToFileURL(join(dir, 'index.html')).href;
}

/** Opens the report; every request the page makes is recorded (a self-contained page makes none but file://). */
async function openReport(page: Page, url: string): Promise<{ requests: string[]; errors: string[] }> {
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
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

/** Widths that betray horizontal scrolling: the page's, and each matrix's against its own box and the viewport. */
async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      problems.push(`page scrolls: scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}`);
    }
    const matrices = [...document.querySelectorAll<HTMLElement>('table.matrix')];
    if (matrices.length === 0) problems.push('no matrix on the page');
    for (const matrix of matrices) {
      const name = matrix.dataset.testid ?? '?';
      if (matrix.scrollWidth > matrix.clientWidth) {
        problems.push(`${name}: scrollWidth ${matrix.scrollWidth} > clientWidth ${matrix.clientWidth}`);
      }
      const right = matrix.getBoundingClientRect().right;
      if (right > root.clientWidth)
        problems.push(`${name}: right edge ${right} > viewport ${root.clientWidth}`);
      for (const cell of matrix.querySelectorAll<HTMLElement>('th, td')) {
        if (cell.scrollWidth > cell.clientWidth + 1) {
          problems.push(`${name}: a cell overflows (${cell.textContent?.slice(0, 40)})`);
          break;
        }
      }
    }
    return problems;
  });
}

let browser: Browser | undefined;

test.describe('report in Chromium', () => {
  test.skip(CHROMIUM_MISSING, CHROMIUM_SKIP_REASON);
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  test.beforeAll(async () => {
    browser = await launchChromium();
  });
  test.afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });

  test('a broken target: summary first, verdicts, matrix cell, detail, sampling, keyboard, screenshot', async () => {
    const testInfo = test.info();
    const url = await writeHtml(testInfo.outputPath('report'), brokenCredira());
    const context = await (browser as Browser).newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      const { requests, errors } = await openReport(page, url);
      await expectFailureShown(page);

      // The compatibility summary is on the first screen: what the target speaks, and why not the rest.
      const summary = page.getByTestId('compat-summary');
      await expect(summary).toBeInViewport();
      await expect(summary.getByTestId('judged')).toHaveText(
        'Judged: credira (found by probing the target for each contract; pin it with CONTRACT=credira).',
      );
      await expect(summary.getByTestId('compat-served')).toContainText('12/13');
      const notServed = summary.getByTestId('compat-not-served');
      await expect(notServed.getByRole('row', { name: /aitronos/ })).toContainText('404 text/html');
      await expect(notServed.getByRole('row', { name: /klaim/ })).toContainText('never probed');
      await expect(page.getByTestId('verdict-aitronos')).toHaveText('not served');

      // A scenario that never ran says so, with its reason.
      const notRun = page.getByTestId(`cell-${CONTRACT}-malformedId-scenario`);
      await expect(notRun).toHaveAttribute('data-status', 'not-run');
      await expect(notRun).toHaveText(/NOT RUN/);
      await expect(page.getByTestId(`not-run-${CONTRACT}`)).toContainText('interrupted');

      // Sampling: most frequent finding first, with a visible bar; its example link leads to the example.
      const findings = page.getByTestId(`findings-${CONTRACT}`);
      await expect(findings.locator('tbody tr').first()).toContainText('37');
      const bar = findings.locator('tbody tr').first().locator('.bar > span');
      const barWidth = (await bar.boundingBox())?.width ?? 0;
      const trackWidth = (await findings.locator('.bar').first().boundingBox())?.width ?? 0;
      expect(barWidth / trackWidth, 'the bar is 3.7 % of its track').toBeCloseTo(0.037, 1);
      await findings.getByRole('link', { name: 'user_17' }).click();
      const example = page.getByTestId(`sample-${CONTRACT}-1-1`);
      await expect(example).toBeInViewport();
      await expect(example).toContainText(BAD_EMAIL);
      await expect(example).toContainText('$API_KEY');

      // The filter script ran (the CSP allows exactly it) and nothing else was loaded.
      await expect(page.locator('#filters')).toBeVisible();
      expect(errors, 'console and page errors').toEqual([]);
      expect(
        requests.filter((u) => !u.startsWith('file://')),
        'requests the report made beyond its own file',
      ).toEqual([]);
      expect(await horizontalOverflow(page)).toEqual([]);

      // The matrix cell links to the failure and says what it is.
      const link = page.getByTestId(CELL_ID).getByRole('link');
      await expect(link).toHaveAttribute('href', `#${FAILURE_ID}`);
      await expect(link).toHaveAccessibleName(`${FAILING.scenario} ${FAILING.check}: fail`);

      // Keyboard only: Tab reaches the failure link; Enter brings the failure into view.
      await page.goto(url, { waitUntil: 'load' });
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
    const url = await writeHtml(testInfo.outputPath('report'), brokenCredira());
    const context = await (browser as Browser).newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await openReport(page, url);
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

  test('at 1280 px, 18 checks × 9 scenarios: no matrix and no page scrolls horizontally', async () => {
    const testInfo = test.info();
    const url = await writeHtml(testInfo.outputPath('report'), atScale());
    const context = await (browser as Browser).newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      await openReport(page, url);
      const matrix = page.getByTestId('matrix-credira');
      await expect(matrix.locator('thead th')).toHaveCount(SCENARIOS.length + 1);
      // One row per check plus the two group headings.
      await expect(matrix.locator('tbody tr')).toHaveCount(CHECK_NAMES.length + 2);
      await expect(page.locator('table.matrix')).toHaveCount(5);
      expect(await horizontalOverflow(page)).toEqual([]);
      const screenshot = testInfo.outputPath('report-matrix-1280.png');
      await matrix.screenshot({ path: screenshot });
      await testInfo.attach('report-matrix-1280.png', { path: screenshot, contentType: 'image/png' });
    } finally {
      await context.close();
    }
  });
});
