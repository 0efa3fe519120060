// @ts-check
// Writers for transport variants: how the same Reply can reach the socket. The legitimate ones
// (gzip, chunking, pretty-printing, media-type spelling, a delay) change bytes, never meaning; the
// faults (silence, truncation, an HTML proxy page, a reset) break the exchange itself.

const zlib = require('node:zlib');
const { serialize, sendBytes } = require('../respond.js');

/** @typedef {import('../types.js').Writer} Writer */
/** @typedef {import('../types.js').Reply} Reply */

/**
 * `body` with the keys of every object in reverse order (arrays keep their order).
 * @param {unknown} value
 * @returns {unknown}
 */
function reverseKeys(value) {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, reverseKeys(child)]),
  );
}

/** Pretty-printed JSON (2 spaces, trailing newline) with keys in reverse order. @type {Writer} */
const prettyReordered = (_req, res, reply) => {
  sendBytes(res, reply.status, reply.headers, `${JSON.stringify(reverseKeys(reply.body), null, 2)}\n`);
};

/**
 * gzip when the request's Accept-Encoding admits it (RFC 9110 §12.5.3), identity otherwise.
 * @param {Writer} identity
 * @returns {Writer}
 */
const gzipWhenAsked = (identity) => (req, res, reply) => {
  const accepted = String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .map((coding) => coding.split(';'))
    .some(([coding = '', ...params]) => {
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return coding.trim().toLowerCase() === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
    });
  if (!accepted) {
    identity(req, res, reply);
    return;
  }
  const headers = { ...reply.headers, 'content-encoding': 'gzip', vary: 'Accept-Encoding' };
  sendBytes(res, reply.status, headers, zlib.gzipSync(serialize(reply.body)));
};

/** Transfer-Encoding: chunked (no Content-Length), the body sent in small pieces. @type {Writer} */
const chunked = (_req, res, reply) => {
  const bytes = Buffer.from(serialize(reply.body), 'utf8');
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  const size = Math.max(1, Math.ceil(bytes.length / 4));
  let offset = 0;
  const next = () => {
    if (offset >= bytes.length) {
      res.end();
      return;
    }
    res.write(bytes.subarray(offset, offset + size));
    offset += size;
    setTimeout(next, 5);
  };
  next();
};

/**
 * The media type spelt with other letter case and a charset parameter (RFC 9110 §8.3.1: type,
 * subtype and parameter names are case-insensitive): `application/json` → `Application/JSON; charset=UTF-8`.
 * @param {Writer} inner
 * @returns {Writer}
 */
const mediaTypeCharsetAndCase = (inner) => (req, res, reply) => {
  const type = reply.headers['content-type'] ?? 'application/json';
  const [essence = ''] = type.split(';');
  const spelt = essence
    .trim()
    .replace(/^application\//, 'Application/')
    .replace(/json$/, 'JSON')
    .replace(/problem\+/, 'Problem+');
  inner(req, res, { ...reply, headers: { ...reply.headers, 'content-type': `${spelt}; charset=UTF-8` } });
};

/**
 * Every reply held back `ms` milliseconds.
 * @param {number} ms
 * @returns {(inner: Writer) => Writer}
 */
const delayed = (ms) => (inner) => (req, res, reply) => {
  setTimeout(() => inner(req, res, reply), ms);
};

/** Never writes anything: the connection stays open until the client gives up. @type {Writer} */
const silence = () => {};

/** A complete HTTP message whose JSON body is cut in half (Content-Length matches the cut). @type {Writer} */
const truncatedJson = (_req, res, reply) => {
  const text = serialize(reply.body);
  sendBytes(res, reply.status, reply.headers, text.slice(0, Math.floor(text.length / 2)));
};

const BAD_GATEWAY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** A reverse proxy's HTML error page instead of the API's answer. @type {Writer} */
const htmlBadGateway = (_req, res) => {
  sendBytes(res, 502, { 'content-type': 'text/html' }, BAD_GATEWAY_PAGE);
};

/** Headers and half of the body (Content-Length announces all of it), then a TCP reset. @type {Writer} */
const resetMidBody = (req, res, reply) => {
  const bytes = Buffer.from(serialize(reply.body), 'utf8');
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    ...reply.headers,
    'content-length': String(bytes.length),
  });
  // A HEAD answer has no body to cut: headers only, as a server resetting mid-body would send them.
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => {
    // RST instead of FIN: the client sees ECONNRESET mid-body.
    setTimeout(() => req.socket.resetAndDestroy(), 20);
  });
};

module.exports = {
  reverseKeys,
  prettyReordered,
  gzipWhenAsked,
  chunked,
  mediaTypeCharsetAndCase,
  delayed,
  silence,
  truncatedJson,
  htmlBadGateway,
  resetMidBody,
};
