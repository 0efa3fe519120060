import { expect, test } from '@playwright/test';
import type { CheckRecord } from '../../../engine/types';
import { type FinishedTest, parseCheckRecords, recordsForTest } from '../../../reporters/collect-records';
import { renderConsoleSummary } from '../../../reporters/console-summary';
import {
  buildReportModel,
  type ContractInput,
  DISPLAY_OUTCOMES,
  describeJudged,
  displayOutcome,
  OUTCOME_LABELS,
  type ProbeReport,
  type ReportInput,
  type SampleReport,
} from '../../../reporters/model';

function checkRecord(
  fields: Partial<CheckRecord> & Pick<CheckRecord, 'scenario' | 'check' | 'status'>,
): CheckRecord {
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

function runWith(extra: Partial<ReportInput>, ...contracts: ContractInput[]) {
  return buildReportModel({
    target: 'https://api.example.test',
    startedAt: '2025-01-02T03:04:05.000Z',
    durationMs: 1,
    suiteVersion: '1.2.3',
    contracts,
    ...extra,
  });
}

const pass = (check: string, severity: 'must' | 'should' = 'must') =>
  checkRecord({ scenario: 'existingUser', check, status: 'passed', severity });
const fail = (check: string, severity: 'must' | 'should' = 'must') =>
  checkRecord({ scenario: 'existingUser', check, status: 'failed', severity });
const skip = (check: string) =>
  checkRecord({ scenario: 'existingUser', check, status: 'skipped', reason: 'n/a' });
const notRun = (check: string, severity: 'must' | 'should' = 'must') =>
  checkRecord({
    scenario: 'unknownUser',
    check,
    status: 'not-run',
    severity,
    reason: 'the target never answered',
  });

const probe = (fields: Partial<ProbeReport> = {}): ProbeReport => ({
  method: 'GET',
  url: 'http://127.0.0.1:9/v1/user/u1',
  status: 404,
  mediaType: 'text/html',
  served: false,
  reason: 'no JSON user at the documented path',
  ...fields,
});

const finding = (
  check: string,
  instancePath: string,
  count: number,
  severity: 'must' | 'should' = 'must',
): SampleReport['findings'][number] => ({
  check,
  severity,
  instancePath,
  keyword: 'format',
  count,
  examples: [{ id: `u-${instancePath}`, expected: 'an email', received: '"x"', curl: 'curl …' }],
});

test.describe('buildReportModel counts and verdict', () => {
  const cases: { name: string; records: CheckRecord[]; counts: object; conformant: boolean }[] = [
    {
      name: 'all must passed',
      records: [pass('a'), pass('b')],
      counts: { mustPassed: 2, mustFailed: 0, shouldWarnings: 0, skipped: 0, notRun: 0, total: 2 },
      conformant: true,
    },
    {
      name: 'a failed should is a warning, not a failure',
      records: [pass('a'), fail('b', 'should'), pass('c', 'should')],
      counts: { mustPassed: 1, mustFailed: 0, shouldWarnings: 1, skipped: 0, notRun: 0, total: 3 },
      conformant: true,
    },
    {
      name: 'one failed must breaks conformance',
      records: [pass('a'), fail('b'), skip('c')],
      counts: { mustPassed: 1, mustFailed: 1, shouldWarnings: 0, skipped: 1, notRun: 0, total: 3 },
      conformant: false,
    },
    {
      name: 'only skipped checks',
      records: [skip('a'), skip('b')],
      counts: { mustPassed: 0, mustFailed: 0, shouldWarnings: 0, skipped: 2, notRun: 0, total: 2 },
      conformant: true,
    },
    {
      name: 'a must that never ran is not proven: not conformant',
      records: [pass('a'), notRun('b')],
      counts: { mustPassed: 1, mustFailed: 0, shouldWarnings: 0, skipped: 0, notRun: 1, total: 2 },
      conformant: false,
    },
    {
      name: 'a should that never ran is counted, and does not break conformance',
      records: [pass('a'), notRun('b', 'should')],
      counts: { mustPassed: 1, mustFailed: 0, shouldWarnings: 0, skipped: 0, notRun: 1, total: 2 },
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

  test('run is conformant only when every judged contract is, and never with none judged', () => {
    const ok = { name: 'klaim', meta: null, records: [pass('a')] };
    const ko = { name: 'delos', meta: null, records: [fail('a')] };
    const unserved = { name: 'aitronos', meta: null, records: [], served: false, probe: probe() };
    const cases: [string, ContractInput[], boolean][] = [
      ['one conformant', [ok], true],
      ['one conformant, one not', [ok, ko], false],
      ['no contract', [], false],
      ['a conformant one and one not served', [ok, unserved], true],
      ['a failing one and one not served', [ko, unserved], false],
      ['only a contract that is not served', [unserved], false],
    ];
    for (const [name, contracts, conformant] of cases) {
      expect(model(...contracts).run.conformant, name).toBe(conformant);
    }
  });
});

test.describe('served and not served', () => {
  test('served defaults to true, probe to null; a served contract has a verdict', () => {
    const report = model({ name: 'klaim', meta: null, records: [pass('a')] });
    expect(report.contracts[0]).toMatchObject({ served: true, conformant: true, probe: null });
    expect(report.run.judged).toEqual(['klaim']);
  });

  test('a contract that is not served has no verdict (null) and is not judged, even with failures', () => {
    const report = model(
      { name: 'credira', meta: null, records: [pass('a')], served: true, probe: probe({ served: true }) },
      { name: 'aitronos', meta: null, records: [fail('a')], served: false, probe: probe() },
    );
    const [credira, aitronos] = report.contracts;
    expect(credira).toMatchObject({ served: true, conformant: true, probe: { served: true } });
    expect(aitronos).toMatchObject({ served: false, conformant: null });
    expect(aitronos?.probe).toEqual(probe());
    expect(report.run.contracts).toEqual(['credira', 'aitronos']);
    expect(report.run.judged).toEqual(['credira']);
    expect(report.run.conformant).toBe(true);
  });

  test('the probe is copied field by field in a fixed order, whatever the input order', () => {
    const shuffled = { reason: 'r', served: false, mediaType: null, status: null, url: 'u', method: 'POST' };
    const report = model({ name: 'klaim', meta: null, records: [], served: false, probe: shuffled });
    expect(Object.keys(report.contracts[0]?.probe ?? {})).toEqual([
      'method',
      'url',
      'status',
      'mediaType',
      'served',
      'reason',
    ]);
  });
});

test.describe('sampling', () => {
  const sample: SampleReport = {
    users: 1000,
    failedUsers: 40,
    findings: [
      finding('returnsRequestedUser', '/data/id', 3, 'should'),
      finding('responseSchemaConformance', '/data/name', 3, 'should'),
      finding('responseSchemaConformance', '/data/email', 37),
      finding('returnsRequestedUser', '/data/id', 3),
      finding('responseSchemaConformance', '/data/created_at', 3),
    ],
  };

  test('findings: most frequent first, then check, path, keyword, severity; share = count / users', () => {
    const report = model({ name: 'credira', meta: null, records: [pass('a')], sample });
    const findings = report.contracts[0]?.sample?.findings ?? [];
    expect(findings.map((f) => `${f.count} ${f.severity} ${f.check} ${f.instancePath}`)).toEqual([
      '37 must responseSchemaConformance /data/email',
      '3 must responseSchemaConformance /data/created_at',
      '3 should responseSchemaConformance /data/name',
      '3 must returnsRequestedUser /data/id',
      '3 should returnsRequestedUser /data/id',
    ]);
    expect(findings[0]?.share).toBeCloseTo(0.037, 10);
    expect(findings[0]?.examples).toEqual(['u-/data/email']);
    expect(findings[0]?.exampleDetails).toEqual([
      { id: 'u-/data/email', expected: 'an email', received: '"x"', curl: 'curl …' },
    ]);
    expect(report.contracts[0]?.sample).toMatchObject({ users: 1000, failedUsers: 40 });
  });

  test('conformance.json: sample sits after counts, and findings keep the documented keys', () => {
    const report = model({ name: 'credira', meta: null, records: [pass('a')], sample });
    const contract = report.contracts[0] ?? {};
    expect(Object.keys(contract)).toEqual([
      'name',
      'vendor',
      'sourceDoc',
      'served',
      'conformant',
      'probe',
      'counts',
      'sample',
      'discrepancies',
      'checks',
    ]);
    expect(Object.keys(report.contracts[0]?.sample?.findings[0] ?? {})).toEqual([
      'check',
      'severity',
      'instancePath',
      'keyword',
      'count',
      'share',
      'examples',
      'exampleDetails',
    ]);
    expect(model({ name: 'klaim', meta: null, records: [] }).contracts[0]).not.toHaveProperty('sample');
  });

  const verdicts: [string, SampleReport['findings'], boolean][] = [
    ['a must finding breaks conformance', [finding('c', '/x', 1)], false],
    ['a should finding does not', [finding('c', '/x', 5, 'should')], true],
    ['no finding', [], true],
  ];
  for (const [name, findings, conformant] of verdicts) {
    test(`sample verdict: ${name}`, () => {
      const report = model({
        name: 'credira',
        meta: null,
        records: [pass('a')],
        sample: { users: 10, failedUsers: findings.length, findings },
      });
      expect(report.contracts[0]?.conformant).toBe(conformant);
      expect(report.run.conformant).toBe(conformant);
    });
  }

  test('share stays within 0..1, and is 0 when no user was sampled', () => {
    const shares = (users: number, count: number) =>
      model({
        name: 'credira',
        meta: null,
        records: [],
        sample: { users, failedUsers: 0, findings: [finding('c', '/x', count)] },
      }).contracts[0]?.sample?.findings[0]?.share;
    expect(shares(0, 3)).toBe(0);
    expect(shares(2, 5)).toBe(1);
    expect(shares(4, 1)).toBe(0.25);
  });
});

test('checks are ordered failed must, not run, warnings, skipped, passed; then scenario order, then check name', () => {
  const records = [
    checkRecord({ scenario: 'existingUser', check: 'b', status: 'passed' }),
    checkRecord({ scenario: 'wrongMethod', check: 'a', status: 'failed' }),
    checkRecord({ scenario: 'unknownUser', check: 'z', status: 'skipped' }),
    checkRecord({ scenario: 'existingUser', check: 'w', status: 'failed', severity: 'should' }),
    checkRecord({ scenario: 'existingUser', check: 'z', status: 'failed' }),
    checkRecord({ scenario: 'malformedId', check: 'scenario', status: 'not-run', severity: 'should' }),
    checkRecord({ scenario: 'existingUser', check: 'a', status: 'failed' }),
    checkRecord({ scenario: 'missingCredentials', check: 'a', status: 'passed' }),
    checkRecord({ scenario: 'existingUser', check: 'a', status: 'passed', severity: 'should' }),
  ];
  const expected = [
    'failed/must existingUser.a',
    'failed/must existingUser.z',
    'failed/must wrongMethod.a',
    'not-run/should malformedId.scenario',
    'failed/should existingUser.w',
    'skipped/must unknownUser.z',
    'passed/should existingUser.a',
    'passed/must existingUser.b',
    'passed/must missingCredentials.a',
  ];
  const order = (input: CheckRecord[]) =>
    (model({ name: 'klaim', meta: null, records: input }).contracts[0]?.checks ?? []).map(
      (c) => `${c.status}/${c.severity} ${c.scenario}.${c.check}`,
    );
  expect(order(records)).toEqual(expected);
  // Deterministic: the order records arrive in (workers, shards) does not matter.
  expect(order([...records].reverse())).toEqual(expected);
});

test('the whole model is the same JSON whatever order records and findings arrive in', () => {
  const records = [pass('a'), fail('b'), notRun('c'), skip('d'), fail('e', 'should')];
  const findings = [finding('c', '/a', 2), finding('c', '/b', 9), finding('d', '/a', 2, 'should')];
  const build = (r: CheckRecord[], f: SampleReport['findings']) =>
    JSON.stringify(
      model({ name: 'credira', meta: null, records: r, sample: { users: 9, failedUsers: 9, findings: f } }),
    );
  expect(build([...records].reverse(), [...findings].reverse())).toBe(build(records, findings));
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
        checkRecord({
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
    selection: 'all',
    deadTarget: null,
    contracts: ['credira', 'delos'],
    judged: ['credira', 'delos'],
    conformant: false,
  });
  const [credira, delos] = report.contracts;
  expect(credira).toMatchObject({ vendor: 'Credira', sourceDoc: '002.txt', discrepancies: [{ id: 'd1' }] });
  expect(credira?.checks[0]?.violations?.[0]?.clause).toBeNull();
  expect(credira?.checks[0]).not.toHaveProperty('contract');
  expect(delos).toMatchObject({ vendor: null, sourceDoc: null, discrepancies: [], conformant: true });
});

test('selection and dead target are passed through', () => {
  const run = runWith({ selection: 'discovery', deadTarget: 'connection refused' }).run;
  expect(run).toMatchObject({ selection: 'discovery', deadTarget: 'connection refused', conformant: false });
});

test.describe('display vocabulary', () => {
  test('one outcome per status and severity; every outcome has one distinct badge', () => {
    const cases: [CheckRecord['status'], 'must' | 'should', string][] = [
      ['passed', 'must', 'pass'],
      ['passed', 'should', 'pass'],
      ['failed', 'must', 'fail'],
      ['failed', 'should', 'warning'],
      ['skipped', 'must', 'skipped'],
      ['not-run', 'must', 'not-run'],
      ['not-run', 'should', 'not-run'],
    ];
    for (const [status, severity, outcome] of cases) {
      expect(displayOutcome({ status, severity }), `${status}/${severity}`).toBe(outcome);
    }
    const badges = DISPLAY_OUTCOMES.map((o) => OUTCOME_LABELS[o].badge);
    expect(new Set(badges).size).toBe(badges.length);
    expect(badges).toEqual(['FAIL', 'NOT RUN', 'WARNING', 'SKIPPED', 'PASS']);
  });

  const judged: [string, Partial<ReportInput>, ContractInput[], string][] = [
    [
      'discovery of one contract says how to pin it',
      { selection: 'discovery' },
      [
        { name: 'credira', meta: null, records: [] },
        { name: 'klaim', meta: null, records: [], served: false },
      ],
      'Judged: credira (found by probing the target for each contract; pin it with CONTRACT=credira)',
    ],
    [
      'discovery of several',
      { selection: 'discovery' },
      [
        { name: 'credira', meta: null, records: [] },
        { name: 'delos', meta: null, records: [] },
      ],
      'Judged: credira, delos (found by probing the target for each contract; pin one with CONTRACT=<name> (credira, delos))',
    ],
    [
      'discovery of none',
      { selection: 'discovery' },
      [{ name: 'klaim', meta: null, records: [], served: false }],
      'Judged: none — the target serves none of the 1 contract(s) probed; check BASE_URL and USER_ID, or name the contract with CONTRACT=<name>',
    ],
    [
      'CONTRACT',
      { selection: 'CONTRACT' },
      [{ name: 'klaim', meta: null, records: [] }],
      'Judged: klaim (chosen with the CONTRACT variable)',
    ],
    [
      'project',
      { selection: 'project' },
      [{ name: 'klaim', meta: null, records: [] }],
      "Judged: klaim (chosen with Playwright's --project)",
    ],
    [
      'dead target',
      { selection: 'discovery', deadTarget: 'connect ECONNREFUSED 127.0.0.1:9' },
      [{ name: 'klaim', meta: null, records: [], served: false }],
      'Judged: none — the target never answered (connect ECONNREFUSED 127.0.0.1:9)',
    ],
  ];
  for (const [name, extra, contracts, line] of judged) {
    test(`judged line: ${name}`, () => {
      expect(describeJudged(runWith(extra, ...contracts).run)).toBe(line);
    });
  }
});

test.describe('recordsForTest', () => {
  const base: FinishedTest = {
    contract: 'klaim',
    title: 'unknownUser',
    status: 'passed',
    attachmentTexts: [],
  };
  const attached = (records: CheckRecord[]) => [JSON.stringify(records)];
  const cases: { name: string; test: FinishedTest; expected: Record<string, unknown>[] }[] = [
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
        attachmentTexts: attached([
          checkRecord({ scenario: 'forbiddenUser', check: 'status', status: 'skipped' }),
        ]),
      },
      expected: [{ check: 'status', status: 'skipped', reason: 'no FORBIDDEN_USER_ID' }],
    },
    {
      name: 'never ran: not run, with a reason',
      test: { ...base, status: 'notRun' },
      expected: [{ check: 'scenario', status: 'not-run', reason: expect.stringContaining('did not run') }],
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
  ];
  for (const c of cases) {
    test(c.name, () => {
      expect(recordsForTest(c.test)).toEqual(c.expected.map((e) => expect.objectContaining(e)));
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

test.describe('console summary', () => {
  test('judged line, verdict, one aligned line per contract, then the report path', () => {
    const report = model(
      { name: 'klaim', meta: null, records: [pass('a'), pass('b'), pass('c', 'should')] },
      {
        name: 'credira',
        meta: null,
        records: [pass('a'), fail('b'), fail('c', 'should'), fail('d', 'should'), skip('e')],
      },
      { name: 'problem-details', meta: null, records: [pass('a'), fail('b', 'should')] },
    );
    expect(renderConsoleSummary(report, 'conformance-report')).toBe(
      [
        'Judged: klaim, credira, problem-details (every contract (neither CONTRACT nor --project given))',
        'Conformance of https://api.example.test: NOT CONFORMANT',
        'klaim            CONFORMANT      2/2 must passed · 0 warnings · 0 skipped',
        'credira          NOT CONFORMANT  1/2 must passed · 2 warnings · 1 skipped',
        'problem-details  CONFORMANT      1/1 must passed · 1 warning · 0 skipped',
        'Conformance report: conformance-report/index.html',
        '',
      ].join('\n'),
    );
  });

  test('discovery: not run counts, the sample line (top 3 findings, must first), then contracts that are not served', () => {
    const report = runWith(
      { selection: 'discovery' },
      {
        name: 'credira',
        meta: null,
        records: [pass('a'), pass('b'), notRun('c'), notRun('d')],
        probe: probe({ served: true, status: 200, mediaType: 'application/json' }),
        sample: {
          users: 1000,
          failedUsers: 37,
          findings: [
            finding('s', '/data/phone', 2, 'should'),
            finding('s', '/data/email', 37),
            finding('s', '', 1),
            finding('s', '/data/name', 5),
          ],
        },
      },
      {
        name: 'klaim',
        meta: null,
        records: [],
        served: false,
        probe: probe({
          method: 'POST',
          url: 'http://127.0.0.1:9/users/u1',
          status: null,
          mediaType: null,
          reason: 'never probed: its read operation is POST, run it with CONTRACT=klaim',
        }),
      },
      { name: 'aitronos', meta: null, records: [], served: false, probe: probe() },
      { name: 'delos', meta: null, records: [], served: false },
    );
    expect(renderConsoleSummary(report, 'out').split('\n')).toEqual([
      'Judged: credira (found by probing the target for each contract; pin it with CONTRACT=credira)',
      'Conformance of https://api.example.test: NOT CONFORMANT',
      'credira          NOT CONFORMANT  2/2 must passed · 0 warnings · 0 skipped · 2 not run',
      // Must findings first: they decide the verdict.
      '  sample: 1,000 users, 37 failed · /data/email format 37 (3.7 %) · /data/name format 5 (0.5 %) · (root) format 1 (0.1 %)',
      'klaim            not served      POST http://127.0.0.1:9/users/u1 never probed: its read operation is POST, run it with CONTRACT=klaim',
      'aitronos         not served      GET http://127.0.0.1:9/v1/user/u1 → 404 text/html: no JSON user at the documented path',
      'delos            not served      not probed',
      'Conformance report: out/index.html',
      '',
    ]);
  });

  test('a dead target is said on the first line', () => {
    const report = runWith(
      { selection: 'discovery', deadTarget: 'connect ECONNREFUSED 127.0.0.1:9' },
      { name: 'klaim', meta: null, records: [notRun('scenario')], served: false },
    );
    const lines = renderConsoleSummary(report, 'out').split('\n');
    expect(lines[0]).toBe('Judged: none — the target never answered (connect ECONNREFUSED 127.0.0.1:9)');
    expect(lines[1]).toBe('Conformance of https://api.example.test: NOT CONFORMANT');
  });
});
