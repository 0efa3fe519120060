// @ts-check
// aitronos — GET /v1/user/{user_id}, `X-API-Key: <key>`. Errors use the documented rich envelope;
// 404 and 422 follow it with the codes/types the vendor uses elsewhere.

const {
  pathWithId,
  checkHeaderKey,
  findBy,
  readableByKey,
  isoSeconds,
  refusalHeaders,
  json,
} = require('./common.js');
const { FIELDS } = require('./aitronos-fields.js');

/** @typedef {import('../types.js').Dialect} Dialect */
/** @typedef {import('../types.js').RequestContext} RequestContext */

/**
 * @typedef {object} ErrorSpec
 * @property {number} status
 * @property {string} code
 * @property {string} type
 * @property {string} message shown to end users
 * @property {(ctx: RequestContext) => string} system
 * @property {(ctx: RequestContext) => Record<string, unknown>} [details]
 */

/** @type {Record<import('../types.js').ErrorReason, ErrorSpec>} */
const errors = {
  'method-not-allowed': {
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    type: 'invalid_request_error',
    message: 'This HTTP method is not allowed for this endpoint.',
    system: (ctx) => `Method ${ctx.method} not allowed; use GET`,
  },
  'not-acceptable': {
    status: 406,
    code: 'NOT_ACCEPTABLE',
    type: 'invalid_request_error',
    message: 'Only application/json responses are available.',
    system: () => 'No acceptable representation',
  },
  // Verbatim from the doc's 401 sample, used for a missing and for a wrong key alike.
  unauthorized: {
    status: 401,
    code: 'AUTHENTICATION_REQUIRED',
    type: 'authentication_error',
    message: 'Authentication required. Please provide a valid API key.',
    system: () => 'Missing or invalid authorization header',
  },
  'malformed-id': {
    status: 422,
    code: 'VALIDATION_ERROR',
    type: 'validation_error',
    message: 'The user ID is not valid.',
    system: () => "Path parameter user_id must start with 'usr_'",
    details: (ctx) => ({ field: 'user_id', value: ctx.id }),
  },
  'not-found': {
    status: 404,
    code: 'USER_NOT_FOUND',
    type: 'not_found_error',
    message: 'The requested user could not be found.',
    system: () => 'No user exists with the given user_id',
    details: (ctx) => ({ user_id: ctx.id }),
  },
  // Verbatim from the doc's 403 sample.
  forbidden: {
    status: 403,
    code: 'INSUFFICIENT_PERMISSIONS',
    type: 'authorization_error',
    message: 'You do not have permission to access this resource.',
    system: () => 'Insufficient permissions for this operation',
  },
};

/** @type {Dialect} */
const aitronos = {
  name: 'aitronos',
  method: 'GET',
  match: pathWithId('/v1/user'),
  acceptable: () => true,
  authenticate: (headers, fixture) => checkHeaderKey(headers, 'x-api-key', fixture.apiKey),
  isWellFormedId: (id) => /^usr_[A-Za-z0-9_-]+$/.test(id),
  findUser: findBy('aitronos', 'id'),
  canRead: readableByKey,
  renderUser: (user) => json(200, Object.fromEntries(FIELDS.map((field) => [field, user[field] ?? null]))),
  renderError: (reason, ctx) => {
    const spec = errors[reason];
    const body = {
      success: false,
      error: {
        code: spec.code,
        message: spec.message,
        system_message: spec.system(ctx),
        type: spec.type,
        status: spec.status,
        trace_id: `req_${ctx.requestId}`,
        timestamp: isoSeconds(ctx.now),
        details: spec.details ? spec.details(ctx) : {},
      },
    };
    return json(spec.status, body, refusalHeaders(reason, 'GET'));
  },
};

module.exports = { aitronos };
