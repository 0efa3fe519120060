// @ts-check
// Turns a request into a Reply by calling the matching dialect's hooks in a fixed order, then hands
// the Reply to the stack's writer. Holds no vendor knowledge and writes no bytes itself.

const { json } = require('./dialects/common.js');
const { sendBytes } = require('./respond.js');

/** @typedef {import('./types.js').Stack} Stack */
/** @typedef {import('./types.js').Fixtures} Fixtures */
/** @typedef {import('./types.js').Reply} Reply */

/** Random id for trace_id / request_id fields; not security-relevant. */
function newRequestId() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 12; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

/**
 * The decision chain: route → method → Accept → auth → id format → lookup → permission → 200.
 * Auth precedes id checks so unauthenticated callers learn nothing about ids.
 * @param {Stack} stack
 * @param {Fixtures} fixtures
 * @param {import('node:http').IncomingMessage} req
 * @returns {Reply}
 */
function decide(stack, fixtures, req) {
  const method = req.method ?? 'GET';
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const now = new Date();
  const requestId = newRequestId();
  // Readiness probe for Playwright's webServer; no dialect owns this path.
  if (pathname === '/__health') return json(200, { status: 'ok' });
  for (const dialect of Object.values(stack.dialects)) {
    const id = dialect.match(pathname);
    if (id === undefined) continue;
    const fixture = fixtures[dialect.name];
    if (fixture === undefined) throw new Error(`no fixture for contract ${dialect.name}`);
    /** @type {import('./types.js').RequestContext} */
    const ctx = { method, pathname, id, now, requestId };
    if (method !== dialect.method) return dialect.renderError('method-not-allowed', ctx);
    if (!dialect.acceptable(req.headers)) return dialect.renderError('not-acceptable', ctx);
    const auth = dialect.authenticate(req.headers, fixture);
    if (auth !== 'ok') return dialect.renderError('unauthorized', { ...ctx, auth });
    if (!dialect.isWellFormedId(id)) return dialect.renderError('malformed-id', ctx);
    const user = dialect.findUser(fixture, id);
    if (user === undefined) return dialect.renderError('not-found', ctx);
    if (!dialect.canRead(fixture, id)) return dialect.renderError('forbidden', ctx);
    return dialect.renderUser(user, ctx);
  }
  return stack.unrouted(pathname, { now, requestId });
}

/**
 * @param {Stack} stack
 * @param {Fixtures} fixtures
 * @returns {import('node:http').RequestListener}
 */
function createHandler(stack, fixtures) {
  return (req, res) => {
    // Request bodies (klaim's `{}`) carry nothing; drain them so keep-alive connections stay usable.
    req.resume();
    /** @type {Reply} */
    let reply;
    try {
      reply = decide(stack, fixtures, req);
    } catch (error) {
      // A broken hook (usually a variant under development) must not kill the server.
      console.error('reference: hook failed:', error);
      reply = json(500, { error: 'Internal Server Error' });
    }
    try {
      stack.write(req, res, reply);
    } catch (error) {
      console.error('reference: writer failed:', error);
      if (!res.headersSent) sendBytes(res, 500, {}, JSON.stringify({ error: 'Internal Server Error' }));
      else res.destroy();
    }
  };
}

module.exports = { createHandler, decide };
