/**
 * Every check, table-driven: an exchange in, a verdict out. Uses the real credira contract, whose
 * rules are documented statuses (must); a row may bring its own rule (e.g. one with tolerated statuses)
 * or another contract (delos, for its x-conformance.idInMessage).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CHECKS } from '../../../engine/checks';
import { type CheckContext, evaluate } from '../../../engine/checks/define-check';
import { forgedCredentialRefused } from '../../../engine/checks/forged-credential-refused';
import { loadSettings } from '../../../engine/config';
import { type LoadedContract, loadContracts } from '../../../engine/contract-loader';
import { judgeScenario } from '../../../engine/run-scenario';
import { planScenario, type ScenarioPlan } from '../../../engine/scenarios';
import { resolveTarget, type Target } from '../../../engine/target';
import type { Transport } from '../../../engine/transport';
import type { Exchange, ScenarioName, ScenarioRule, Severity } from '../../../engine/types';

const contracts = loadContracts();
const credira = contracts.find((c) => c.name === 'credira');
if (!credira) throw new Error('credira contract missing');
/** Every check a row may name: the scenario checks and the one the forged-credential probes run. */
const ALL_CHECKS = [...CHECKS, forgedCredentialRefused];
const REQUEST_URL = 'http://127.0.0.1:1/v1/users/user_1';

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
  /** Default credira. */
  contract?: string;
  /** Overrides the contract's x-conformance.responseMediaTypeStated (none of the five states it). */
  mediaTypeStated?: boolean;
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
  /** Response headers besides Content-Type (lower-case names). */
  headers?: Record<string, string>;
  forgedProbe?: { title: string; description: string; severity: Severity };
  securitySeverity?: Severity;
  expect: 'passed' | 'failed' | 'skipped' | 'not applicable';
  /** The resolved severity, whatever the status. */
  severity?: Severity;
  /** Text that must appear in the failure (title, expected, received) or skip reason. */
  text?: string;
  /** Text that must not appear anywhere in the failure (a secret value). */
  absent?: string;
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
    // 404 is documented for the operation (the unknown user), so it is unexpected here, not undocumented.
    name: '403 answered 404 for the forbidden user is a must failure titled unexpected (404 is documented elsewhere)',
    check: 'statusCodeConformance',
    scenario: 'forbiddenUser',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'failed',
    severity: 'must',
    text: 'Unexpected status code',
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
    text: 'Tolerated status code, documented for another case',
  },
  {
    name: 'the guessed unknown id answered with the documented invalid-format 400 is a warning naming UNKNOWN_USER_ID',
    check: 'statusCodeConformance',
    scenario: 'unknownUser',
    requestedId: 'user_000000000',
    status: 400,
    body: error('INVALID_REQUEST'),
    expect: 'failed',
    severity: 'should',
    text: 'the guessed unknown id "user_000000000" may not be well-formed for this server; set UNKNOWN_USER_ID',
  },
  {
    name: 'the guessed malformed id answered 404 (free-form ids) is a warning naming MALFORMED_USER_ID',
    check: 'statusCodeConformance',
    scenario: 'malformedId',
    requestedId: 'invalid id!',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'failed',
    severity: 'should',
    text: 'set MALFORMED_USER_ID',
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
    name: 'text/html is a warning where the doc states no Content-Type',
    check: 'mediaTypeConformance',
    contentType: 'text/html',
    expect: 'failed',
    severity: 'should',
    text: 'text/html',
  },
  {
    name: 'text/html fails where the doc states the Content-Type',
    check: 'mediaTypeConformance',
    mediaTypeStated: true,
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
    name: 'undocumented status where the doc states the Content-Type: media type is a should',
    check: 'mediaTypeConformance',
    mediaTypeStated: true,
    status: 429,
    contentType: 'text/plain',
    expect: 'failed',
    severity: 'should',
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
    // A machine-readable identifier the doc shows for the status is part of the contract (must).
    name: 'error code other than the documented one fails the error format',
    check: 'errorFormatConformance',
    scenario: 'unknownUser',
    status: 404,
    body: error('USER_MISSING'),
    expect: 'failed',
    severity: 'must',
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
  // delos documents the id under two names (field table uuid, response sample userId): idEcho 200 lists
  // /item/uuid and /item/userId, and the id is right when any present one carries it.
  {
    name: 'delos: both names present, userId is the requested id, uuid another value: passes',
    check: 'returnsRequestedUser',
    contract: 'delos',
    requestedId: '158a190e-c4a9-4e6c-bf9b-4ef74ae345eb',
    body: { item: { uuid: 'user_abc123def', userId: '158a190e-c4a9-4e6c-bf9b-4ef74ae345eb' } },
    expect: 'passed',
    severity: 'must',
  },
  {
    name: 'delos: both names present, uuid is the requested id, userId another value: passes',
    check: 'returnsRequestedUser',
    contract: 'delos',
    requestedId: 'user_abc123def',
    body: { item: { uuid: 'user_abc123def', userId: '158a190e-c4a9-4e6c-bf9b-4ef74ae345eb' } },
    expect: 'passed',
  },
  {
    name: 'delos: both names present, neither is the requested id: fails naming both',
    check: 'returnsRequestedUser',
    contract: 'delos',
    requestedId: 'user_abc123def',
    body: { item: { uuid: 'user_other', userId: '3354815d-1a23-4b1c-81ec-306388cddfa4' } },
    expect: 'failed',
    severity: 'must',
    text: '/item/uuid = "user_other", /item/userId = "3354815d-1a23-4b1c-81ec-306388cddfa4"',
  },
  {
    name: 'delos: only userId present, another id: fails',
    check: 'returnsRequestedUser',
    contract: 'delos',
    requestedId: 'user_abc123def',
    body: { item: { userId: 'user_other' } },
    expect: 'failed',
    severity: 'must',
    text: '/item/userId = "user_other"',
  },
  {
    name: 'delos: only userId present, the requested UUID in another case: passes',
    check: 'returnsRequestedUser',
    contract: 'delos',
    requestedId: '158A190E-C4A9-4E6C-BF9B-4EF74AE345EB',
    body: { item: { userId: '158a190e-c4a9-4e6c-bf9b-4ef74ae345eb' } },
    expect: 'passed',
  },
  {
    name: 'delos: neither name present: skipped (the schema checks report it)',
    check: 'returnsRequestedUser',
    contract: 'delos',
    body: { item: { id: 185 } },
    expect: 'skipped',
    text: '/item/uuid or /item/userId',
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
    name: 'the credential-less TRACE probe served the user record: authentication not enforced',
    check: 'authEnforced',
    scenario: 'wrongMethod',
    expect: 'failed',
    severity: 'must',
    text: 'Authentication not enforced',
  },
  {
    name: 'the credential-less TRACE probe answered with JSON that is not the user: the status check judges it',
    check: 'authEnforced',
    scenario: 'wrongMethod',
    body: { success: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'm' } },
    expect: 'passed',
  },
  {
    name: 'the credential-less TRACE probe echoed as message/http (TRACE enabled) serves nothing',
    check: 'authEnforced',
    scenario: 'wrongMethod',
    contentType: 'message/http',
    rawBody: 'TRACE /v1/users/user_1 HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n',
    expect: 'passed',
  },
  {
    name: 'the credential-less TRACE probe refused (405): the status check judges it',
    check: 'authEnforced',
    scenario: 'wrongMethod',
    status: 405,
    body: error('METHOD_NOT_ALLOWED'),
    expect: 'passed',
  },
  {
    name: "klaim's wrong-method probe carries the credential: not this check's",
    check: 'authEnforced',
    contract: 'klaim',
    scenario: 'wrongMethod',
    expect: 'not applicable',
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
  // OWASP API2: forged credentials (scenario forgedCredentials; the probe decides the severity).
  {
    name: 'a near miss of the key served is a must failure',
    check: 'forgedCredentialRefused',
    scenario: 'forgedCredentials',
    forgedProbe: {
      title: 'Forged credential accepted',
      description: 'the API key with one character changed',
      severity: 'must',
    },
    expect: 'failed',
    severity: 'must',
    text: 'the API key with one character changed',
  },
  {
    name: 'the key in another scheme served is a should failure, even with SECURITY_CHECKS=must',
    check: 'forgedCredentialRefused',
    scenario: 'forgedCredentials',
    forgedProbe: {
      title: 'Undocumented credential form accepted',
      description: 'the API key in the Basic scheme',
      severity: 'should',
    },
    securitySeverity: 'must',
    expect: 'failed',
    severity: 'should',
    text: '200',
  },
  {
    name: 'a forged key answered 401 passes',
    check: 'forgedCredentialRefused',
    scenario: 'forgedCredentials',
    forgedProbe: {
      title: 'Forged credential accepted',
      description: 'the API key without its last character',
      severity: 'must',
    },
    status: 401,
    body: error('UNAUTHORIZED'),
    expect: 'passed',
    severity: 'must',
  },
  {
    name: 'a forged key answered 403 passes',
    check: 'forgedCredentialRefused',
    scenario: 'forgedCredentials',
    forgedProbe: {
      title: 'Forged credential accepted',
      description: 'the API key with two characters appended',
      severity: 'must',
    },
    status: 403,
    body: error('FORBIDDEN'),
    expect: 'passed',
  },
  {
    name: 'a forged key answered 404 is not served: passes (statuses are the other checks’ business)',
    check: 'forgedCredentialRefused',
    scenario: 'forgedCredentials',
    forgedProbe: {
      title: 'Forged credential accepted',
      description: 'the API key with one character changed',
      severity: 'must',
    },
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'passed',
  },
  {
    name: 'no forged probe: not applicable',
    check: 'forgedCredentialRefused',
    scenario: 'invalidCredentials',
    expect: 'not applicable',
  },
  // API security hygiene: `should` unless SECURITY_CHECKS=must.
  {
    name: 'a 401 with a Bearer challenge passes',
    check: 'unauthorizedHasChallenge',
    scenario: 'missingCredentials',
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="credira"' },
    body: error('UNAUTHORIZED'),
    expect: 'passed',
    severity: 'should',
  },
  {
    name: 'a 401 with an ApiKey challenge passes, must under SECURITY_CHECKS=must',
    check: 'unauthorizedHasChallenge',
    scenario: 'invalidCredentials',
    status: 401,
    headers: { 'www-authenticate': 'ApiKey header="X-API-Key"' },
    body: error('UNAUTHORIZED'),
    securitySeverity: 'must',
    expect: 'passed',
    severity: 'must',
  },
  {
    name: 'a 401 without WWW-Authenticate is a warning',
    check: 'unauthorizedHasChallenge',
    scenario: 'missingCredentials',
    status: 401,
    body: error('UNAUTHORIZED'),
    expect: 'failed',
    severity: 'should',
    text: 'no WWW-Authenticate header',
  },
  {
    name: 'a 401 without WWW-Authenticate fails as must under SECURITY_CHECKS=must',
    check: 'unauthorizedHasChallenge',
    scenario: 'invalidCredentials',
    status: 401,
    body: error('UNAUTHORIZED'),
    securitySeverity: 'must',
    expect: 'failed',
    severity: 'must',
  },
  {
    name: 'a blank WWW-Authenticate is no challenge',
    check: 'unauthorizedHasChallenge',
    scenario: 'missingCredentials',
    status: 401,
    headers: { 'www-authenticate': '  ' },
    body: error('UNAUTHORIZED'),
    expect: 'failed',
  },
  {
    name: 'the wrong-method probe answered 401 is judged too',
    check: 'unauthorizedHasChallenge',
    scenario: 'wrongMethod',
    status: 401,
    body: error('UNAUTHORIZED'),
    expect: 'failed',
    severity: 'should',
  },
  {
    name: 'a 403 needs no challenge: not applicable',
    check: 'unauthorizedHasChallenge',
    scenario: 'invalidCredentials',
    status: 403,
    body: error('FORBIDDEN'),
    expect: 'not applicable',
  },
  {
    name: 'the user with Cache-Control: no-store passes',
    check: 'personalDataNotCached',
    headers: { 'cache-control': 'no-store' },
    expect: 'passed',
    severity: 'should',
  },
  {
    name: 'Cache-Control: private, max-age=0 passes',
    check: 'personalDataNotCached',
    headers: { 'cache-control': 'private, max-age=0' },
    expect: 'passed',
  },
  {
    name: 'directives are case-insensitive (No-Store)',
    check: 'personalDataNotCached',
    headers: { 'cache-control': 'max-age=0, No-Store' },
    securitySeverity: 'must',
    expect: 'passed',
    severity: 'must',
  },
  {
    // RFC 9111 §3.5: a shared cache does not store an answer to a request with Authorization unless told.
    name: 'Authorization sent, no Cache-Control: not storable by shared caches, passes',
    check: 'personalDataNotCached',
    expect: 'passed',
  },
  {
    name: 'the user without Cache-Control is a warning (X-API-Key: caches may store it)',
    check: 'personalDataNotCached',
    contract: 'aitronos',
    expect: 'failed',
    severity: 'should',
    text: 'no Cache-Control header',
  },
  {
    name: 'the user without Cache-Control fails as must under SECURITY_CHECKS=must',
    check: 'personalDataNotCached',
    contract: 'aitronos',
    securitySeverity: 'must',
    expect: 'failed',
    severity: 'must',
  },
  {
    name: 'no-cache still lets caches store it',
    check: 'personalDataNotCached',
    contract: 'aitronos',
    headers: { 'cache-control': 'no-cache' },
    expect: 'failed',
    text: 'Cache-Control: no-cache',
  },
  {
    name: 'public, max-age=300 fails, naming the header',
    check: 'personalDataNotCached',
    headers: { 'cache-control': 'public, max-age=300' },
    expect: 'failed',
    text: 'Cache-Control: public, max-age=300',
  },
  {
    name: 'an error body is not the user record: not applicable',
    check: 'personalDataNotCached',
    scenario: 'unknownUser',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'not applicable',
  },
  {
    name: 'only the existing-user scenario is judged: not applicable elsewhere',
    check: 'personalDataNotCached',
    scenario: 'forbiddenUser',
    expect: 'not applicable',
  },
  {
    name: 'a plain error body passes',
    check: 'noInternalDetailsLeaked',
    scenario: 'unknownUser',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'passed',
    severity: 'should',
  },
  {
    name: 'a detail mentioning "trace" and "stack" in prose passes',
    check: 'noInternalDetailsLeaked',
    scenario: 'unknownUser',
    status: 404,
    body: {
      success: false,
      error: { code: 'NOT_FOUND', message: 'User not found; quote the trace id when you contact support' },
      meta: { ...user.meta, trace_id: 'trace_abc123', stack: 'eu-west' },
    },
    expect: 'passed',
  },
  {
    name: 'a Node stack trace in a 500 is a warning',
    check: 'noInternalDetailsLeaked',
    scenario: 'unknownUser',
    status: 500,
    body: {
      error:
        "TypeError: Cannot read properties of undefined (reading 'id')\n    at getUser (/usr/src/app/users.js:42:17)",
    },
    expect: 'failed',
    severity: 'should',
    text: 'stack-trace',
  },
  {
    name: 'a Java stack trace fails as must under SECURITY_CHECKS=must',
    check: 'noInternalDetailsLeaked',
    scenario: 'malformedId',
    status: 400,
    body: {
      ...error('INVALID_REQUEST'),
      trace:
        'java.lang.IllegalArgumentException: bad id\n\tat com.acme.users.UserController.get(UserController.java:31)',
    },
    securitySeverity: 'must',
    expect: 'failed',
    severity: 'must',
    text: 'stack-trace',
  },
  {
    name: 'SQL in an error is reported as sql',
    check: 'noInternalDetailsLeaked',
    scenario: 'unknownUser',
    status: 500,
    rawBody: "You have an error in your SQL syntax; check the manual near ''user_1'' at line 1",
    contentType: 'text/plain',
    expect: 'failed',
    text: 'sql',
  },
  {
    name: 'the wrong-method probe’s error body is judged too',
    check: 'noInternalDetailsLeaked',
    scenario: 'wrongMethod',
    status: 405,
    rawBody: '<h1>Django Version: 4.2.1</h1><p>DEBUG = True</p>',
    contentType: 'text/html',
    expect: 'failed',
    text: 'debug-page',
  },
  {
    name: 'a success body is not an error body: not applicable',
    check: 'noInternalDetailsLeaked',
    body: patched(['data', 'metadata'], { note: 'at getUser (/usr/src/app/users.js:42:17)' }),
    expect: 'not applicable',
  },
  {
    name: 'the documented user passes',
    check: 'noUndocumentedSensitiveFields',
    expect: 'passed',
    severity: 'should',
  },
  {
    name: 'an undocumented password_hash is a warning naming the path, never the value',
    check: 'noUndocumentedSensitiveFields',
    body: patched(['data', 'password_hash'], '$2b$12$secretsecretsecretsecretse'),
    expect: 'failed',
    severity: 'should',
    text: '/data/password_hash',
    absent: 'secretsecret',
  },
  {
    name: 'an access token in meta fails as must under SECURITY_CHECKS=must',
    check: 'noUndocumentedSensitiveFields',
    body: patched(['meta', 'access_token'], 'eyJhbGciOiJIUzI1NiJ9.e30.sig'),
    securitySeverity: 'must',
    expect: 'failed',
    severity: 'must',
    text: '/meta/access_token',
    absent: 'eyJhbGciOiJIUzI1NiJ9',
  },
  {
    name: 'tokenExpiresAt is about a token, not one',
    check: 'noUndocumentedSensitiveFields',
    body: patched(['data', 'tokenExpiresAt'], '2025-01-01T00:00:00Z'),
    expect: 'passed',
  },
  {
    name: 'a null or masked secret exposes nothing',
    check: 'noUndocumentedSensitiveFields',
    body: patched(['data', 'metadata'], { password: null, api_key: '****4242' }),
    expect: 'passed',
  },
  {
    name: 'an error body is not judged: not applicable',
    check: 'noUndocumentedSensitiveFields',
    scenario: 'unknownUser',
    status: 404,
    body: { ...error('NOT_FOUND'), token: 'abc' },
    expect: 'not applicable',
  },
  {
    name: 'a success body that is not JSON is skipped',
    check: 'noUndocumentedSensitiveFields',
    rawBody: 'password=hunter2',
    expect: 'skipped',
    text: 'bodyIsJson',
  },
  {
    name: 'a Location on another host is a warning',
    check: 'noCrossOriginRedirect',
    scenario: 'unknownUser',
    status: 404,
    headers: { location: 'https://login.example.net/' },
    body: error('NOT_FOUND'),
    expect: 'failed',
    severity: 'should',
    text: 'Location: https://login.example.net/',
  },
  {
    name: 'a protocol-relative Location is another origin, must under SECURITY_CHECKS=must',
    check: 'noCrossOriginRedirect',
    status: 302,
    headers: { location: '//evil.example/v1/users/user_1' },
    body: '',
    securitySeverity: 'must',
    expect: 'failed',
    severity: 'must',
  },
  {
    name: 'the same host over another scheme is another origin',
    check: 'noCrossOriginRedirect',
    status: 301,
    headers: { location: 'https://127.0.0.1:1/v1/users/user_1' },
    body: '',
    expect: 'failed',
  },
  {
    name: 'a same-origin relative Location passes',
    check: 'noCrossOriginRedirect',
    status: 302,
    headers: { location: '/v1/users/user_1/' },
    body: '',
    expect: 'passed',
    severity: 'should',
  },
  {
    name: 'a same-origin absolute Location passes',
    check: 'noCrossOriginRedirect',
    status: 201,
    headers: { location: `${REQUEST_URL}?v=2` },
    expect: 'passed',
  },
  {
    name: 'the wrong-method probe’s Location is judged too',
    check: 'noCrossOriginRedirect',
    scenario: 'wrongMethod',
    status: 301,
    headers: { location: 'https://login.example.net/' },
    body: '',
    expect: 'failed',
  },
  {
    name: 'no Location: not applicable',
    check: 'noCrossOriginRedirect',
    expect: 'not applicable',
  },
  {
    name: 'a 404 message naming the requested id passes',
    check: 'messageNamesRequestedId',
    contract: 'delos',
    scenario: 'unknownUser',
    requestedId: 'user_000000000000',
    status: 404,
    body: { error: 'User not found: user_000000000000' },
    expect: 'passed',
    severity: 'should',
  },
  {
    name: 'a 404 message naming another id is a warning, even under SECURITY_CHECKS=must',
    check: 'messageNamesRequestedId',
    contract: 'delos',
    scenario: 'unknownUser',
    requestedId: 'user_000000000000',
    status: 404,
    body: { error: 'User not found: user_invalid_id' },
    securitySeverity: 'must',
    expect: 'failed',
    severity: 'should',
    text: 'user_invalid_id',
  },
  {
    name: 'a 404 without the message is skipped',
    check: 'messageNamesRequestedId',
    contract: 'delos',
    scenario: 'unknownUser',
    status: 404,
    body: { message: 'User not found' },
    expect: 'skipped',
    text: '/error',
  },
  {
    name: 'a status without idInMessage: not applicable',
    check: 'messageNamesRequestedId',
    contract: 'delos',
    scenario: 'missingCredentials',
    status: 401,
    body: { error: 'Unauthorized' },
    expect: 'not applicable',
  },
  {
    name: 'a contract without idInMessage: not applicable',
    check: 'messageNamesRequestedId',
    scenario: 'unknownUser',
    status: 404,
    body: error('NOT_FOUND'),
    expect: 'not applicable',
  },
];

