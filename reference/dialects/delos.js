// @ts-check
// delos — GET /v2/user/{uuid}, `Authorization: Bearer <JWT>`. The doc's request sample sends the
// token without `Bearer `, so both forms are accepted. Bodies use the doc's field tables (not the
// diverging "Response sample"); errors are `{ error }`.

const {
  pathWithId,
  checkBearer,
  admitsJson,
  findBy,
  readableByKey,
  refusalHeaders,
  json,
} = require('./common.js');

/** @typedef {import('../types.js').Dialect} Dialect */
/** @typedef {import('../types.js').RequestContext} RequestContext */

/** Field-table names of `item`, in doc order. */
const FIELDS = [
  'id',
  'uuid',
  'username',
  'status',
  'is2fa',
  'isDeleted',
  'puid',
  'createAt',
  'updateAt',
  'name',
  'lastname',
  'comment',
  'parameters',
  'clients',
];

/** @type {Record<import('../types.js').ErrorReason, [number, (ctx: RequestContext) => string]>} */
const errors = {
  'method-not-allowed': [405, () => 'Method Not Allowed'],
  // The doc marks `Accept: application/json` as required.
  'not-acceptable': [406, () => 'Not Acceptable: only application/json is available'],
  unauthorized: [401, () => 'Unauthorized'],
  // Never reached: the doc's ids come in two shapes (user_abc123def and a UUID), so none is rejected.
  'malformed-id': [400, (ctx) => `Invalid user id: ${ctx.id}`],
  'not-found': [404, (ctx) => `User not found: ${ctx.id}`],
  forbidden: [403, () => 'Access denied to user data'],
};

/** @type {Dialect} */
const delos = {
  name: 'delos',
  method: 'GET',
  match: pathWithId('/v2/user'),
  acceptable: (headers) => admitsJson(headers.accept),
  authenticate: (headers, fixture) => checkBearer(headers, fixture.apiKey, { allowBare: true }),
  isWellFormedId: () => true,
  findUser: findBy('delos', 'uuid'),
  canRead: readableByKey,
  renderUser: (user) => json(200, { item: Object.fromEntries(FIELDS.map((field) => [field, user[field]])) }),
  renderError: (reason, ctx) => {
    const [status, message] = errors[reason];
    return json(status, { error: message(ctx) }, refusalHeaders(reason, 'GET', 'Bearer realm="delos"'));
  },
};

module.exports = { delos };
