/**
 * Every check, table-driven: an exchange in, a verdict out. Uses the real credira contract, whose
 * rules are documented statuses (must); a row may bring its own rule (e.g. one with tolerated statuses).
 */
import { expect, test } from '@playwright/test';
import { CHECKS } from '../../../engine/checks';
import { type CheckContext, evaluate } from '../../../engine/checks/define-check';
import { loadContracts } from '../../../engine/contract-loader';
import type { Exchange, ScenarioName, ScenarioRule } from '../../../engine/types';

const credira = loadContracts().find((c) => c.name === 'credira');
if (!credira) throw new Error('credira contract missing');

const user = {
  success: true,
  data: {
    id: 'user_1',
    email: 'a@example.com',
    name: 'A',
    company: 'C',
    role: 'r',
    department: 'd',
    phone: '+1234567890',
    account_id: 'acc_1',
    status: 'active',
    created_time: '2024-01-15T10:30:00Z',
    last_login: null,
    permissions: ['calls:read'],
    activity_stats: {
      total_calls_made: 1,
      total_emails_sent: 2,
      total_callouts_created: 3,
      last_activity: '2024-01-20T09:15:00Z',
    },
    metadata: { subscription_plan: 'p', timezone: 'UTC', language: 'en' },
  },
  meta: { timestamp: '2024-01-15T10:30:00Z', request_id: 'req_1' },
};
const error = (code: string) => ({ success: false, error: { code, message: 'm' }, meta: user.meta });
const patched = (path: string[], value: unknown) => {
  const copy = structuredClone(user) as Record<string, unknown>;
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1) as string] = value;
  return copy;
};

interface Row {
  name: string;
  check: string;
  scenario?: ScenarioName;
  /** Overrides the contract's rule for the scenario. */
  rule?: ScenarioRule;
  requestedId?: string;
  status?: number;
  contentType?: string;
  body?: unknown;
  rawBody?: string;
  transportError?: Exchange['transportError'];
  credentialFormIndex?: number;
  expect: 'passed' | 'failed' | 'skipped' | 'not applicable';
  severity?: 'must' | 'should';
  /** Text that must appear in the failure (title, expected, received) or skip reason. */
  text?: string;
}

