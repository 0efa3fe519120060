import { expect, test } from '@playwright/test';
import { type CheckRecord, type Exchange, SCENARIO_NAMES, type Violation } from '../../../engine/types';
import { cell, html as htmlTag, table } from '../../../reporters/html';
import {
  buildReportModel,
  type ContractInput,
  type ProbeReport,
  type ReportInput,
  type SampleReport,
} from '../../../reporters/model';
import { renderHtml } from '../../../reporters/render-html';

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
  return renderRun({}, ...contracts);
}

function renderRun(extra: Partial<ReportInput>, ...contracts: ContractInput[]): string {
  return renderHtml(
    buildReportModel({
      target: 'https://api.example.test',
      startedAt: '2025-01-02T03:04:05.000Z',
      durationMs: 4000,
      suiteVersion: '0.1.0',
      contracts,
      ...extra,
    }),
  );
}

function probe(fields: Partial<ProbeReport> = {}): ProbeReport {
  return {
    method: 'GET',
    url: 'https://api.example.test/v1/user/u1',
    status: 404,
    mediaType: 'text/html',
    served: false,
    reason: 'no JSON user at the documented path',
    ...fields,
  };
}

/** The text between the first `start` and the next `end` after it. */
function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  expect(from, `"${start}" in the page`).toBeGreaterThanOrEqual(0);
  const to = text.indexOf(end, from);
  return text.slice(from, to === -1 ? undefined : to);
}

