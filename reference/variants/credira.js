// @ts-check
// credira variants — GET /v1/users/{id}, `Authorization: Bearer <key>`; everything wrapped in
// `{ success, data | error, meta }`.

const { patchDialects } = require('../stack.js');
const { mapUserBody, mapError, anotherUser } = require('./helpers.js');

/** @typedef {import('./index.js').Variant} Variant */

/** @type {Record<string, Variant>} */
const variants = {
  'credira-email-not-an-email': {
    summary: 'credira: data.email "john.doe at company.example.com" is not an email address',
    kind: 'defect',
    contracts: ['credira'],
    clause: 'Response sample: "email": "john.doe@company.com"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/data/email' },
    apply: (base) =>
      mapUserBody(base, 'credira', (body) => ({
        ...body,
        data: { ...body.data, email: String(body.data.email).replace('@', ' at ') },
      })),
  },
  'credira-created-time-date-only': {
    summary: 'credira: data.created_time "2024-01-15", a date without the time',
    kind: 'defect',
    contracts: ['credira'],
    clause: 'Response sample: "created_time": "2024-01-15T10:30:00Z"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/data/created_time' },
    apply: (base) =>
      mapUserBody(base, 'credira', (body) => ({
        ...body,
        data: { ...body.data, created_time: String(body.data.created_time).slice(0, 10) },
      })),
  },
  'credira-total-calls-string': {
    summary: 'credira: data.activity_stats.total_calls_made sent as the string "45"',
    kind: 'defect',
    contracts: ['credira'],
    clause: 'Response sample: "activity_stats": {"total_calls_made": 45, …}',
    expect: {
      check: 'responseSchemaConformance',
      scenario: 'existingUser',
      text: '/data/activity_stats/total_calls_made',
    },
    apply: (base) =>
      mapUserBody(base, 'credira', (body) => ({
        ...body,
        data: {
          ...body.data,
          activity_stats: {
            ...body.data.activity_stats,
            total_calls_made: String(body.data.activity_stats.total_calls_made),
          },
        },
      })),
  },
  'credira-user-not-enveloped': {
    summary: 'credira: the user sent bare, without the {"success", "data", "meta"} envelope',
    kind: 'defect',
    contracts: ['credira'],
    clause: 'Response sample: {"success": true, "data": {…}, "meta": {"timestamp", "request_id"}}',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: 'data' },
    apply: (base) => mapUserBody(base, 'credira', (body) => body.data),
  },
  'credira-404-error-not-enveloped': {
    summary: 'credira: the 404 body is {"error": "User not found"}, without code, success and meta',
    kind: 'defect',
    contracts: ['credira'],
    clause:
      'Error sample: {"success": false, "error": {"code": "NOT_FOUND", "message": "User not found"}, "meta": …}',
    expect: { check: 'errorFormatConformance', scenario: 'unknownUser', text: '/error' },
    apply: (base) =>
      mapError(base, 'credira', 'not-found', (reply) => ({ ...reply, body: { error: 'User not found' } })),
  },
  'credira-404-wrong-error-code': {
    summary: 'credira: the unknown user is answered 404 with error code USER_NOT_FOUND instead of NOT_FOUND',
    kind: 'defect',
    contracts: ['credira'],
    clause:
      'Error sample: {"success": false, "error": {"code": "NOT_FOUND", "message": "User not found"}, "meta": …}',
    expect: { check: 'errorFormatConformance', scenario: 'unknownUser', text: '/error/code' },
    apply: (base) =>
      mapError(base, 'credira', 'not-found', (reply) => ({
        ...reply,
        body: { ...reply.body, error: { ...reply.body.error, code: 'USER_NOT_FOUND' } },
      })),
  },
  'credira-ids-free-form': {
    summary:
      'credira: ids are free-form (no format check), so the malformed id "invalid id!" is answered 404 NOT_FOUND',
    kind: 'legitimate',
    contracts: ['credira'],
    clause:
      'Error sample {"code": "INVALID_REQUEST", "message": "Invalid user ID format"}; no id format is stated (discrepancy id-format-undocumented)',
    expect: {
      check: 'statusCodeConformance',
      scenario: 'malformedId',
      severity: 'should',
      text: 'MALFORMED_USER_ID',
    },
    apply: (base) => patchDialects(base, ['credira'], () => ({ isWellFormedId: () => true })),
  },
  'credira-ids-serial-numbers': {
    summary:
      'credira: ids are user_ + a number with no leading zero: the guessed unknown id user_000000000 gets 400 INVALID_REQUEST',
    kind: 'legitimate',
    contracts: ['credira'],
    clause:
      'Error sample {"code": "INVALID_REQUEST", "message": "Invalid user ID format"}; no id format is stated (discrepancy id-format-undocumented)',
    expect: {
      check: 'statusCodeConformance',
      scenario: 'unknownUser',
      severity: 'should',
      text: 'UNKNOWN_USER_ID',
    },
    apply: (base) =>
      patchDialects(base, ['credira'], () => ({ isWellFormedId: (id) => /^user_[1-9][0-9]*$/.test(id) })),
  },
  'credira-unknown-user-400-not-found-code': {
    summary:
      'credira: the unknown user gets 400 with error code NOT_FOUND (400 is tolerated there; its code is INVALID_REQUEST)',
    kind: 'defect',
    contracts: ['credira'],
    clause: 'Error sample: {"code": "INVALID_REQUEST", "message": "Invalid user ID format"}',
    // The status alone is only a warning (tolerated); the body's code is the defect.
    expect: [
      { check: 'errorFormatConformance', scenario: 'unknownUser', text: '/error/code' },
      {
        check: 'statusCodeConformance',
        scenario: 'unknownUser',
        text: 'UNKNOWN_USER_ID',
        severity: 'should',
      },
    ],
    apply: (base) => mapError(base, 'credira', 'not-found', (reply) => ({ ...reply, status: 400 })),
  },
  'credira-403-answered-404': {
    summary: 'credira: a user the key may not read is answered 404 NOT_FOUND instead of 403 FORBIDDEN',
    kind: 'defect',
    contracts: ['credira'],
    clause:
      'Error sample: {"code": "FORBIDDEN", "message": "You don\'t have permission to access this user"}',
    expect: { check: 'statusCodeConformance', scenario: 'forbiddenUser', text: '404' },
    apply: (base) =>
      mapError(base, 'credira', 'forbidden', (_reply, ctx, render) => render('not-found', ctx)),
  },
  'credira-any-key-accepted': {
    summary: 'credira: any Bearer token is accepted (the key is never compared)',
    kind: 'defect',
    contracts: ['credira'],
    clause:
      '"Authorization string required — Bearer token for API authentication"; UNAUTHORIZED "Invalid or missing API key"',
    expect: { check: 'authEnforced', scenario: 'invalidCredentials', text: '200' },
    apply: (base) =>
      patchDialects(base, ['credira'], (d) => ({
        authenticate: (headers, fixture) =>
          d.authenticate(headers, fixture) === 'missing' ? 'missing' : 'ok',
      })),
  },
  'credira-served-on-post-only': {
    summary: 'credira: the user is served on POST only; the documented GET gets 405',
    kind: 'defect',
    contracts: ['credira'],
    clause: '"GET /users/{id}"; curl --request GET',
    expect: { check: 'statusCodeConformance', scenario: 'existingUser', text: '405' },
    apply: (base) => patchDialects(base, ['credira'], () => ({ method: 'POST' })),
  },
  'credira-wrong-user': {
    summary: 'credira: another user than the requested id is returned',
    kind: 'defect',
    contracts: ['credira'],
    clause: '"Retrieve detailed information about a specific user by their unique identifier."',
    expect: { check: 'returnsRequestedUser', scenario: 'existingUser', text: '/data/id' },
    apply: (base) =>
      patchDialects(base, ['credira'], (d) => ({
        findUser: (fixture, id) => anotherUser(fixture, d.findUser(fixture, id)),
      })),
  },
  'credira-extra-undocumented-field': {
    summary: 'credira: data carries an extra undocumented field ("locale": "en-US")',
    kind: 'legitimate',
    contracts: ['credira'],
    clause: 'The response sample lists fields but never forbids others (additions are backward compatible)',
    apply: (base) =>
      mapUserBody(base, 'credira', (body) => ({ ...body, data: { ...body.data, locale: 'en-US' } })),
  },
  'credira-last-login-null': {
    summary: 'credira: data.last_login is null (a user who never logged in)',
    kind: 'legitimate',
    contracts: ['credira'],
    clause:
      'Response sample: "last_login": "2024-01-20T09:15:00Z" (contract discrepancy last-login-null: null accepted)',
    apply: (base) =>
      mapUserBody(base, 'credira', (body) => ({ ...body, data: { ...body.data, last_login: null } })),
  },
};

module.exports = { variants };
