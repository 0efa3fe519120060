import { expect, test } from '@playwright/test';
import { type CheckRecord, type Exchange, SCENARIO_NAMES, type Violation } from '../../../engine/types';
import { buildReportModel, type ContractInput } from '../../../reporters/model';
import { renderHtml } from '../../../reporters/render-html';

function rec(fields: Partial<CheckRecord> & Pick<CheckRecord, 'scenario' | 'check' | 'status'>): CheckRecord {
  return {
    contract: 'klaim',
    description: `${fields.check} holds`,
    severity: 'must',
    clause: 'doc §1',
    ...fields,
  };
}

function exchange(bodyText: string, url = 'https://api.example.test/users/u1'): Exchange {
  return {
    request: { method: 'GET', url, headers: { accept: 'application/json', 'x-api-key': '[REDACTED]' } },
    response: {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      bodyText,
      durationMs: 12,
    },
  };
}

function violation(i: number, fields: Partial<Violation> = {}): Violation {
  return {
    instancePath: `/items/${i}/email`,
    schemaPath: '#/properties/items/items/properties/email/format',
    keyword: 'format',
    params: { format: 'email' },
    message: 'must match format "email"',
    value: `"not-an-email-${i}"`,
    clause: 'email: the user’s primary email address',
    ...fields,
  };
}

function render(...contracts: ContractInput[]): string {
  return renderHtml(
    buildReportModel({
      target: 'https://api.example.test',
      startedAt: '2025-01-02T03:04:05.000Z',
      durationMs: 4000,
      suiteVersion: '0.1.0',
      contracts,
    }),
  );
}

const mixed: ContractInput = {
  name: 'klaim',
  meta: {
    source: { file: 'klaim.txt', vendor: 'Klaim' },
    discrepancies: [{ id: 'd1', doc: 'the doc says 404', decision: 'we accept 404 and 400' }],
  },
  records: [
    rec({ scenario: 'existingUser', check: 'status', status: 'passed' }),
    rec({
      scenario: 'existingUser',
      check: 'schema',
      status: 'failed',
      title: 'Body does not match the schema',
      expected: 'a body matching User',
      received: '2 violations',
      violations: [violation(0), violation(1)],
      curl: "curl -i 'https://api.example.test/users/u1'",
      exchange: exchange('{"id":"u1","email":"x"}'),
    }),
    rec({
      scenario: 'existingUser',
      check: 'id-echo',
      status: 'failed',
      exchange: exchange('{"id":"u1","email":"x"}'),
    }),
    rec({
      scenario: 'unknownUser',
      check: 'status',
      status: 'failed',
      severity: 'should',
      title: 'Tolerated status',
    }),
    rec({
      scenario: 'forbiddenUser',
      check: 'status',
      status: 'skipped',
      reason: 'FORBIDDEN_USER_ID not set',
    }),
  ],
};

test('structure: verdicts, matrix cells with status and text label, anchors for every cell', () => {
  const html = render(mixed);
  expect(html).toMatch(/data-testid="overall-verdict">NOT CONFORMANT</);
  expect(html).toContain('data-testid="contract-klaim"');
  expect(html).toMatch(/data-testid="verdict-klaim">NOT CONFORMANT</);
  expect(html).toContain('data-testid="matrix-klaim"');
  expect(html).toContain('data-testid="discrepancies-klaim"');
  const cells: [string, string, string, string][] = [
    ['existingUser', 'status', 'pass', 'PASS'],
    ['existingUser', 'schema', 'fail', 'FAIL'],
    ['unknownUser', 'status', 'warning', 'WARN'],
    ['forbiddenUser', 'status', 'skipped', 'SKIP'],
  ];
  for (const [scenario, check, status, label] of cells) {
    const cell = new RegExp(
      `data-testid="cell-klaim-${scenario}-${check}" data-status="${status}"><a href="#([^"]+)"[^>]*>[^<]*${label}<`,
    );
    const match = html.match(cell);
    expect(match, `${scenario}/${check}`).not.toBeNull();
    expect(html).toContain(`id="${match?.[1]}"`);
  }
  expect(html).toContain('data-testid="failure-klaim-existingUser-schema"');
  expect(html).toContain('data-testid="warning-klaim-unknownUser-status"');
  expect(html).toContain('FORBIDDEN_USER_ID not set');
  expect(html).toContain('we accept 404 and 400');
});

