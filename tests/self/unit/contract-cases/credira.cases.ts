/** Negative bodies of contracts/credira.openapi.json (seed 002). */
import type { ContractCases } from './types';

export const cases: ContractCases = {
  contract: 'credira',
  negative: [
    // 200 — must
    {
      rule: 'missing required field: data.email',
      status: 200,
      patch: [{ op: 'delete', pointer: '/data/email' }],
      expect: { instancePath: '/data', keyword: 'required' },
    },
    {
      rule: 'missing required field: meta',
      status: 200,
      patch: [{ op: 'delete', pointer: '/meta' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'missing required field: activity_stats.last_activity',
      status: 200,
      patch: [{ op: 'delete', pointer: '/data/activity_stats/last_activity' }],
      expect: { instancePath: '/data/activity_stats', keyword: 'required' },
    },
    {
      rule: 'wrong type: total_calls_made as a string',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/activity_stats/total_calls_made', value: '45' }],
      expect: { instancePath: '/data/activity_stats/total_calls_made', keyword: 'type' },
    },
    {
      rule: 'wrong type: total_emails_sent as a decimal',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/activity_stats/total_emails_sent', value: 1.5 }],
      expect: { instancePath: '/data/activity_stats/total_emails_sent', keyword: 'type' },
    },
    {
      rule: 'wrong type: permissions as a comma-separated string',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/permissions', value: 'calls:read,calls:write' }],
      expect: { instancePath: '/data/permissions', keyword: 'type' },
    },
    {
      rule: 'wrong type: a permission that is not a string',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/permissions/0', value: { scope: 'calls', access: 'read' } }],
      expect: { instancePath: '/data/permissions/0', keyword: 'type' },
    },
    {
      rule: 'minimum: negative total_callouts_created',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/activity_stats/total_callouts_created', value: -1 }],
      expect: { instancePath: '/data/activity_stats/total_callouts_created', keyword: 'minimum' },
    },
    {
      rule: 'const (envelope flag): success false on a 200',
      status: 200,
      patch: [{ op: 'set', pointer: '/success', value: false }],
      expect: { instancePath: '/success', keyword: 'const' },
    },
    {
      rule: 'bad format: email with a numeric top-level label',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/email', value: 'john.doe@company.com1011' }],
      expect: { instancePath: '/data/email', keyword: 'format' },
    },
    {
      rule: 'bad format: created_time without a UTC offset',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/created_time', value: '2024-01-15T10:30:00' }],
      expect: { instancePath: '/data/created_time', keyword: 'format' },
    },
    {
      // RFC 3339 §5.6: time-numoffset = ("+" / "-") time-hour ":" time-minute.
      rule: 'bad format (RFC 3339): created_time offset without its colon (+0000)',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/created_time', value: '2024-01-15T10:30:00+0000' }],
      expect: { instancePath: '/data/created_time', keyword: 'format' },
    },
    {
      rule: 'bad format: last_login as a date only',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/last_login', value: '2024-01-20' }],
      expect: { instancePath: '/data/last_login', keyword: 'format' },
    },
    {
      rule: 'bad format: meta.timestamp as epoch seconds text',
      status: 200,
      patch: [{ op: 'set', pointer: '/meta/timestamp', value: '1705314600' }],
      expect: { instancePath: '/meta/timestamp', keyword: 'format' },
    },
    {
      rule: 'not nullable: data.email null',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/email', value: null }],
      expect: { instancePath: '/data/email', keyword: 'type' },
    },
    {
      rule: 'not nullable: data.created_time null',
      status: 200,
      patch: [{ op: 'set', pointer: '/data/created_time', value: null }],
      expect: { instancePath: '/data/created_time', keyword: 'type' },
    },
    {
      rule: 'wrong envelope: the flat user object without {success, data, meta}',
      status: 200,
      patch: [{ op: 'set', pointer: '', value: { id: 'user_123456789', email: 'john.doe@company.com' } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong envelope: data as an array',
      status: 200,
      patch: [{ op: 'set', pointer: '/data', value: [] }],
      expect: { instancePath: '/data', keyword: 'type' },
    },
    // 200 — recommended
    {
      rule: 'recommended (nullable in schema): last_login null',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/data/last_login', value: null }],
      expect: { instancePath: '/data/last_login', keyword: 'type' },
    },
    {
      rule: 'recommended pattern: id without the user_ prefix',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/data/id', value: '123456789' }],
      expect: { instancePath: '/data/id', keyword: 'pattern' },
    },
    {
      rule: 'recommended pattern: phone not E.164',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/data/phone', value: '(123) 456-7890' }],
      expect: { instancePath: '/data/phone', keyword: 'pattern' },
    },
    {
      rule: 'recommended pattern: permission not "<area>:<access>"',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/data/permissions/1', value: 'CALLS_WRITE' }],
      expect: { instancePath: '/data/permissions/1', keyword: 'pattern' },
    },
    {
      rule: 'recommended required: metadata.timezone missing',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'delete', pointer: '/data/metadata/timezone' }],
      expect: { instancePath: '/data/metadata', keyword: 'required' },
    },
    {
      rule: 'recommended pattern: request_id without the req_ prefix',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/meta/request_id', value: '5f0c6a2e' }],
      expect: { instancePath: '/meta/request_id', keyword: 'pattern' },
    },
    // errors — must
    {
      rule: 'wrong error format: 404 as {error: "..."} (no envelope)',
      status: 404,
      patch: [{ op: 'set', pointer: '', value: { error: 'User not found' } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'const (envelope flag): success true on a 404',
      status: 404,
      patch: [{ op: 'set', pointer: '/success', value: true }],
      expect: { instancePath: '/success', keyword: 'const' },
    },
    {
      rule: 'wrong error format: 401 error as a string',
      status: 401,
      patch: [{ op: 'set', pointer: '/error', value: 'UNAUTHORIZED' }],
      expect: { instancePath: '/error', keyword: 'type' },
    },
    {
      rule: 'missing required field: 403 error.message',
      status: 403,
      patch: [{ op: 'delete', pointer: '/error/message' }],
      expect: { instancePath: '/error', keyword: 'required' },
    },
    {
      rule: 'missing required field: 400 meta',
      status: 400,
      patch: [{ op: 'delete', pointer: '/meta' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'minLength: empty 400 error.code',
      status: 400,
      patch: [{ op: 'set', pointer: '/error/code', value: '' }],
      expect: { instancePath: '/error/code', keyword: 'minLength' },
    },
    // errors — must: the error code of each status (the identifier clients program against)
    {
      rule: 'identifier enum (400): code NOT_FOUND, not INVALID_REQUEST',
      status: 400,
      patch: [{ op: 'set', pointer: '/error/code', value: 'NOT_FOUND' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: 'identifier enum (400): code VALIDATION_ERROR, not INVALID_REQUEST',
      status: 400,
      patch: [{ op: 'set', pointer: '/error/code', value: 'VALIDATION_ERROR' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: 'identifier enum (401): code FORBIDDEN, not UNAUTHORIZED',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/code', value: 'FORBIDDEN' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: 'identifier enum (401): code INVALID_API_KEY, not UNAUTHORIZED',
      status: 401,
      patch: [{ op: 'set', pointer: '/error/code', value: 'INVALID_API_KEY' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: 'identifier enum (403): code UNAUTHORIZED, not FORBIDDEN',
      status: 403,
      patch: [{ op: 'set', pointer: '/error/code', value: 'UNAUTHORIZED' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: 'identifier enum (404): code USER_NOT_FOUND, not NOT_FOUND',
      status: 404,
      patch: [{ op: 'set', pointer: '/error/code', value: 'USER_NOT_FOUND' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    {
      rule: 'identifier enum (404): code in lower case (not_found)',
      status: 404,
      patch: [{ op: 'set', pointer: '/error/code', value: 'not_found' }],
      expect: { instancePath: '/error/code', keyword: 'enum' },
    },
    // default: the shared error envelope, implied for statuses the doc does not list
    {
      rule: 'default: a 405 as {error: "..."} without the envelope',
      status: 0,
      patch: [{ op: 'set', pointer: '', value: { error: 'Method Not Allowed' } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'default: a 429 with a numeric error code',
      status: 0,
      patch: [
        {
          op: 'set',
          pointer: '',
          value: {
            success: false,
            error: { code: 429, message: 'Too many requests' },
            meta: { timestamp: '2024-01-15T10:30:00Z', request_id: 'req_123456789' },
          },
        },
      ],
      expect: { instancePath: '/error/code', keyword: 'type' },
    },
  ],
  // Every sample of the Credira doc is valid JSON and matches the contract.
  rawDocDefects: [],
};
