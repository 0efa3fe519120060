// @ts-check
// aitronos variants — GET /v1/user/{user_id}, `X-API-Key: <key>`; flat 200 user, enveloped 401/403.

const { patchDialects } = require('../stack.js');
const { NULLABLE_FIELDS } = require('../dialects/aitronos-fields.js');
const { mapUserBody, mapError, without } = require('./helpers.js');

/** @typedef {import('./index.js').Variant} Variant */

/** @type {Record<string, Variant>} */
const variants = {
  'aitronos-is-active-string': {
    summary: 'aitronos: is_active sent as the string "true"',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: 'Returns: "is_active boolean Is Active"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/is_active' },
    apply: (base) =>
      mapUserBody(base, 'aitronos', (body) => ({ ...body, is_active: String(body.is_active) })),
  },
  'aitronos-email-missing': {
    summary: 'aitronos: the email field is left out of the 200 body',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: 'Returns: "email string Email" (not "or null", never marked optional)',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: 'email' },
    apply: (base) => mapUserBody(base, 'aitronos', (body) => without(body, 'email')),
  },
  'aitronos-birthday-not-a-date': {
    summary: 'aitronos: birthday "23.04.1991" instead of an RFC 3339 full-date',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: 'Returns: "birthday string or null"; sample "birthday": "2025-11-15"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/birthday' },
    apply: (base) => mapUserBody(base, 'aitronos', (body) => ({ ...body, birthday: '23.04.1991' })),
  },
  'aitronos-id-without-usr-prefix': {
    summary: 'aitronos: id sent without its usr_ prefix ("647e00a80c8fceff")',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: 'Returns: "id string User ID with usr_ prefix"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/id' },
    apply: (base) =>
      mapUserBody(base, 'aitronos', (body) => ({ ...body, id: String(body.id).replace(/^usr_/, '') })),
  },
  'aitronos-user-in-success-envelope': {
    summary: 'aitronos: the user wrapped in {"success": true, "data": …} instead of the bare object',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: 'Response "200 OK" sample: the bare user object {"id": "usr_abc123def456", …}',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: 'is_active' },
    apply: (base) => mapUserBody(base, 'aitronos', (body) => ({ success: true, data: body })),
  },
  'aitronos-403-error-says-401': {
    summary: 'aitronos: the 403 error body carries "status": 401 and the 401 code',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: '403 Forbidden sample: "code": "INSUFFICIENT_PERMISSIONS", "status": 403',
    expect: { check: 'errorFormatConformance', scenario: 'forbiddenUser', text: '/error/status' },
    apply: (base) =>
      mapError(base, 'aitronos', 'forbidden', (reply) => ({
        ...reply,
        body: {
          ...reply.body,
          error: { ...reply.body.error, code: 'AUTHENTICATION_REQUIRED', status: 401 },
        },
      })),
  },
  'aitronos-401-wrong-error-code': {
    summary:
      'aitronos: the 401 for a missing or wrong key carries code UNAUTHORIZED, not AUTHENTICATION_REQUIRED',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: '401 Unauthorized sample: "code": "AUTHENTICATION_REQUIRED", "type": "authentication_error"',
    expect: [
      { check: 'errorFormatConformance', scenario: 'missingCredentials', text: '/error/code' },
      { check: 'errorFormatConformance', scenario: 'invalidCredentials', text: '/error/code' },
    ],
    apply: (base) =>
      mapError(base, 'aitronos', 'unauthorized', (reply) => ({
        ...reply,
        body: { ...reply.body, error: { ...reply.body.error, code: 'UNAUTHORIZED' } },
      })),
  },
  'aitronos-403-answered-404': {
    summary: 'aitronos: a user the key may not read is answered 404 instead of 403',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: 'Errors: "403 Forbidden" — "You do not have permission to access this resource."',
    expect: { check: 'statusCodeConformance', scenario: 'forbiddenUser', text: '404' },
    apply: (base) =>
      mapError(base, 'aitronos', 'forbidden', (_reply, ctx, render) => render('not-found', ctx)),
  },
  'aitronos-404-answered-200': {
    summary: 'aitronos: an unknown user_id is answered 200 (with the error envelope in the body)',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: 'RFC 9110 §15.5.5 (the doc documents no not-found answer; 2xx for a missing user never conforms)',
    expect: { check: 'statusCodeConformance', scenario: 'unknownUser', text: '200' },
    apply: (base) => mapError(base, 'aitronos', 'not-found', (reply) => ({ ...reply, status: 200 })),
  },
  'aitronos-500-on-malformed-id': {
    summary: 'aitronos: a user_id without the usr_ prefix crashes the server (500)',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: 'Path: "user_id string required"; Returns: "User ID with usr_ prefix"',
    expect: { check: 'statusCodeConformance', scenario: 'malformedId', text: '500' },
    apply: (base) =>
      mapError(base, 'aitronos', 'malformed-id', (reply) => ({
        ...reply,
        status: 500,
        body: {
          ...reply.body,
          error: {
            ...reply.body.error,
            code: 'INTERNAL_ERROR',
            type: 'server_error',
            status: 500,
            message: 'An unexpected error occurred.',
            system_message: "TypeError: Cannot read properties of undefined (reading 'slice')",
          },
        },
      })),
  },
  'aitronos-forbidden-user-served': {
    summary: 'aitronos: a user the key may not read is served (no permission check)',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: '403 Forbidden sample: "You do not have permission to access this resource."',
    expect: { check: 'forbiddenUserNotServed', scenario: 'forbiddenUser', text: '200' },
    apply: (base) => patchDialects(base, ['aitronos'], () => ({ canRead: () => true })),
  },
  'aitronos-every-nullable-field-null': {
    summary: 'aitronos: every "string or null" field of the user is null',
    kind: 'legitimate',
    contracts: ['aitronos'],
    clause: 'Returns: username, full_name, …, current_organization_id are "string or null"',
    apply: (base) =>
      mapUserBody(base, 'aitronos', (body) => ({
        ...body,
        ...Object.fromEntries(NULLABLE_FIELDS.map((field) => [field, null])),
      })),
  },
  'aitronos-timestamps-fractional-seconds': {
    summary: 'aitronos: RFC 3339 timestamps with fractional seconds and a non-Z offset',
    kind: 'legitimate',
    contracts: ['aitronos'],
    clause:
      'Sample "created_at": "2025-11-15T10:30:00Z"; RFC 3339 §5.6 allows time-secfrac and numeric offsets',
    apply: (base) =>
      mapUserBody(base, 'aitronos', (body) => ({
        ...body,
        created_at: '2024-06-03T12:00:41.123Z',
        updated_at: '2025-11-15T11:30:00.123456+01:00',
        last_login: '2025-11-15T10:30:00.5Z',
        last_verified: '2025-11-02T03:14:55.000-05:00',
      })),
  },
};

module.exports = { variants };