const rows: Row[] = [
  {
    name: 'transport error fails, naming the cause',
    check: 'responseReceived',
    transportError: { kind: 'timeout', message: 'Timeout 2000ms exceeded' },
    expect: 'failed',
    severity: 'must',
    text: 'No response before the timeout',
  },
  { name: 'a response passes', check: 'responseReceived', expect: 'passed' },
  { name: 'documented status passes', check: 'statusCodeConformance', expect: 'passed' },
  {
    name: '404 for the existing user fails with a hint',
    check: 'statusCodeConformance',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'failed',
    severity: 'must',
    text: 'check USER_ID',
  },
  {
    name: '500 is a must failure on a documented scenario',
    check: 'statusCodeConformance',
    scenario: 'malformedId',
    status: 500,
    expect: 'failed',
    severity: 'must',
    text: 'Server error',
  },
  {
    name: '500 on the wrong-method probe keeps the probe rule severity',
    check: 'statusCodeConformance',
    scenario: 'wrongMethod',
    status: 500,
    expect: 'failed',
    severity: 'should',
    text: 'Server error',
  },
  {
    name: '501 on the wrong-method probe passes (RFC 9110 15.6.2)',
    check: 'statusCodeConformance',
    scenario: 'wrongMethod',
    status: 501,
    expect: 'passed',
  },
  {
    name: 'no response to the wrong-method probe is a warning',
    check: 'responseReceived',
    scenario: 'wrongMethod',
    transportError: { kind: 'connection', message: 'socket hang up' },
    expect: 'failed',
    severity: 'should',
  },
  {
    name: '200 for an unknown user is a must failure',
    check: 'statusCodeConformance',
    scenario: 'unknownUser',
    status: 200,
    expect: 'failed',
    severity: 'must',
    text: 'must be refused',
  },
  {
    name: '403 answered 404 for the forbidden user is a must failure (403 is documented)',
    check: 'statusCodeConformance',
    scenario: 'forbiddenUser',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'failed',
    severity: 'must',
    text: 'Undocumented status code',
  },
  {
    name: 'a status the rule tolerates is a warning',
    check: 'statusCodeConformance',
    scenario: 'forbiddenUser',
    rule: { expect: [403], tolerate: [404], severity: 'must', clause: 'test rule' },
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'failed',
    severity: 'should',
    text: 'Tolerated',
  },
  {
    name: '405 on the wrong method passes',
    check: 'statusCodeConformance',
    scenario: 'wrongMethod',
    status: 405,
    expect: 'passed',
  },
  {
    name: '200 on the wrong method is only a warning',
    check: 'statusCodeConformance',
    scenario: 'wrongMethod',
    status: 200,
    expect: 'failed',
    severity: 'should',
  },
  {
    name: 'redirect is reported with its location',
    check: 'statusCodeConformance',
    status: 302,
    body: '',
    expect: 'failed',
    severity: 'must',
    text: 'Redirect',
  },
  {
    name: 'charset and case do not matter',
    check: 'mediaTypeConformance',
    contentType: 'Application/JSON; Charset=UTF-8',
    expect: 'passed',
  },
  {
    name: 'text/html fails',
    check: 'mediaTypeConformance',
    contentType: 'text/html',
    expect: 'failed',
    severity: 'must',
    text: 'text/html',
  },
  {
    name: 'missing Content-Type fails',
    check: 'mediaTypeConformance',
    contentType: '',
    expect: 'failed',
    text: 'no Content-Type',
  },
  {
    name: 'undocumented status: media type is a should',
    check: 'mediaTypeConformance',
    status: 429,
    contentType: 'text/plain',
    expect: 'failed',
    severity: 'should',
  },
  { name: 'JSON body passes', check: 'bodyIsJson', expect: 'passed' },
  {
    name: 'truncated JSON fails',
    check: 'bodyIsJson',
    rawBody: '{"success": true, "data": {"id"',
    expect: 'failed',
    severity: 'must',
    text: 'not JSON',
  },
  {
    name: 'BOM is tolerated',
    check: 'bodyIsJson',
    rawBody: `\uFEFF${JSON.stringify(user)}`,
    expect: 'passed',
  },
  { name: 'documented body passes', check: 'responseSchemaConformance', expect: 'passed' },
  {
    name: 'extra harmless field passes',
    check: 'responseSchemaConformance',
    body: patched(['data', 'nickname'], 'x'),
    expect: 'passed',
  },
  {
    name: 'bad email names the field and value',
    check: 'responseSchemaConformance',
    body: patched(['data', 'email'], 'not-an-email'),
    expect: 'failed',
    severity: 'must',
    text: '/data/email',
  },
  {
    name: 'every violation is reported',
    check: 'responseSchemaConformance',
    body: patched(['data', 'activity_stats'], { total_calls_made: '1' }),
    expect: 'failed',
    text: '4 violations',
  },
  {
    name: 'wrong envelope fails',
    check: 'responseSchemaConformance',
    body: user.data,
    expect: 'failed',
    text: "must have required property 'success'",
  },
  {
    name: 'not JSON: schema check skipped',
    check: 'responseSchemaConformance',
    rawBody: '<html>',
    expect: 'skipped',
    text: 'bodyIsJson',
  },
  {
    name: 'error format passes',
    check: 'errorFormatConformance',
    scenario: 'unknownUser',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'passed',
  },
  {
    name: 'error without envelope fails',
    check: 'errorFormatConformance',
    scenario: 'unknownUser',
    status: 404,
    body: { message: 'nope' },
    expect: 'failed',
    severity: 'must',
    text: 'error',
  },
  {
    name: 'undocumented error status: the default envelope is a should',
    check: 'errorFormatConformance',
    scenario: 'unknownUser',
    status: 410,
    body: { message: 'gone' },
    expect: 'failed',
    severity: 'should',
    text: "must have required property 'success'",
  },
  {
    name: 'undocumented error status in the default envelope passes',
    check: 'errorFormatConformance',
    scenario: 'unknownUser',
    status: 410,
    body: error('GONE'),
    expect: 'passed',
  },
  {
    name: 'error code other than the sample is a warning',
    check: 'recommendedShapeConformance',
    scenario: 'unknownUser',
    status: 404,
    body: error('USER_MISSING'),
    expect: 'failed',
    severity: 'should',
    text: '/error/code',
  },
  { name: 'requested user returned', check: 'returnsRequestedUser', expect: 'passed' },
  {
    name: 'another user returned',
    check: 'returnsRequestedUser',
    requestedId: 'user_2',
    expect: 'failed',
    severity: 'must',
    text: '/data/id',
  },
  {
    name: 'id echo only on documented statuses',
    check: 'returnsRequestedUser',
    scenario: 'unknownUser',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'not applicable',
  },
  {
    name: 'missing credentials refused',
    check: 'authEnforced',
    scenario: 'missingCredentials',
    status: 401,
    body: error('UNAUTHORIZED'),
    expect: 'passed',
  },
  {
    name: 'missing credentials served',
    check: 'authEnforced',
    scenario: 'missingCredentials',
    expect: 'failed',
    severity: 'must',
    text: 'Authentication not enforced',
  },
  {
    name: 'invalid key answered 404 is a warning',
    check: 'authEnforced',
    scenario: 'invalidCredentials',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'failed',
    severity: 'should',
  },
  {
    name: 'forbidden user served',
    check: 'forbiddenUserNotServed',
    scenario: 'forbiddenUser',
    expect: 'failed',
    severity: 'must',
    text: 'Forbidden user served',
  },
  {
    name: 'forbidden user refused',
    check: 'forbiddenUserNotServed',
    scenario: 'forbiddenUser',
    status: 403,
    body: error('FORBIDDEN'),
    expect: 'passed',
  },
];