test('sections come in order: failures, warnings, skipped, discrepancies', () => {
  const html = render(mixed);
  const at = (s: string) => html.indexOf(s);
  expect(at('failure-klaim-existingUser-schema')).toBeLessThan(at('warning-klaim-unknownUser-status'));
  expect(at('warning-klaim-unknownUser-status')).toBeLessThan(at('FORBIDDEN_USER_ID not set'));
  expect(at('FORBIDDEN_USER_ID not set')).toBeLessThan(at('data-testid="discrepancies-klaim"'));
});

test('a conformant run says so', () => {
  const html = render({
    name: 'delos',
    meta: null,
    records: [rec({ scenario: 'existingUser', check: 's', status: 'passed' })],
  });
  expect(html).toMatch(/data-testid="overall-verdict">CONFORMANT</);
  expect(html).toContain('None recorded, or the contract file was not found.');
});

test('self-contained: no external resources, one inline script guarded by CSP', () => {
  const html = render(mixed);
  expect(html).not.toMatch(/<(link|img|iframe)\b/i);
  expect(html).not.toMatch(/\bsrc=/i);
  expect(html).not.toMatch(/https?:\/\/(?!api\.example\.test)/);
  expect(html.match(/<script/g)).toHaveLength(1);
  expect(html).toContain('script-src &#39;sha256-');
  expect(html).toContain('@media print');
  expect(html).toMatch(/<form id="filters" hidden/);
});

