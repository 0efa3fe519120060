import { expect, test } from '@playwright/test';
import type { CheckRecord } from '../../../engine/types';
import { buildReportModel } from '../../../reporters/model';
import { REDACTED, redactDeep, redactSecrets } from '../../../reporters/redact';
import { renderHtml } from '../../../reporters/render-html';

const KEY = 'sk_live_S3cr3t+/=key';

test.describe('redactSecrets', () => {
  const cases: [string, string, string][] = [
    ['plain occurrence', `key is ${KEY}.`, `key is ${REDACTED}.`],
    ['every occurrence', `${KEY}${KEY}`, `${REDACTED}${REDACTED}`],
    [
      'URL-encoded in a query',
      `https://x.test/u?k=${encodeURIComponent(KEY)}`,
      `https://x.test/u?k=${REDACTED}`,
    ],
    [
      'curl header',
      "curl -H 'Authorization: Bearer abc.def' 'https://x.test'",
      `curl -H 'Authorization: ${REDACTED}' 'https://x.test'`,
    ],
    [
      'curl x-api-key',
      'curl -H "X-API-Key: abc" https://x.test',
      `curl -H "X-API-Key: ${REDACTED}" https://x.test`,
    ],
    [
      'JSON body field',
      '{"authorization": "Bearer t", "id": 1}',
      `{"authorization": "${REDACTED}", "id": 1}`,
    ],
    ['cookie line', 'Cookie: a=1; b=2\nAccept: */*', `Cookie: ${REDACTED}\nAccept: */*`],
    ['set-cookie line', 'set-cookie: sid=9; HttpOnly', `set-cookie: ${REDACTED}`],
    ['proxy-authorization', 'Proxy-Authorization: Basic Zm9v', `Proxy-Authorization: ${REDACTED}`],
    ['already redacted stays stable', `Authorization: ${REDACTED}`, `Authorization: ${REDACTED}`],
    [
      'ordinary text untouched',
      'must have required property authorization',
      'must have required property authorization',
    ],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      expect(redactSecrets(input, [KEY])).toBe(expected);
    });
  }

  test('secrets shorter than 4 characters are ignored', () => {
    expect(redactSecrets('abc abc', ['abc'])).toBe('abc abc');
  });
});

function leakyRecord(): CheckRecord {
  return {
    contract: 'klaim',
    scenario: 'invalidCredentials',
    check: 'status',
    description: `sends ${KEY}`,
    severity: 'must',
    status: 'failed',
    reason: KEY,
    title: KEY,
    expected: `401 for ${KEY}`,
    received: `200 for ${KEY}`,
    violations: [
      {
        instancePath: `/${KEY}`,
        schemaPath: '#/x',
        keyword: 'const',
        params: { allowedValue: KEY },
        message: KEY,
        value: JSON.stringify(KEY),
        clause: KEY,
      },
    ],
    clause: KEY,
    curl: `curl -H 'x-api-key: ${KEY}' 'https://x.test/users/1?key=${encodeURIComponent(KEY)}'`,
    exchange: {
      request: {
        method: 'GET',
        url: `https://x.test/users/1?key=${KEY}`,
        headers: { Authorization: 'Bearer other-token', 'X-Api-Key': 'another', accept: 'application/json' },
        body: JSON.stringify({ key: KEY }),
      },
      response: {
        status: 200,
        statusText: 'OK',
        headers: { 'set-cookie': 'sid=42', 'content-type': 'application/json', 'x-echo': KEY },
        bodyText: JSON.stringify({ echoedKey: KEY }),
        durationMs: 3,
      },
      transportError: { kind: 'other', message: KEY },
    },
  };
}

test('redactDeep scrubs the key from every field and sensitive headers everywhere, without mutating', () => {
  const record = leakyRecord();
  const model = buildReportModel({
    target: `https://x.test/?k=${KEY}`,
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 1,
    suiteVersion: '0.1.0',
    contracts: [
      {
        name: 'klaim',
        meta: { source: { file: KEY, vendor: KEY }, discrepancies: [{ id: KEY, doc: KEY, decision: KEY }] },
        records: [record],
      },
    ],
  });
  const before = JSON.stringify(model);
  const redacted = redactDeep(model, [KEY]);
  expect(JSON.stringify(model)).toBe(before);
  const text = JSON.stringify(redacted);
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(encodeURIComponent(KEY));
  expect(text).not.toContain('other-token');
  expect(text).not.toContain('another');
  expect(text).not.toContain('sid=42');
  const exchange = redacted.contracts[0]?.checks[0]?.exchange;
  expect(exchange?.request.headers).toEqual({
    Authorization: REDACTED,
    'X-Api-Key': REDACTED,
    accept: 'application/json',
  });
  expect(exchange?.response?.headers).toEqual({
    'set-cookie': REDACTED,
    'content-type': 'application/json',
    'x-echo': REDACTED,
  });
  expect(renderHtml(redacted)).not.toContain(KEY);
});

test('headers objects are found at any depth, array values too', () => {
  const value = { a: [{ b: { headers: { Cookie: ['x', 'y'], COOKIE2: 'kept' } } }] };
  expect(redactDeep(value, [])).toEqual({
    a: [{ b: { headers: { Cookie: [REDACTED, REDACTED], COOKIE2: 'kept' } } }],
  });
});

test('curl commands keep the $API_KEY placeholder (it reveals nothing and keeps them runnable)', () => {
  const curl = `curl -sS -i -X GET 'https://x.example/v1/users/u' -H "Authorization: Bearer $API_KEY" -H "X-API-Key: $API_KEY"`;
  expect(redactSecrets(curl, ['sk_live_canary_123456'])).toBe(curl);
  expect(redactSecrets('-H "Authorization: Bearer sk_live_canary_123456"', [])).toBe(
    `-H "Authorization: ${REDACTED}"`,
  );
});
