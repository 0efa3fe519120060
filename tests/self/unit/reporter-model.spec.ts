import { expect, test } from '@playwright/test';
import type { CheckRecord } from '../../../engine/types';
import { type FinishedTest, parseCheckRecords, recordsForTest } from '../../../reporters/collect-records';
import { renderConsoleSummary } from '../../../reporters/console-summary';
import { buildReportModel, type ContractInput } from '../../../reporters/model';

function rec(fields: Partial<CheckRecord> & Pick<CheckRecord, 'scenario' | 'check' | 'status'>): CheckRecord {
  return {
    contract: 'klaim',
    description: `${fields.check} holds`,
    severity: 'must',
    clause: 'doc §1',
    ...fields,
  };
}

function model(...contracts: ContractInput[]) {
  return buildReportModel({
    target: 'https://api.example.test',
    startedAt: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
    durationMs: 1234.6,
    suiteVersion: '1.2.3',
    contracts,
  });
}

const pass = (check: string, severity: 'must' | 'should' = 'must') =>
  rec({ scenario: 'existingUser', check, status: 'passed', severity });
const fail = (check: string, severity: 'must' | 'should' = 'must') =>
  rec({ scenario: 'existingUser', check, status: 'failed', severity });
const skip = (check: string) => rec({ scenario: 'existingUser', check, status: 'skipped', reason: 'n/a' });

test.describe('buildReportModel counts and verdict', () => {
  const cases: { name: string; records: CheckRecord[]; counts: object; conformant: boolean }[] = [
    {
      name: 'all must passed',
      records: [pass('a'), pass('b')],
      counts: { mustPassed: 2, mustFailed: 0, shouldWarnings: 0, skipped: 0, total: 2 },
      conformant: true,
    },
    {
      name: 'a failed should is a warning, not a failure',
      records: [pass('a'), fail('b', 'should'), pass('c', 'should')],
      counts: { mustPassed: 1, mustFailed: 0, shouldWarnings: 1, skipped: 0, total: 3 },
      conformant: true,
    },
    {
      name: 'one failed must breaks conformance',
      records: [pass('a'), fail('b'), skip('c')],
      counts: { mustPassed: 1, mustFailed: 1, shouldWarnings: 0, skipped: 1, total: 3 },
      conformant: false,
    },
    {
      name: 'only skipped checks',
      records: [skip('a'), skip('b')],
      counts: { mustPassed: 0, mustFailed: 0, shouldWarnings: 0, skipped: 2, total: 2 },
      conformant: true,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const report = model({ name: 'klaim', meta: null, records: c.records });
      expect(report.contracts[0]?.counts).toEqual(c.counts);
      expect(report.contracts[0]?.conformant).toBe(c.conformant);
      expect(report.run.conformant).toBe(c.conformant);
    });
  }

  test('run is conformant only when every contract is, and never with no contract', () => {
    const ok = { name: 'klaim', meta: null, records: [pass('a')] };
    const ko = { name: 'delos', meta: null, records: [fail('a')] };
    expect(model(ok).run.conformant).toBe(true);
    expect(model(ok, ko).run.conformant).toBe(false);
    expect(model().run.conformant).toBe(false);
  });
});

test('checks are ordered failed must, warnings, skipped, passed; then scenario order, then check name', () => {
  const records = [
    rec({ scenario: 'existingUser', check: 'b', status: 'passed' }),
    rec({ scenario: 'wrongMethod', check: 'a', status: 'failed' }),
    rec({ scenario: 'unknownUser', check: 'z', status: 'skipped' }),
    rec({ scenario: 'existingUser', check: 'w', status: 'failed', severity: 'should' }),
    rec({ scenario: 'existingUser', check: 'z', status: 'failed' }),
    rec({ scenario: 'existingUser', check: 'a', status: 'failed' }),
    rec({ scenario: 'missingCredentials', check: 'a', status: 'passed' }),
    rec({ scenario: 'existingUser', check: 'a', status: 'passed', severity: 'should' }),
  ];
  const checks = model({ name: 'klaim', meta: null, records }).contracts[0]?.checks ?? [];
  expect(checks.map((c) => `${c.status}/${c.severity} ${c.scenario}.${c.check}`)).toEqual([
    'failed/must existingUser.a',
    'failed/must existingUser.z',
    'failed/must wrongMethod.a',
    'failed/should existingUser.w',
    'skipped/must unknownUser.z',
    'passed/should existingUser.a',
    'passed/must existingUser.b',
    'passed/must missingCredentials.a',
  ]);
});

