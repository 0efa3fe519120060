// @ts-check
// The only code that turns a Reply into bytes on the socket. Variants that fake transport
// behaviour replace `writeReply` and may reuse `serialize` / `sendBytes`.

/** @typedef {import('./types.js').Reply} Reply */
/** @typedef {import('./types.js').Writer} Writer */

/**
 * JSON text of a body. Variants that send non-JSON (HTML, cut-off text) call `sendBytes` directly.
 * @param {unknown} body
 * @returns {string}
 */
function serialize(body) {
  return JSON.stringify(body);
}

/**
 * Writes a complete response with an exact Content-Length. Content-Type defaults to application/json.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {Record<string, string>} headers lower-case names
 * @param {string | Buffer} payload
 */
function sendBytes(res, status, headers, payload) {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  res.writeHead(status, {
    'content-type': 'application/json',
    ...headers,
    'content-length': String(bytes.length),
  });
  res.end(bytes);
}

/** @type {Writer} */
function writeReply(_req, res, reply) {
  sendBytes(res, reply.status, reply.headers, serialize(reply.body));
}

module.exports = { serialize, sendBytes, writeReply };
