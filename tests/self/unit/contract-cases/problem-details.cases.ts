/** Negative bodies and raw doc defects of contracts/problem-details.openapi.json (seed 004). */
import type { ContractCases } from './types';

/** The doc's first sample (under the curl), verbatim: status table keys and "<string>" placeholders. */
const FIRST_SAMPLE_VERBATIM = `{
  "200": {},
  "404": {},
  "500": {},
  "id": "<string>",
  "username": "<string>",
  "email": "<string>",
  "firstName": "<string>",
  "lastName": "<string>",
  "role": "<string>",
  "createdAt": "<string>",
  "updatedAt": "<string>",
  "active": true
}`;

/** Spring Boot's default error body when problem details are not enabled: a realistic wrong format. */
const SPRING_DEFAULT_ERROR = {
  timestamp: '2024-01-15T10:30:00.000+00:00',
  status: 404,
  error: 'Not Found',
  path: '/api/v1/users/00000000-0000-4000-8000-000000000000',
};

export const cases: ContractCases = {
  contract: 'problem-details',
  negative: [
    // 200 — must
    {
      rule: 'missing required field: active',
      status: 200,
      patch: [{ op: 'delete', pointer: '/active' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'missing required field: updatedAt',
      status: 200,
      patch: [{ op: 'delete', pointer: '/updatedAt' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong type: active as the string "true"',
      status: 200,
      patch: [{ op: 'set', pointer: '/active', value: 'true' }],
      expect: { instancePath: '/active', keyword: 'type' },
    },
    {
      rule: 'wrong type: createdAt as epoch milliseconds',
      status: 200,
      patch: [{ op: 'set', pointer: '/createdAt', value: 1705314600000 }],
      expect: { instancePath: '/createdAt', keyword: 'type' },
    },
    {
      rule: 'wrong type: createdAt as a Jackson LocalDateTime array (WRITE_DATES_AS_TIMESTAMPS)',
      status: 200,
      patch: [{ op: 'set', pointer: '/createdAt', value: [2024, 1, 15, 10, 30] }],
      expect: { instancePath: '/createdAt', keyword: 'type' },
    },
    {
      rule: 'bad format: id not a UUID',
      status: 200,
      patch: [{ op: 'set', pointer: '/id', value: '12345' }],
      expect: { instancePath: '/id', keyword: 'format' },
    },
    {
      rule: 'bad format: email without a domain',
      status: 200,
      patch: [{ op: 'set', pointer: '/email', value: 'jdoe' }],
      expect: { instancePath: '/email', keyword: 'format' },
    },
    {
      rule: 'bad format: createdAt as a date only',
      status: 200,
      patch: [{ op: 'set', pointer: '/createdAt', value: '2024-01-15' }],
      expect: { instancePath: '/createdAt', keyword: 'format' },
    },
    {
      rule: 'bad format: updatedAt in a locale format',
      status: 200,
      patch: [{ op: 'set', pointer: '/updatedAt', value: '15/01/2024 10:30' }],
      expect: { instancePath: '/updatedAt', keyword: 'format' },
    },
    {
      rule: 'not nullable: firstName null',
      status: 200,
      patch: [{ op: 'set', pointer: '/firstName', value: null }],
      expect: { instancePath: '/firstName', keyword: 'type' },
    },
    {
      rule: 'not nullable: updatedAt null',
      status: 200,
      patch: [{ op: 'set', pointer: '/updatedAt', value: null }],
      expect: { instancePath: '/updatedAt', keyword: 'type' },
    },
    {
      rule: 'wrong envelope: the user wrapped in {data}',
      status: 200,
      patch: [
        {
          op: 'set',
          pointer: '',
          value: { data: { id: '0f4df2de-fffb-4a24-9891-381ecf4f0f87', username: 'jdoe' } },
        },
      ],
      expect: { instancePath: '', keyword: 'required' },
    },
    // 200 — recommended
    {
      rule: 'recommended: a stray status-code key in the body',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/404', value: {} }],
      expect: { instancePath: '', keyword: 'propertyNames' },
    },
    {
      rule: 'recommended pattern: role not an upper-case constant',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/role', value: 'user' }],
      expect: { instancePath: '/role', keyword: 'pattern' },
    },
    // 404 — must, both media types
    {
      rule: 'wrong error format: Spring default error body instead of problem details',
      status: 404,
      mediaType: 'application/json',
      patch: [{ op: 'set', pointer: '', value: SPRING_DEFAULT_ERROR }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong error format: {message} instead of problem details',
      status: 404,
      mediaType: 'application/problem+json',
      patch: [{ op: 'set', pointer: '', value: { message: 'User not found' } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'missing member the example shows: detail (should)',
      status: 404,
      mediaType: 'application/problem+json',
      patch: [{ op: 'delete', pointer: '/detail' }],
      schema: 'recommended',
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'missing member the example shows: type (should; RFC 9457 reads it as about:blank)',
      status: 404,
      mediaType: 'application/problem+json',
      patch: [{ op: 'delete', pointer: '/type' }],
      schema: 'recommended',
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'missing required member: title',
      status: 404,
      mediaType: 'application/problem+json',
      patch: [{ op: 'delete', pointer: '/title' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'const: status member not 404 on a 404',
      status: 404,
      mediaType: 'application/problem+json',
      patch: [{ op: 'set', pointer: '/status', value: 500 }],
      expect: { instancePath: '/status', keyword: 'const' },
    },
    {
      rule: 'wrong type: status member as a string',
      status: 404,
      mediaType: 'application/json',
      patch: [{ op: 'set', pointer: '/status', value: '404' }],
      expect: { instancePath: '/status', keyword: 'type' },
    },
    {
      rule: 'bad format: type not a URI reference',
      status: 404,
      mediaType: 'application/problem+json',
      patch: [{ op: 'set', pointer: '/type', value: 'User Not Found' }],
      expect: { instancePath: '/type', keyword: 'format' },
    },
    {
      rule: 'not nullable: title null',
      status: 404,
      mediaType: 'application/problem+json',
      patch: [{ op: 'set', pointer: '/title', value: null }],
      expect: { instancePath: '/title', keyword: 'type' },
    },
    // 404 — recommended
    {
      rule: 'recommended: userId extension member missing',
      status: 404,
      mediaType: 'application/problem+json',
      schema: 'recommended',
      patch: [{ op: 'delete', pointer: '/userId' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'recommended format: userId not a UUID',
      status: 404,
      mediaType: 'application/problem+json',
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/userId', value: 'user-1' }],
      expect: { instancePath: '/userId', keyword: 'format' },
    },
    {
      rule: 'recommended format: timestamp as a date only',
      status: 404,
      mediaType: 'application/json',
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/timestamp', value: '2024-01-15' }],
      expect: { instancePath: '/timestamp', keyword: 'format' },
    },
    // 500 — no sample in the doc: whole bodies
    {
      rule: 'recommended: 500 as Spring default error body instead of problem details',
      status: 500,
      schema: 'recommended',
      patch: [
        {
          op: 'set',
          pointer: '',
          value: { ...SPRING_DEFAULT_ERROR, status: 500, error: 'Internal Server Error' },
        },
      ],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'recommended const: 500 problem details whose status member is not 500',
      status: 500,
      mediaType: 'application/problem+json',
      schema: 'recommended',
      patch: [
        {
          op: 'set',
          pointer: '',
          value: { type: 'about:blank', title: 'Internal Server Error', status: 404, detail: 'boom' },
        },
      ],
      expect: { instancePath: '/status', keyword: 'const' },
    },
    // default (statuses the doc does not list, e.g. 400 for a malformed id): problem details implied
    {
      rule: 'default: a 400 as Spring default error body instead of problem details',
      status: 0,
      mediaType: 'application/json',
      patch: [
        {
          op: 'set',
          pointer: '',
          value: { ...SPRING_DEFAULT_ERROR, status: 400, error: 'Bad Request' },
        },
      ],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'default: problem details whose status member is not a status code',
      status: 0,
      mediaType: 'application/problem+json',
      patch: [
        {
          op: 'set',
          pointer: '',
          value: { type: 'about:blank', title: 'Bad Request', status: 4000, detail: 'bad id' },
        },
      ],
      expect: { instancePath: '/status', keyword: 'maximum' },
    },
  ],
  rawDocDefects: [
    {
      name: 'the first sample carries the status table as body keys "200", "404", "500"',
      discrepancyId: 'stray-status-keys',
      status: 200,
      raw: FIRST_SAMPLE_VERBATIM,
      expect: { instancePath: '', keyword: 'propertyNames' },
    },
    {
      name: 'the first sample\'s id is the placeholder "<string>", not a UUID',
      discrepancyId: 'placeholder-sample',
      status: 200,
      raw: FIRST_SAMPLE_VERBATIM,
      expect: { instancePath: '/id', keyword: 'format' },
    },
  ],
};
