// @ts-check
// klaim — POST /users/{user_id}, `Authorization: Bearer <key>`. Only 200 and 404 are documented;
// 401/403/405 reuse the documented `{ message }` error shape.

const { pathWithId, checkBearer, findBy, readableByKey, refusalHeaders, json } = require('./common.js');

/** @typedef {import('../types.js').Dialect} Dialect */

/** @type {Record<import('../types.js').ErrorReason, [number, string]>} */
const errors = {
  'method-not-allowed': [405, 'Method not allowed. Use POST /users/{user_id}.'],
  'not-acceptable': [406, 'Only application/json responses are available.'],
  unauthorized: [401, 'Unauthorized. Provide a valid API key as `Authorization: Bearer <API Key>`.'],
  // Never reached: user_id has no documented format (it may even be client-chosen).
  'malformed-id': [400, 'Invalid user_id.'],
  'not-found': [404, 'Can not find user with the given user_id.'],
  forbidden: [403, 'You do not have permission to access this user.'],
};

/** @type {Dialect} */
const klaim = {
  name: 'klaim',
  method: 'POST',
  match: pathWithId('/users'),
  // Clients send `Content-Type: application/json` and `{}`; the body carries nothing, so it is ignored.
  acceptable: () => true,
  authenticate: (headers, fixture) => checkBearer(headers, fixture.apiKey),
  isWellFormedId: () => true,
  findUser: findBy('klaim', 'user_id'),
  canRead: readableByKey,
  renderUser: (user) =>
    json(200, {
      message: 'fetch resource successfully',
      klaim_id: user.klaim_id,
      user_id: user.user_id,
      email: user.email,
      name: user.name,
      credit_balance: user.credit_balance,
      created_at: user.created_at,
      acquisition_source: user.acquisition_source,
      metadata: user.metadata,
    }),
  renderError: (reason) => {
    const [status, message] = errors[reason];
    return json(status, { message }, refusalHeaders(reason, 'POST', 'Bearer realm="klaim"'));
  },
};

module.exports = { klaim };