test.describe('every value is escaped', () => {
  const evil = '<script>alert(1)</script>';
  const quote = 'x" onmouseover="alert(1)';
  const fields: [string, Partial<CheckRecord>][] = [
    ['title', { title: evil }],
    ['expected', { expected: evil }],
    ['received', { received: evil }],
    ['description', { description: evil }],
    ['clause', { clause: evil }],
    ['curl', { curl: `curl '${evil}'` }],
    ['violation value', { violations: [violation(0, { value: evil, message: evil, instancePath: evil })] }],
    ['response body', { exchange: exchange(`{"name":"${evil}"}`) }],
    ['non-JSON body', { exchange: exchange(evil) }],
    [
      'header value',
      { exchange: { ...exchange('{}'), request: { method: 'GET', url: evil, headers: { x: evil } } } },
    ],
    ['check name (attribute)', { check: quote }],
    ['scenario name (attribute)', { scenario: quote as CheckRecord['scenario'] }],
  ];
  for (const [name, extra] of fields) {
    test(name, () => {
      const html = render({
        name: 'klaim',
        meta: null,
        records: [rec({ scenario: 'existingUser', check: 'schema', status: 'failed', ...extra })],
      });
      expect(html).not.toContain(evil);
      expect(html).not.toContain('onmouseover="alert');
      expect(html.match(/<script/g)).toHaveLength(1);
    });
  }

  test('contract name, vendor, discrepancies and target', () => {
    const html = renderHtml(
      buildReportModel({
        target: evil,
        startedAt: '2025-01-02T03:04:05.000Z',
        durationMs: 1,
        suiteVersion: quote,
        contracts: [
          {
            name: quote,
            meta: {
              source: { vendor: evil, file: evil },
              discrepancies: [{ id: evil, doc: evil, decision: evil }],
            },
            records: [rec({ scenario: 'existingUser', check: 'a', status: 'failed' })],
          },
        ],
      }),
    );
    expect(html).not.toContain(evil);
    expect(html).not.toContain('onmouseover="alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('data-testid="contract-x&quot; onmouseover=&quot;alert(1)"');
  });
});

test('bodies are pretty-printed and truncated past 8 KB with a note', () => {
  const big = JSON.stringify({ id: 'u1', filler: 'y'.repeat(20_000), tail: 'END-OF-BODY' });
  const html = render({
    name: 'klaim',
    meta: null,
    records: [rec({ scenario: 'existingUser', check: 'schema', status: 'failed', exchange: exchange(big) })],
  });
  expect(html).toContain('{\n  &quot;id&quot;: &quot;u1&quot;,');
  expect(html).not.toContain('END-OF-BODY');
  expect(html).toMatch(/Body truncated: showing the first 8,192 of\s+20,\d{3} characters/);
});

test('violations are capped at 50 per failure with a note', () => {
  const html = render({
    name: 'klaim',
    meta: null,
    records: [
      rec({
        scenario: 'existingUser',
        check: 'schema',
        status: 'failed',
        violations: Array.from({ length: 80 }, (_, i) => violation(i)),
      }),
    ],
  });
  expect(html).toContain('Schema violations (80)');
  expect(html).toContain('not-an-email-49');
  expect(html).not.toContain('not-an-email-50');
  expect(html).toContain('30 more violations not shown');
  // The clause they share is shown once, not 80 times.
  expect(html.split('the user’s primary email address')).toHaveLength(2);
});

test('an exchange shared by several checks is rendered once and linked from the others', () => {
  const html = render(mixed);
  expect(html.split('&quot;email&quot;: &quot;x&quot;')).toHaveLength(2);
  expect(html).toMatch(/shown with <a href="#exchange-1">existingUser › (id-echo|schema)<\/a>/);
});

test('a large report (5 contracts, ~300 failures) stays small', () => {
  const checks = Array.from({ length: 9 }, (_, i) => `check-${i}`);
  const contracts: ContractInput[] = ['klaim', 'aitronos', 'credira', 'delos', 'problem-details'].map(
    (name) => ({
      name,
      meta: {
        discrepancies: Array.from({ length: 10 }, (_, i) => ({
          id: `d${i}`,
          doc: 'd'.repeat(300),
          decision: 'x'.repeat(300),
        })),
      },
      records: SCENARIO_NAMES.flatMap((scenario) => {
        const shared = exchange(
          JSON.stringify({ data: 'z'.repeat(50_000) }),
          `https://api.example.test/${name}/${scenario}`,
        );
        return checks.map((check) =>
          rec({
            contract: name,
            scenario,
            check,
            status: 'failed',
            title: 'Body does not match the schema',
            expected: 'e'.repeat(500),
            received: 'r'.repeat(500),
            violations: Array.from({ length: 60 }, (_, i) => violation(i)),
            curl: `curl -i -H 'accept: application/json' 'https://api.example.test/${name}/${scenario}'`,
            exchange: shared,
          }),
        );
      }),
    }),
  );
  const started = Date.now();
  const html = render(...contracts);
  const bytes = Buffer.byteLength(html);
  expect(contracts.flatMap((c) => c.records)).toHaveLength(315);
  expect(bytes).toBeLessThan(3_000_000);
  expect(Date.now() - started).toBeLessThan(2_000);
});

test('a whole-scenario record gets its own first matrix column', () => {
  const html = render({
    name: 'delos',
    meta: null,
    records: [
      rec({ scenario: 'existingUser', check: 'aaa', status: 'passed' }),
      rec({ scenario: 'malformedId', check: 'scenario', status: 'skipped', reason: 'not documented' }),
    ],
  });
  expect(html.indexOf('(whole scenario)')).toBeLessThan(html.indexOf('<code>aaa</code></th>'));
  expect(html).toContain('data-testid="cell-delos-malformedId-scenario" data-status="skipped"');
});