function contextOf(row: Row): CheckContext {
  const scenario = row.scenario ?? 'existingUser';
  const found = contracts.find((c) => c.name === (row.contract ?? 'credira'));
  const contract =
    found && row.mediaTypeStated !== undefined
      ? { ...found, responseMediaTypeStated: row.mediaTypeStated }
      : found;
  // forgedCredentials is judged against the invalidCredentials rule (engine/scenarios.ts).
  const rule =
    row.rule ?? contract?.scenarios[scenario === 'forgedCredentials' ? 'invalidCredentials' : scenario];
  if (!contract || !rule) throw new Error(`no rule for ${scenario}`);
  const exchange: Exchange = {
    request: { method: 'GET', url: REQUEST_URL, headers: {} },
  };
  if (row.transportError) exchange.transportError = row.transportError;
  else {
    const headers: Record<string, string> = { ...row.headers };
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
    contract,
    scenario,
    rule,
    requestedId: row.requestedId ?? 'user_1',
    exchange,
    ...(row.credentialFormIndex !== undefined ? { credentialFormIndex: row.credentialFormIndex } : {}),
    ...(row.forgedProbe ? { forgedProbe: row.forgedProbe } : {}),
    ...(row.securitySeverity ? { securitySeverity: row.securitySeverity } : {}),
  };
}

