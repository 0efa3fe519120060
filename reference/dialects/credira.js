// @ts-check
// credira — GET /v1/users/{id}, `Authorization: Bearer <key>`. Every answer is wrapped in
// `{ success, data | error, meta: { timestamp, request_id } }`; error codes/messages are the doc's.

const {
  pathWithId,
  checkBearer,
  findBy,
  readableByKey,
  isoSeconds,
  refusalHeaders,
  json,
} = require('./common.js');

/** @typedef {import('../types.js').Dialect} Dialect */
/** @typedef {import('../types.js').RequestContext} RequestContext */

/** Documented `data` fields, in doc order. */
const FIELDS = [
  'id',
  'email',
  'name',
  'company',
  'role',
  'department',
  'phone',
  'account_id',
  'status',
  'created_time',
  'last_login',
  'permissions',
  'activity_stats',
  'metadata',
];

/** @type {Record<import('../types.js').ErrorReason, [number, string, string]>} */
const errors = {
  'method-not-allowed': [405, 'METHOD_NOT_ALLOWED', 'Method not allowed'],
  'not-acceptable': [406, 'NOT_ACCEPTABLE', 'Only application/json is available'],
  'malformed-id': [400, 'INVALID_REQUEST', 'Invalid user ID format'],
  unauthorized: [401, 'UNAUTHORIZED', 'Invalid or missing API key'],
  forbidden: [403, 'FORBIDDEN', "You don't have permission to access this user"],
  'not-found': [404, 'NOT_FOUND', 'User not found'],
};

/** @param {RequestContext} ctx */
function meta(ctx) {
  return { timestamp: isoSeconds(ctx.now), request_id: `req_${ctx.requestId}` };
}

/** @type {Dialect} */
const credira = {
  name: 'credira',
  method: 'GET',
  match: pathWithId('/v1/users'),
  acceptable: () => true,
  authenticate: (headers, fixture) => checkBearer(headers, fixture.apiKey),
  isWellFormedId: (id) => /^user_[A-Za-z0-9]+$/.test(id),
  findUser: findBy('credira', 'id'),
  canRead: readableByKey,
  renderUser: (user, ctx) =>
    json(200, {
      success: true,
      data: Object.fromEntries(FIELDS.map((field) => [field, user[field]])),
      meta: meta(ctx),
    }),
  renderError: (reason, ctx) => {
    const [status, code, message] = errors[reason];
    return json(
      status,
      { success: false, error: { code, message }, meta: meta(ctx) },
      refusalHeaders(reason, 'GET', 'Bearer realm="credira"'),
    );
  },
};

module.exports = { credira };