function contextOf(row: Row): CheckContext {
  const scenario = row.scenario ?? 'existingUser';
  const rule = row.rule ?? credira?.scenarios[scenario];
  if (!credira || !rule) throw new Error(`no rule for ${scenario}`);
  const exchange: Exchange = {
    request: { method: 'GET', url: 'http://127.0.0.1:1/v1/users/user_1', headers: {} },
  };
  if (row.transportError) exchange.transportError = row.transportError;
  else {
    const headers: Record<string, string> = {};
    const contentType = row.contentType ?? 'application/json';
    if (contentType) headers['content-type'] = contentType;
    exchange.response = {
      status: row.status ?? 200,
      statusText: '',
      headers,
      bodyText: row.rawBody ?? JSON.stringify(row.body ?? user),
      durationMs: 1,
    };
  }
  return {
    contract: credira,
    scenario,
    rule,
    requestedId: row.requestedId ?? 'user_1',
    exchange,
    ...(row.credentialFormIndex !== undefined ? { credentialFormIndex: row.credentialFormIndex } : {}),
  };
}

for (const row of rows) {
  test(`${row.check}: ${row.name}`, () => {
    const check = CHECKS.find((c) => c.name === row.check);
    expect(check, `check ${row.check} exists`).toBeDefined();
    if (!check) return;
    const ctx = contextOf(row);
    const result = evaluate(check, ctx);
    if (row.expect === 'not applicable') {
      expect(result).toBeUndefined();
      return;
    }
    if (!result) throw new Error(`${row.check} does not apply`);
    expect(result.status).toBe(row.expect);
    if (row.severity && result.status === 'failed') expect(result.severity).toBe(row.severity);
    if (result.failure) {
      const text = `${result.failure.title}\n${result.failure.expected}\n${result.failure.received}`;
      expect(result.failure.title.length).toBeGreaterThan(0);
      if (row.text) expect(text).toContain(row.text);
    }
    if (result.status === 'skipped' && row.text) expect(result.reason).toContain(row.text);
  });
}