test('run info, contract meta and normalised violations', () => {
  const report = model(
    {
      name: 'credira',
      meta: {
        source: { file: '002.txt', vendor: 'Credira' },
        discrepancies: [{ id: 'd1', doc: 'says X', decision: 'does Y' }],
      },
      records: [
        rec({
          scenario: 'existingUser',
          check: 'schema',
          status: 'failed',
          violations: [
            {
              instancePath: '/email',
              schemaPath: '#/x',
              keyword: 'format',
              params: {},
              message: 'm',
              value: '"x"',
            },
          ],
        }),
      ],
    },
    { name: 'delos', meta: null, records: [] },
  );
  expect(report.run).toEqual({
    target: 'https://api.example.test',
    startedAt: '2025-01-02T03:04:05.000Z',
    durationMs: 1235,
    suiteVersion: '1.2.3',
    contracts: ['credira', 'delos'],
    conformant: false,
  });
  const [credira, delos] = report.contracts;
  expect(credira).toMatchObject({ vendor: 'Credira', sourceDoc: '002.txt', discrepancies: [{ id: 'd1' }] });
  expect(credira?.checks[0]?.violations?.[0]?.clause).toBeNull();
  expect(credira?.checks[0]).not.toHaveProperty('contract');
  expect(delos).toMatchObject({ vendor: null, sourceDoc: null, discrepancies: [], conformant: true });
});

test.describe('recordsForTest', () => {
  const base: FinishedTest = {
    contract: 'klaim',
    title: 'unknownUser',
    status: 'passed',
    attachmentTexts: [],
  };
  const attached = (records: CheckRecord[]) => [JSON.stringify(records)];
  const cases: { name: string; test: FinishedTest; expected: Partial<CheckRecord>[] | null }[] = [
    {
      name: 'attached records are returned as they are',
      test: { ...base, attachmentTexts: attached([pass('status')]) },
      expected: [{ check: 'status', status: 'passed' }],
    },
    {
      name: 'skipped before any check: one skip with the annotation reason',
      test: { ...base, status: 'skipped', skipReason: 'not documented' },
      expected: [{ scenario: 'unknownUser', check: 'scenario', status: 'skipped', reason: 'not documented' }],
    },
    {
      name: 'skipped records without a reason inherit the annotation reason',
      test: {
        ...base,
        status: 'skipped',
        skipReason: 'no FORBIDDEN_USER_ID',
        attachmentTexts: attached([rec({ scenario: 'forbiddenUser', check: 'status', status: 'skipped' })]),
      },
      expected: [{ check: 'status', status: 'skipped', reason: 'no FORBIDDEN_USER_ID' }],
    },
    {
      name: 'never ran',
      test: { ...base, status: 'notRun' },
      expected: [{ check: 'scenario', status: 'skipped' }],
    },
    {
      name: 'failed without a failed record: a must failure',
      test: { ...base, status: 'timedOut', errorMessage: 'Test timeout of 30000ms exceeded.' },
      expected: [
        {
          check: 'test-error',
          status: 'failed',
          severity: 'must',
          title: 'Scenario timed out',
          received: 'Test timeout of 30000ms exceeded.',
        },
      ],
    },
    {
      name: 'failed with a failed record: no extra record',
      test: { ...base, status: 'failed', attachmentTexts: attached([fail('status')]) },
      expected: [{ check: 'status', status: 'failed' }],
    },
    {
      name: 'not a scenario and no attachment: not a conformance test',
      test: { ...base, title: 'setup', status: 'failed' },
      expected: null,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const records = recordsForTest(c.test);
      if (c.expected === null) expect(records).toBeNull();
      else expect(records).toEqual(c.expected.map((e) => expect.objectContaining(e)));
    });
  }

  const invalid: [string, string, RegExp][] = [
    ['not JSON', '{', /not valid JSON/],
    ['not an array', '{}', /must be a JSON array/],
    ['bad status', JSON.stringify([{ ...pass('a'), status: 'ok' }]), /record #0 has status "ok"/],
    ['bad severity', JSON.stringify([{ ...pass('a'), severity: 'may' }]), /severity "may"/],
    ['no check', JSON.stringify([{ scenario: 'x', status: 'passed', severity: 'must' }]), /lacks/],
  ];
  for (const [name, text, message] of invalid) {
    test(`invalid attachment is an error: ${name}`, () => {
      expect(() => parseCheckRecords(text, 'klaim › existingUser')).toThrow(message);
    });
  }
});

test('console summary: one aligned line per contract, then the report path', () => {
  const report = model(
    {
      name: 'klaim',
      meta: null,
      records: [pass('a'), pass('b'), pass('c', 'should')],
    },
    {
      name: 'credira',
      meta: null,
      records: [pass('a'), fail('b'), fail('c', 'should'), fail('d', 'should'), skip('e')],
    },
    { name: 'problem-details', meta: null, records: [pass('a'), fail('b', 'should')] },
  );
  expect(renderConsoleSummary(report, 'conformance-report')).toBe(
    [
      'Conformance of https://api.example.test: NOT CONFORMANT',
      'klaim            CONFORMANT      2/2 must passed · 0 warnings · 0 skipped',
      'credira          NOT CONFORMANT  1/2 must passed · 2 warnings · 1 skipped',
      'problem-details  CONFORMANT      1/1 must passed · 1 warning · 0 skipped',
      'Conformance report: conformance-report/index.html',
      '',
    ].join('\n'),
  );
});
