// @ts-check
// Turns a request into a Reply by calling the matching dialect's hooks in a fixed order, then hands
// the Reply to the stack's writer. Holds no vendor knowledge; writes bytes itself only for what no
// dialect (nor variant) owns: a crashed hook's 500 and, in single-dialect mode, a framework's 404.

const { json } = require('./dialects/common.js');
const { sendBytes } = require('./respond.js');

/** @typedef {import('./types.js').Stack} Stack */
/** @typedef {import('./types.js').Fixtures} Fixtures */
/** @typedef {import('./types.js').Reply} Reply */
/** @typedef {import('./types.js').ContractName} ContractName */

/**
 * @typedef {object} HandlerOptions
 * @property {ContractName} [dialect] Serve only this contract's route, as a real single-vendor API
 *   does: every other path gets the plain `Cannot GET /x` text/html 404 a web framework gives.
 */

/** Random id for trace_id / request_id fields; not security-relevant. */
function newRequestId() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 12; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

/**
 * The reply to a request: its dialect's, else the stack's `unrouted` reply.
 * @param {Stack} stack
 * @param {Fixtures} fixtures
 * @param {import('node:http').IncomingMessage} req
 * @returns {Reply}
 */
function decide(stack, fixtures, req) {
  return decideAmong(Object.values(stack.dialects), fixtures, req) ?? stack.unrouted(pathOf(req), ctxOf());
}

/** @param {import('node:http').IncomingMessage} req */
function pathOf(req) {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

function ctxOf() {
  return { now: new Date(), requestId: newRequestId() };
}

/**
 * The decision chain: route → method → Accept → auth → id format → lookup → permission → 200.
 * Auth precedes id checks so unauthenticated callers learn nothing about ids. Undefined when no
 * dialect among `served` owns the path.
 * @param {import('./types.js').Dialect[]} served
 * @param {Fixtures} fixtures
 * @param {import('node:http').IncomingMessage} req
 * @returns {Reply | undefined}
 */
function decideAmong(served, fixtures, req) {
  const method = req.method ?? 'GET';
  const pathname = pathOf(req);
  const { now, requestId } = ctxOf();
  // Readiness probe for Playwright's webServer; no dialect owns this path.
  if (pathname === '/__health') return json(200, { status: 'ok' });
  for (const dialect of served) {
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
  return undefined;
}

/**
 * Express's 404 for a route nobody defined, byte for byte in spirit: HTML, not JSON.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function sendFrameworkNotFound(req, res) {
  const escapeHtml = (/** @type {string} */ text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const line = `Cannot ${escapeHtml(req.method ?? 'GET')} ${escapeHtml(pathOf(req))}`;
  const html = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>${line}</pre>\n</body>\n</html>\n`;
  sendBytes(
    res,
    404,
    { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' },
    html,
  );
}

/**
 * @param {Stack} stack
 * @param {Fixtures} fixtures
 * @param {HandlerOptions} [options]
 * @returns {import('node:http').RequestListener}
 */
function createHandler(stack, fixtures, options = {}) {
  const only = options.dialect;
  if (only !== undefined && !Object.hasOwn(stack.dialects, only)) {
    throw new Error(
      `unknown dialect ${JSON.stringify(only)}; valid dialects: ${Object.keys(stack.dialects).join(', ')}`,
    );
  }
  return (req, res) => {
    // Request bodies (klaim's `{}`) carry nothing; drain them so keep-alive connections stay usable.
    req.resume();
    /** @type {Reply | undefined} */
    let reply;
    try {
      reply =
        only === undefined
          ? decide(stack, fixtures, req)
          : decideAmong([stack.dialects[only]], fixtures, req);
    } catch (error) {
      // A broken hook (usually a variant under development) must not kill the server.
      console.error('reference: hook failed:', error);
      reply = json(500, { error: 'Internal Server Error' });
    }
    if (reply === undefined) {
      sendFrameworkNotFound(req, res);
      return;
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

module.exports = { createHandler, decide, sendFrameworkNotFound };
