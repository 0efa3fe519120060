import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { FullConfig, FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { CHECKS_ATTACHMENT, CHECKS_ATTACHMENT_TYPE, type CheckRecord } from '../../../engine/types';
import ConformanceReporter from '../../../reporters/conformance-reporter';
import type { ConformanceReport } from '../../../reporters/model';

// Minimal stand-ins for what Playwright hands a reporter: only the members the reporter reads.
function fakeTest(project: string, title: string, results: TestResult[] = []): TestCase {
  return {
    title,
    titlePath: () => ['', project, 'conformance.spec.ts', title],
    parent: { project: () => ({ name: project }) },
    annotations: [],
    results,
  } as unknown as TestCase;
}

function fakeResult(
  status: TestResult['status'],
  records?: CheckRecord[] | string,
  extra: Partial<TestResult> = {},
) {
  const attachments =
    records === undefined
      ? []
      : [
          {
            name: CHECKS_ATTACHMENT,
            contentType: CHECKS_ATTACHMENT_TYPE,
            body: Buffer.from(typeof records === 'string' ? records : JSON.stringify(records)),
          },
        ];
  return { status, attachments, annotations: [], errors: [], ...extra } as unknown as TestResult;
}

function checkRecord(
  contract: string,
  fields: Partial<CheckRecord> & Pick<CheckRecord, 'scenario' | 'status'>,
): CheckRecord {
  return { contract, check: 'status', description: 'd', severity: 'must', clause: 'c', ...fields };
}

const RESULT = { status: 'passed', startTime: new Date('2025-01-01T00:00:00Z'), duration: 10 } as FullResult;

/** Runs the reporter over a suite of tests whose results are given, with stdout/stderr captured. */
async function run(outputDir: string, ends: [TestCase, TestResult][], extraTests: TestCase[] = []) {
  const reporter = new ConformanceReporter({ outputDir });
  const config = { rootDir: process.cwd(), projects: [{ name: 'klaim' }, { name: 'credira' }], metadata: {} };
  const tests = [...new Set(ends.map(([t]) => t)), ...extraTests];
  for (const [t, r] of ends) (t.results as TestResult[]).push(r);
  const suite = { allTests: () => tests };
  const out: string[] = [];
  const err: string[] = [];
  const { stdout, stderr } = process;
  const originals = [stdout.write, stderr.write] as const;
  stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof stdout.write;
  stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof stderr.write;
  try {
    reporter.onBegin(config as unknown as FullConfig, suite as unknown as Suite);
    const status = await reporter.onEnd(RESULT);
    return { status, out: out.join(''), err: err.join('') };
  } finally {
    [stdout.write, stderr.write] = originals;
  }
}

test('writes both files, orders contracts as configured, keeps the last retry, reports unfinished tests', async () => {
  const testInfo = test.info();
  const dir = testInfo.outputPath('report');
  const existing = fakeTest('klaim', 'existingUser');
  const { status, out, err } = await run(
    dir,
    [
      [
        fakeTest('credira', 'existingUser'),
        fakeResult('passed', [checkRecord('credira', { scenario: 'existingUser', status: 'passed' })]),
      ],
      [
        existing,
        fakeResult('failed', [checkRecord('klaim', { scenario: 'existingUser', status: 'failed' })]),
      ],
      [
        existing,
        fakeResult('passed', [checkRecord('klaim', { scenario: 'existingUser', status: 'passed' })]),
      ],
    ],
    [fakeTest('klaim', 'wrongMethod')],
  );
  expect(err).toBe('');
  // A scenario that never ran proves nothing: klaim is not conformant, so the run fails.
  expect(status).toEqual({ status: 'failed' });
  const model = JSON.parse(readFileSync(`${dir}/conformance.json`, 'utf8')) as ConformanceReport;
  expect(model.run.contracts).toEqual(['klaim', 'credira']);
  const klaim = model.contracts[0];
  expect(klaim?.checks.map((c) => `${c.scenario}.${c.check}:${c.status}`)).toEqual([
    'wrongMethod.scenario:not-run',
    'existingUser.status:passed',
  ]);
  expect(readFileSync(`${dir}/index.html`, 'utf8')).toContain('data-testid="overall-verdict"');
  expect(out).toContain('credira          CONFORMANT');
  expect(out).toMatch(/Conformance report: \S*\/report\/index\.html\n$/);
});

test('a skipped test without records uses its skip annotation as the reason', async () => {
  const testInfo = test.info();
  const dir = testInfo.outputPath('report');
  const annotations = [{ type: 'skip', description: 'the contract documents no authentication' }];
  await run(dir, [
    [fakeTest('klaim', 'missingCredentials'), fakeResult('skipped', undefined, { annotations })],
  ]);
  const model = JSON.parse(readFileSync(`${dir}/conformance.json`, 'utf8')) as ConformanceReport;
  expect(model.contracts[0]?.checks[0]).toMatchObject({
    scenario: 'missingCredentials',
    status: 'skipped',
    reason: 'the contract documents no authentication',
  });
});

test('file attachments (path instead of body) are read too', async () => {
  const testInfo = test.info();
  const dir = testInfo.outputPath('report');
  const file = testInfo.outputPath('records.json');
  writeFileSync(file, JSON.stringify([checkRecord('klaim', { scenario: 'unknownUser', status: 'failed' })]));
  const attachments = [{ name: CHECKS_ATTACHMENT, contentType: CHECKS_ATTACHMENT_TYPE, path: file }];
  const { out } = await run(dir, [
    [fakeTest('klaim', 'unknownUser'), fakeResult('failed', undefined, { attachments })],
  ]);
  expect(out).toContain('klaim            NOT CONFORMANT  0/1 must passed');
});

test('the API key never reaches the files', async () => {
  const testInfo = test.info();
  const dir = testInfo.outputPath('report');
  const previous = process.env.API_KEY;
  process.env.API_KEY = 'k3y-that-leaked';
  try {
    await run(dir, [
      [
        fakeTest('klaim', 'existingUser'),
        fakeResult('failed', [
          checkRecord('klaim', { scenario: 'existingUser', status: 'failed', received: 'k3y-that-leaked' }),
        ]),
      ],
    ]);
  } finally {
    if (previous === undefined) delete process.env.API_KEY;
    else process.env.API_KEY = previous;
  }
  for (const file of ['index.html', 'conformance.json']) {
    expect(readFileSync(`${dir}/${file}`, 'utf8')).not.toContain('k3y-that-leaked');
  }
});

test.describe('a reporter error fails the run (Playwright >= 1.62 fails a run whose reporter throws)', () => {
  const cases: [string, (dir: string) => [string, [TestCase, TestResult][]], RegExp][] = [
    [
      'malformed attachment',
      (dir) => [dir, [[fakeTest('klaim', 'existingUser'), fakeResult('passed', '{not json')]]],
      /klaim › existingUser: check records are not valid JSON/,
    ],
    [
      'unwritable output directory',
      (dir) => {
        writeFileSync(dir, 'a file where the directory should be');
        return [`${dir}/report`, [[fakeTest('klaim', 'existingUser'), fakeResult('passed', [])]]];
      },
      /EEXIST|ENOTDIR/,
    ],
  ];
  for (const [name, setup, message] of cases) {
    test(name, async () => {
      const testInfo = test.info();
      const [dir, ends] = setup(testInfo.outputPath('target'));
      await expect(run(dir, ends)).rejects.toThrow(message);
    });
  }
});
