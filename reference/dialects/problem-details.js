// @ts-check
// problem-details — GET /api/v1/users/{id}, a Spring Boot service without auth. 200 is the flat
// user with LocalDateTime stamps; errors are RFC 9457 `application/problem+json`.

const { pathWithId, findBy, localDateTime, refusalHeaders, json } = require('./common.js');

/** @typedef {import('../types.js').Dialect} Dialect */
/** @typedef {import('../types.js').RequestContext} RequestContext */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const findLowerCaseId = findBy('problem-details', 'id');

/** Documented fields, in doc order. */
const FIELDS = [
  'id',
  'username',
  'email',
  'firstName',
  'lastName',
  'role',
  'createdAt',
  'updatedAt',
  'active',
];

/** @type {Record<import('../types.js').ErrorReason, [number, string, (ctx: RequestContext) => string]>} */
const errors = {
  'method-not-allowed': [405, 'Method Not Allowed', (ctx) => `Method '${ctx.method}' is not supported.`],
  'not-acceptable': [406, 'Not Acceptable', () => 'Acceptable representations: [application/json].'],
  // No auth exists, so these two are never reached; kept so every reason has a rendering.
  unauthorized: [401, 'Unauthorized', () => 'Full authentication is required to access this resource.'],
  forbidden: [403, 'Forbidden', () => 'Access is denied.'],
  'malformed-id': [400, 'Bad Request', (ctx) => `Failed to convert 'id' with value: '${ctx.id}'`],
  'not-found': [404, 'User Not Found', (ctx) => `User not found with id: ${ctx.id.toLowerCase()}`],
};

/** @type {Dialect} */
const problemDetails = {
  name: 'problem-details',
  method: 'GET',
  match: pathWithId('/api/v1/users'),
  acceptable: () => true,
  authenticate: () => 'ok',
  isWellFormedId: (id) => UUID.test(id),
  // java.util.UUID compares case-insensitively; ids are stored lower-case.
  findUser: (fixture, id) => findLowerCaseId(fixture, id.toLowerCase()),
  canRead: () => true,
  renderUser: (user) => json(200, Object.fromEntries(FIELDS.map((field) => [field, user[field]]))),
  renderError: (reason, ctx) => {
    const [status, title, detail] = errors[reason];
    /** @type {Record<string, unknown>} */
    const body = { type: 'about:blank', title, status, detail: detail(ctx) };
    // The documented 404 carries the id as an extension member.
    if (reason === 'not-found') body.userId = ctx.id.toLowerCase();
    body.timestamp = localDateTime(ctx.now);
    return json(status, body, {
      ...refusalHeaders(reason, 'GET'),
      'content-type': 'application/problem+json',
    });
  },
};

module.exports = { problemDetails };