const mixed: ContractInput = {
  name: 'klaim',
  meta: {
    source: { file: 'klaim.txt', vendor: 'Klaim' },
    discrepancies: [{ id: 'd1', doc: 'the doc says 404', decision: 'we accept 404 and 400' }],
  },
  records: [
    checkRecord({ scenario: 'existingUser', check: 'status', status: 'passed' }),
    checkRecord({
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
    checkRecord({
      scenario: 'existingUser',
      check: 'id-echo',
      status: 'failed',
      exchange: exchange('{"id":"u1","email":"x"}'),
    }),
    checkRecord({
      scenario: 'unknownUser',
      check: 'status',
      status: 'failed',
      severity: 'should',
      title: 'Tolerated status',
    }),
    checkRecord({
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
    ['unknownUser', 'status', 'warning', 'WARNING'],
    ['forbiddenUser', 'status', 'skipped', 'SKIPPED'],
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
    records: [checkRecord({ scenario: 'existingUser', check: 's', status: 'passed' })],
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
        records: [checkRecord({ scenario: 'existingUser', check: 'schema', status: 'failed', ...extra })],
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
            records: [checkRecord({ scenario: 'existingUser', check: 'a', status: 'failed' })],
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
    records: [
      checkRecord({ scenario: 'existingUser', check: 'schema', status: 'failed', exchange: exchange(big) }),
    ],
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
      checkRecord({
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
          checkRecord({
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
  expect(contracts.flatMap((c) => c.records).length).toBe(5 * SCENARIO_NAMES.length * checks.length);
  expect(contracts.flatMap((c) => c.records).length).toBeGreaterThanOrEqual(300);
  expect(bytes).toBeLessThan(3_000_000);
  expect(Date.now() - started).toBeLessThan(2_000);
});

test('a whole-scenario record gets its own first matrix row', () => {
  const html = render({
    name: 'delos',
    meta: null,
    records: [
      checkRecord({ scenario: 'existingUser', check: 'aaa', status: 'passed' }),
      checkRecord({
        scenario: 'malformedId',
        check: 'scenario',
        status: 'skipped',
        reason: 'not documented',
      }),
    ],
  });
  expect(html.indexOf('(whole scenario)')).toBeLessThan(html.indexOf('<code>aaa</code></th>'));
  expect(html).toContain('data-testid="cell-delos-malformedId-scenario" data-status="skipped"');
});

test.describe('compatibility summary', () => {
  const served: ContractInput = {
    name: 'credira',
    meta: { source: { vendor: 'Credira' } },
    probe: probe({ served: true, status: 200, mediaType: 'application/json', reason: 'a JSON user' }),
    records: [
      checkRecord({ scenario: 'existingUser', check: 'a', status: 'passed' }),
      checkRecord({ scenario: 'existingUser', check: 'b', status: 'passed' }),
      checkRecord({ scenario: 'existingUser', check: 'c', status: 'passed' }),
      checkRecord({ scenario: 'unknownUser', check: 'a', status: 'failed' }),
    ],
  };
  const unserved: ContractInput = {
    name: 'aitronos',
    meta: null,
    records: [],
    served: false,
    probe: probe(),
  };
  const unprobed: ContractInput = { name: 'delos', meta: null, records: [], served: false };

  test('opens the page: served dialects with their must ratio, the others with their probe', () => {
    const html = renderRun({ selection: 'discovery' }, served, unserved, unprobed);
    const summary = between(html, 'data-testid="compat-summary"', '</section>');
    expect(html.indexOf('data-testid="compat-summary"')).toBeLessThan(html.indexOf('<main'));
    expect(summary).toContain(
      'Judged: credira (found by probing the target for each contract; pin it with CONTRACT=credira).',
    );
    const speaks = between(summary, 'data-testid="compat-served"', '</table>');
    expect(speaks).toContain('>credira</a>');
    expect(speaks).toMatch(/3\/4 <small>\(75\.0 %\)<\/small>/);
    expect(speaks).toContain('NOT CONFORMANT');
    expect(speaks).not.toContain('aitronos');
    const others = between(summary, 'data-testid="compat-not-served"', '</table>');
    for (const text of [
      'aitronos',
      'GET https://api.example.test/v1/user/u1',
      '404 text/html',
      'no JSON user at the documented path',
      'delos',
      'not probed',
    ]) {
      expect(others).toContain(text);
    }
  });

  test('a contract that is not served reads "not served", never NOT CONFORMANT', () => {
    const html = renderRun({ selection: 'discovery' }, served, unserved);
    expect(html).toMatch(/data-testid="verdict-aitronos">not served</);
    const section = between(html, 'data-testid="contract-aitronos"', '</section>');
    expect(section).not.toContain('NOT CONFORMANT');
    expect(section).toContain('data-testid="probe-aitronos"');
    expect(section).toContain('404 text/html');
    expect(section).not.toContain('data-testid="matrix-aitronos"');
  });

  test('a dead target is stated before the verdict, and nothing is judged', () => {
    const html = renderRun(
      { selection: 'discovery', deadTarget: 'connect ECONNREFUSED 127.0.0.1:9' },
      { ...unserved, probe: probe({ status: null, mediaType: null, reason: 'no answer' }) },
    );
    const dead = html.indexOf('data-testid="dead-target"');
    expect(dead).toBeGreaterThan(0);
    expect(dead).toBeLessThan(html.indexOf('data-testid="overall-verdict"'));
    expect(html).toContain('The target never answered:</strong> connect ECONNREFUSED 127.0.0.1:9.');
    expect(html).toMatch(/data-testid="overall-verdict">NOT CONFORMANT</);
    expect(html).toContain('Judged: none — the target never answered');
    expect(html).not.toContain('data-testid="compat-served"');
  });

  test('no dead-target banner when the target answered', () => {
    expect(render(served)).not.toContain('data-testid="dead-target"');
  });
});

test.describe('matrix', () => {
  const contract: ContractInput = {
    name: 'klaim',
    meta: null,
    records: [
      checkRecord({ scenario: 'unknownUser', check: 'statusCodeConformance', status: 'passed' }),
      checkRecord({ scenario: 'existingUser', check: 'statusCodeConformance', status: 'passed' }),
      checkRecord({
        scenario: 'existingUser',
        check: 'recommendedShapeConformance',
        status: 'failed',
        severity: 'should',
      }),
      checkRecord({
        scenario: 'wrongMethod',
        check: 'statusCodeConformance',
        status: 'failed',
        severity: 'should',
      }),
      checkRecord({ scenario: 'existingUser', check: 'responseReceived', status: 'passed' }),
      checkRecord({
        scenario: 'malformedId',
        check: 'scenario',
        status: 'not-run',
        reason: 'the run was interrupted before this scenario finished',
      }),
    ],
  };

  test('checks are rows grouped must then should, scenarios are columns in scenario order', () => {
    const matrix = between(render(contract), 'data-testid="matrix-klaim"', '</table>');
    const head = between(matrix, '<thead>', '</thead>');
    const columns = [...head.matchAll(/<th scope="col"><code>([^<]*(?:<wbr>[^<]*)*)<\/code><\/th>/g)].map(
      (m) => m[1]?.replace(/<wbr>/g, ''),
    );
    expect(columns).toEqual(['existingUser', 'unknownUser', 'malformedId', 'wrongMethod']);
    const rows = [...matrix.matchAll(/<th scope="(row|rowgroup)"[^>]*>(.*?)<\/th>/g)].map((m) =>
      m[1] === 'rowgroup' ? `[${m[2]?.split(':')[0]}]` : m[2]?.replace(/<\/?code>|<wbr>/g, ''),
    );
    // statusCodeConformance is a must row though one scenario made it a should: any must puts it there.
    expect(rows).toEqual([
      '[Must]',
      '(whole scenario)',
      'responseReceived',
      'statusCodeConformance',
      '[Should]',
      'recommendedShapeConformance',
    ]);
  });

  test('its heading is said once; a cell says its outcome in words; not run is its own outcome', () => {
    const html = render(contract);
    expect(html.split('Scenario × check').length - 1).toBe(1);
    expect(html).not.toContain('<caption>Scenario');
    expect(html).toMatch(
      /data-testid="cell-klaim-malformedId-scenario" data-status="not-run"><a href="#([^"]+)"[^>]*>○ NOT RUN</,
    );
    const id = html.match(/data-testid="cell-klaim-malformedId-scenario"[^>]*><a href="#([^"]+)"/)?.[1];
    const row = between(html, `id="${id}"`, '</tr>');
    expect(row).toContain('the run was interrupted before this scenario finished');
    expect(row).toContain('data-filter="not-run"');
    expect(html.indexOf('<h3>Not run (1)</h3>')).toBeLessThan(html.indexOf('<h3>Warnings ('));
    expect(html).toMatch(/<li class="s-not-run"><b>1<\/b>not run<\/li>/);
    expect(html).toContain('value="not-run" checked> Not run</label>');
  });

  test('one label per outcome: no WARN/SKIP abbreviations anywhere', () => {
    const html = render(mixed, contract);
    expect(html).not.toMatch(/\bWARN\b|\bSKIP\b/);
    expect(html).toContain('! WARNING');
  });
});

test.describe('sampling', () => {
  const sample: SampleReport = {
    users: 1000,
    failedUsers: 40,
    findings: [
      {
        check: 'responseSchemaConformance',
        severity: 'should',
        instancePath: '/data/phone',
        keyword: 'pattern',
        count: 3,
        examples: [{ id: 'u-phone', received: '"12"' }],
      },
      {
        check: 'responseSchemaConformance',
        severity: 'must',
        instancePath: '/data/email',
        keyword: 'format',
        count: 37,
        examples: [
          {
            id: 'u-17',
            expected: 'an email address',
            received: '"not-an-email"',
            curl: "curl -i 'https://x/u-17'",
          },
          { id: 'u-99', expected: 'an email address', received: '""' },
        ],
      },
      {
        check: 'returnsRequestedUser',
        severity: 'must',
        instancePath: '',
        keyword: 'const',
        count: 12,
        examples: [],
      },
    ],
  };
  const contract: ContractInput = {
    name: 'credira',
    meta: null,
    records: [checkRecord({ scenario: 'existingUser', check: 'a', status: 'passed' })],
    sample,
  };

  test('findings table sorted by count, with a bar and a share per row', () => {
    const findings = between(render(contract), 'data-testid="findings-credira"', '</table>');
    const rows = [...findings.matchAll(/<tr><td>.*?<\/tr>/gs)].map((m) => m[0]);
    expect(rows.map((r) => r.match(/<td class="num">([^<]*)</)?.[1])).toEqual(['37', '12', '3']);
    expect(rows.map((r) => r.match(/style="width:([^"]*)"/)?.[1])).toEqual(['3.7%', '1.2%', '0.3%']);
    expect(rows[0]).toContain('3.7 %');
    expect(rows[1]).toContain('(root)');
    expect(rows[1]).toContain('none recorded');
  });

  test('each finding links to its examples, which show expected, received and curl', () => {
    const html = render(contract);
    const findings = between(html, 'data-testid="findings-credira"', '</table>');
    const links = [...findings.matchAll(/href="#([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(links).toEqual([
      'sample-credira-1',
      'sample-credira-1-1',
      'sample-credira-1-2',
      'sample-credira-2',
      'sample-credira-3',
      'sample-credira-3-1',
    ]);
    for (const id of links) expect(html, `anchor ${id}`).toContain(`id="${id}"`);
    const example = between(html, 'id="sample-credira-1-1"', '</article>');
    expect(example).toContain('u-17');
    expect(example).toContain('an email address');
    expect(example).toContain('&quot;not-an-email&quot;');
    expect(example).toContain('curl -i &#39;https://x/u-17&#39;');
    expect(html).toContain('1,000 users read, 40 broke at least one rule.');
  });

  test('a must finding makes the contract NOT CONFORMANT although every check passed; the summary says why', () => {
    const html = render(contract);
    expect(html).toMatch(/data-testid="verdict-credira">NOT CONFORMANT</);
    const summary = between(html, 'data-testid="compat-served"', '</table>');
    expect(summary).toContain('<th scope="col">Sampled users</th>');
    expect(summary).toContain('40 of 1,000 failed');
    expect(render(mixed)).not.toContain('Sampled users');
  });

  test('the page stays within its CSP: the bars are CSS, no script is added', () => {
    const html = render(contract);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('style-src &#39;unsafe-inline&#39;');
  });
});

test.describe('hostile strings in the new fields are escaped', () => {
  const evil = '<script>alert(1)</script>';
  const quote = 'x" onmouseover="alert(1)';
  const hostileFinding: SampleReport['findings'][number] = {
    check: evil,
    severity: 'must',
    instancePath: quote,
    keyword: evil,
    count: 1,
    examples: [{ id: quote, expected: evil, received: evil, curl: evil }],
  };
  const cases: [string, Partial<ReportInput>, ContractInput][] = [
    ['dead target', { deadTarget: evil }, { name: 'klaim', meta: null, records: [], served: false }],
    [
      'probe of a contract not served',
      {},
      {
        name: 'klaim',
        meta: null,
        records: [],
        served: false,
        probe: { method: evil, url: quote, status: 404, mediaType: evil, served: false, reason: evil },
      },
    ],
    [
      'probe of a served contract',
      {},
      {
        name: 'klaim',
        meta: null,
        records: [checkRecord({ scenario: 'existingUser', check: 'a', status: 'passed' })],
        probe: { method: quote, url: evil, status: 200, mediaType: quote, served: true, reason: evil },
      },
    ],
    [
      'sample finding and example',
      {},
      {
        name: quote,
        meta: null,
        records: [],
        sample: { users: 1, failedUsers: 1, findings: [hostileFinding] },
      },
    ],
    [
      'not-run reason',
      {},
      {
        name: quote,
        meta: null,
        records: [checkRecord({ scenario: quote, check: evil, status: 'not-run', reason: evil })],
      },
    ],
  ];
  for (const [name, extra, contract] of cases) {
    test(name, () => {
      const html = renderRun(extra, contract);
      expect(html).not.toContain(evil);
      expect(html).not.toContain('onmouseover="alert');
      expect(html.match(/<script/g)).toHaveLength(1);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  }
});

test('table helper: head, row headers, cell classes, row ids and filters, every value escaped', () => {
  const out = table({
    head: ['Name', '<b>'],
    rows: [['a<', cell('1', 'num')], { cells: [htmlTag`<code>b</code>`, '"q"'], id: 'x"y', filter: 'pass' }],
    caption: 'C&D',
    rowHeaders: true,
    testId: 't',
    className: 'k',
  }).text;
  expect(out).toBe(
    '<table class="k" data-testid="t"><caption>C&amp;D</caption><thead><tr><th scope="col">Name</th><th scope="col">&lt;b&gt;</th></tr></thead>' +
      '<tbody><tr><th scope="row">a&lt;</th><td class="num">1</td></tr>' +
      '<tr id="x&quot;y" data-filter="pass"><th scope="row"><code>b</code></th><td>&quot;q&quot;</td></tr></tbody></table>',
  );
});
