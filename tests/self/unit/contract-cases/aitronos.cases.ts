import type { ContractCases } from './types';

/** The doc's "200 OK" sample, verbatim (used to build a wrapped body). */
const SAMPLE_200 = {
  id: 'usr_abc123def456',
  email: 'user@example.com',
  username: 'user@example.com',
  full_name: 'example_full_name',
  first_name: 'example_first_name',
  last_name: 'example_last_name',
  birthday: '2025-11-15',
  profile_image: 'example_profile_image',
  timezone: 'example_timezone',
  country_id: 'abc123def456',
  post_code: 'example_post_code',
  gender: 'example_gender',
  is_active: true,
  last_verified: '2025-11-15T10:30:00Z',
  last_login: '2025-11-15T10:30:00Z',
  created_at: '2025-11-15T10:30:00Z',
  updated_at: '2025-11-15T10:30:00Z',
  current_organization_id: 'abc123def456',
};

export const cases: ContractCases = {
  contract: 'aitronos',
  negative: [
    // 200 — must
    {
      rule: 'wrong type: is_active as a string',
      status: 200,
      patch: [{ op: 'set', pointer: '/is_active', value: 'true' }],
      expect: { instancePath: '/is_active', keyword: 'type' },
    },
    {
      rule: 'wrong type: full_name as a number',
      status: 200,
      patch: [{ op: 'set', pointer: '/full_name', value: 42 }],
      expect: { instancePath: '/full_name', keyword: 'type' },
    },
    {
      rule: 'wrong type: last_login as epoch seconds',
      status: 200,
      patch: [{ op: 'set', pointer: '/last_login', value: 1763202600 }],
      expect: { instancePath: '/last_login', keyword: 'type' },
    },
    {
      rule: 'missing required field: email',
      status: 200,
      patch: [{ op: 'delete', pointer: '/email' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'missing required field: username (nullable, still listed in Returns)',
      status: 200,
      patch: [{ op: 'delete', pointer: '/username' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'missing required field: current_organization_id',
      status: 200,
      patch: [{ op: 'delete', pointer: '/current_organization_id' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'format email: no domain',
      status: 200,
      patch: [{ op: 'set', pointer: '/email', value: 'user@' }],
      expect: { instancePath: '/email', keyword: 'format' },
    },
    {
      rule: 'format email (strict): numeric top-level label',
      status: 200,
      patch: [{ op: 'set', pointer: '/email', value: 'user@example.com1011' }],
      expect: { instancePath: '/email', keyword: 'format' },
    },
    {
      rule: 'format date: birthday as a date-time',
      status: 200,
      patch: [{ op: 'set', pointer: '/birthday', value: '2025-11-15T10:30:00Z' }],
      expect: { instancePath: '/birthday', keyword: 'format' },
    },
    {
      rule: 'format date: birthday day-first',
      status: 200,
      patch: [{ op: 'set', pointer: '/birthday', value: '15.11.2025' }],
      expect: { instancePath: '/birthday', keyword: 'format' },
    },
    {
      rule: 'format date-time: created_at without a time zone',
      status: 200,
      patch: [{ op: 'set', pointer: '/created_at', value: '2025-11-15T10:30:00' }],
      expect: { instancePath: '/created_at', keyword: 'format' },
    },
    {
      rule: 'format date-time: last_verified not a timestamp',
      status: 200,
      patch: [{ op: 'set', pointer: '/last_verified', value: 'yesterday' }],
      expect: { instancePath: '/last_verified', keyword: 'format' },
    },
    {
      rule: 'format date-time: updated_at date only',
      status: 200,
      patch: [{ op: 'set', pointer: '/updated_at', value: '2025-11-15' }],
      expect: { instancePath: '/updated_at', keyword: 'format' },
    },
    {
      // RFC 3339 §5.6: time-numoffset = ("+" / "-") time-hour ":" time-minute.
      rule: 'format date-time (RFC 3339): created_at offset without its colon (+0000)',
      status: 200,
      patch: [{ op: 'set', pointer: '/created_at', value: '2025-11-15T10:30:00+0000' }],
      expect: { instancePath: '/created_at', keyword: 'format' },
    },
    {
      rule: 'pattern: id without the usr_ prefix',
      status: 200,
      patch: [{ op: 'set', pointer: '/id', value: 'abc123def456' }],
      expect: { instancePath: '/id', keyword: 'pattern' },
    },
    {
      rule: 'pattern: id is the bare prefix usr_',
      status: 200,
      patch: [{ op: 'set', pointer: '/id', value: 'usr_' }],
      expect: { instancePath: '/id', keyword: 'pattern' },
    },
    {
      rule: 'nullability: id null',
      status: 200,
      patch: [{ op: 'set', pointer: '/id', value: null }],
      expect: { instancePath: '/id', keyword: 'type' },
    },
    {
      rule: 'nullability: email null ("email string")',
      status: 200,
      patch: [{ op: 'set', pointer: '/email', value: null }],
      expect: { instancePath: '/email', keyword: 'type' },
    },
    {
      rule: 'nullability: is_active null',
      status: 200,
      patch: [{ op: 'set', pointer: '/is_active', value: null }],
      expect: { instancePath: '/is_active', keyword: 'type' },
    },
    {
      rule: 'nullability: created_at null ("created_at string")',
      status: 200,
      patch: [{ op: 'set', pointer: '/created_at', value: null }],
      expect: { instancePath: '/created_at', keyword: 'type' },
    },
    {
      rule: 'wrong envelope: user wrapped in {success, data}',
      status: 200,
      patch: [{ op: 'set', pointer: '', value: { success: true, data: SAMPLE_200 } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong envelope: body is an array of users',
      status: 200,
      patch: [{ op: 'set', pointer: '', value: [SAMPLE_200] }],
      expect: { instancePath: '', keyword: 'type' },
    },
    // 200 — recommended
    {
      rule: 'recommended pattern: id with upper-case letters',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/id', value: 'usr_ABC123DEF456' }],
      expect: { instancePath: '/id', keyword: 'pattern' },
    },
    // 401 — must
    {
      rule: 'wrong error format (401): bare {error: string}',
      status: 401,
      patch: [{ op: 'set', pointer: '', value: { error: 'Unauthorized' } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong error format (401): error as a string',
      status: 401,
      patch: [{ op: 'set', pointer: '/error', value: 'Authentication required' }],
      expect: { instancePath: '/error', keyword: 'type' },
    },
    {
      rule: 'const (401): success true',
      status: 401,
      patch: [{ op: 'set', pointer: '/success', value: true }],
      expect: { instancePath: '/success', keyword: 'const' },
    },
    {
      rule: 'const (401): error.status differs from the HTTP status',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/status', value: 403 }],
      expect: { instancePath: '/error/status', keyword: 'const' },
    },
    {
      rule: 'wrong type (401): error.status as a string',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/status', value: '401' }],
      expect: { instancePath: '/error/status', keyword: 'type' },
    },
    {
      rule: 'missing required error field (401): trace_id',
      status: 401,
      patch: [{ op: 'delete', pointer: '/error/trace_id' }],
      expect: { instancePath: '/error', keyword: 'required' },
    },
    {
      rule: 'missing required error field (401): code',
      status: 401,
      patch: [{ op: 'delete', pointer: '/error/code' }],
      expect: { instancePath: '/error', keyword: 'required' },
    },
    {
      rule: 'format date-time (401): error.timestamp month-first',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/timestamp', value: '11/11/2025 10:30' }],
      expect: { instancePath: '/error/timestamp', keyword: 'format' },
    },
    {
      rule: 'format date-time (401, RFC 3339): error.timestamp offset hours only (+00)',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/timestamp', value: '2025-11-11T10:30:00+00' }],
      expect: { instancePath: '/error/timestamp', keyword: 'format' },
    },
    {
      rule: 'wrong type (401): error.details as a string',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/details', value: '' }],
      expect: { instancePath: '/error/details', keyword: 'type' },
    },
    {
      rule: 'minLength (401): empty error.code',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/code', value: '' }],
      expect: { instancePath: '/error/code', keyword: 'minLength' },
    },
    // 401 — must: the error identifiers of the sample (code and type)
    {
      rule: 'identifier enum (401): error.code UNAUTHORIZED, not AUTHENTICATION_REQUIRED',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/code', value: 'UNAUTHORIZED' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: "identifier enum (401): error.code is the 403's INSUFFICIENT_PERMISSIONS",
      status: 401,
      patch: [{ op: 'set', pointer: '/error/code', value: 'INSUFFICIENT_PERMISSIONS' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: 'identifier enum (401): error.code in another case (authentication_required)',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/code', value: 'authentication_required' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: 'identifier enum (401): error.type authorization_error, not authentication_error',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/type', value: 'authorization_error' }],
      expect: { instancePath: '/error/type', keyword: 'enum' },
    },
    // 401 — recommended
    {
      rule: 'recommended pattern (401): trace_id without req_',
      status: 401,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/error/trace_id', value: 'abc123xyz' }],
      expect: { instancePath: '/error/trace_id', keyword: 'pattern' },
    },
    // 403 — must
    {
      rule: 'wrong error format (403): {message} only',
      status: 403,
      patch: [{ op: 'set', pointer: '', value: { message: 'Forbidden' } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'const (403): error.status 401 on a 403',
      status: 403,
      patch: [{ op: 'set', pointer: '/error/status', value: 401 }],
      expect: { instancePath: '/error/status', keyword: 'const' },
    },
    {
      rule: 'missing required error field (403): system_message',
      status: 403,
      patch: [{ op: 'delete', pointer: '/error/system_message' }],
      expect: { instancePath: '/error', keyword: 'required' },
    },
    {
      rule: 'nullability (403): error.message null',
      status: 403,
      patch: [{ op: 'set', pointer: '/error/message', value: null }],
      expect: { instancePath: '/error/message', keyword: 'type' },
    },
    // 403 — must: the error identifiers of the sample (code and type)
    {
      rule: 'identifier enum (403): error.code FORBIDDEN, not INSUFFICIENT_PERMISSIONS',
      status: 403,
      patch: [{ op: 'set', pointer: '/error/code', value: 'FORBIDDEN' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: "identifier enum (403): error.code is the 401's AUTHENTICATION_REQUIRED",
      status: 403,
      patch: [{ op: 'set', pointer: '/error/code', value: 'AUTHENTICATION_REQUIRED' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: 'identifier enum (403): error.type authentication_error, not authorization_error',
      status: 403,
      patch: [{ op: 'set', pointer: '/error/type', value: 'authentication_error' }],
      expect: { instancePath: '/error/type', keyword: 'enum' },
    },
    // 403 — recommended
    {
      rule: 'recommended pattern (403): trace_id without req_',
      status: 403,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/error/trace_id', value: 'def456uvw' }],
      expect: { instancePath: '/error/trace_id', keyword: 'pattern' },
    },
  ],
  // Every sample of the doc is valid JSON and passes both schemas; its defects are about meaning
  // (see x-conformance.discrepancies), not about shape.
  rawDocDefects: [],
};