for (const row of rows) {
  test(`${row.check}: ${row.name}`, () => {
    const check = ALL_CHECKS.find((c) => c.name === row.check);
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
    if (row.severity) expect(result.severity).toBe(row.severity);
    if (result.failure) {
      const text = `${result.failure.title}\n${result.failure.expected}\n${result.failure.received}`;
      expect(result.failure.title.length).toBeGreaterThan(0);
      if (row.text) expect(text).toContain(row.text);
      if (row.absent) expect(JSON.stringify(result.failure)).not.toContain(row.absent);
    }
    if (result.status === 'skipped' && row.text) expect(result.reason).toContain(row.text);
  });
}

// Sampling keeps only failures; it must judge exactly as a scenario test does.
test('the failures-only judgement (sampling) keeps exactly the failed records of the full one', async () => {
  // (429 rows aside: their Retry-After would be waited out for real.)
  const table = rows.filter(
    (row) => (row.scenario ?? 'existingUser') === 'existingUser' && !row.forgedProbe && row.status !== 429,
  );
  expect(table.length).toBeGreaterThan(20);
  let failures = 0;
  for (const row of table) {
    const ctx = contextOf(row);
    const transport: Transport = {
      send: async () =>
        ctx.exchange.response
          ? { response: { ...ctx.exchange.response } }
          : { error: ctx.exchange.transportError ?? { kind: 'connection', message: 'refused' } },
      close: async () => undefined,
    };
    const target = resolveTarget(loadSettings({}), ctx.contract, 'http://127.0.0.1:1', {
      apiKey: 'crd_test_key/with+base64=',
      userId: ctx.requestedId,
    });
    const plan = { ...planOf(ctx.contract, target), rule: ctx.rule, requestedId: ctx.requestedId };
    const all = await judgeScenario(transport, ctx.contract, target, plan, 'all');
    const onlyFailures = await judgeScenario(transport, ctx.contract, target, plan, 'failures');
    expect(onlyFailures, row.name).toEqual(all.filter((record) => record.status === 'failed'));
    failures += onlyFailures.length;
  }
  expect(failures).toBeGreaterThan(10);
});

function planOf(contract: LoadedContract, target: Target): ScenarioPlan {
  const planned = planScenario(contract, target, 'existingUser');
  if ('skipReason' in planned) throw new Error(planned.skipReason);
  return planned.plan;
}

test('every check knows where it is defined: its steps point at its own defineCheck call', () => {
  for (const check of CHECKS) {
    const location = check.location;
    if (!location) throw new Error(`${check.name} has no location`);
    const lines = readFileSync(location.file, 'utf8').split('\n');
    expect(lines[location.line - 1], check.name).toContain('defineCheck(');
    expect(lines[location.line], check.name).toContain(`name: '${check.name}'`);
  }
});
