// @ts-check
// Transport variants: the same replies delivered differently. Each is limited to the paths of the
// contracts it lists (withWriter), so the self-test proves it on exactly those contracts.
// Legitimate: pretty-printing, gzip, chunking, media-type spelling, a slow answer.
// Faults: silence, truncated JSON, an HTML 502 page, a reset mid-body (a closed port needs no variant).

const { withWriter } = require('./helpers.js');
const writers = require('./writers.js');

/** @typedef {import('./index.js').Variant} Variant */

/** @type {Record<string, Variant>} */
const variants = {
  'klaim-pretty-printed-keys-reordered': {
    summary: 'klaim: JSON pretty-printed, every object with its keys in reverse order',
    kind: 'legitimate',
    contracts: ['klaim'],
    clause: 'RFC 8259 §4: an object is an unordered collection; insignificant whitespace is allowed',
    apply: (base) => withWriter(base, ['klaim'], () => writers.prettyReordered),
  },
  'klaim-slow-2s-response': {
    summary: 'klaim: every answer comes after 2 seconds',
    kind: 'legitimate',
    contracts: ['klaim'],
    clause: 'The doc sets no latency bound; the suite waits up to REQUEST_TIMEOUT_MS (default 10 s)',
    apply: (base) => withWriter(base, ['klaim'], writers.delayed(2000)),
  },
  'aitronos-gzip-when-asked': {
    summary: 'aitronos: bodies gzip-compressed when Accept-Encoding admits gzip',
    kind: 'legitimate',
    contracts: ['aitronos'],
    clause: 'RFC 9110 §8.4 / §12.5.3: Content-Encoding negotiated with Accept-Encoding',
    apply: (base) => withWriter(base, ['aitronos'], writers.gzipWhenAsked),
  },
  'delos-chunked-transfer-encoding': {
    summary: 'delos: bodies sent with Transfer-Encoding: chunked (no Content-Length), in 4 pieces',
    kind: 'legitimate',
    contracts: ['delos'],
    clause: 'RFC 9112 §7.1: chunked transfer coding',
    apply: (base) => withWriter(base, ['delos'], () => writers.chunked),
  },
  'problem-details-media-type-charset-and-case': {
    summary:
      'problem-details: Content-Type "Application/JSON; charset=UTF-8" (and "Application/Problem+JSON; charset=UTF-8")',
    kind: 'legitimate',
    contracts: ['problem-details'],
    clause: 'RFC 9110 §8.3.1: type, subtype and parameter names are case-insensitive; charset is a parameter',
    apply: (base) => withWriter(base, ['problem-details'], writers.mediaTypeCharsetAndCase),
  },
  'credira-never-answers': {
    summary: 'credira: the server accepts the request and never answers',
    kind: 'transport',
    contracts: ['credira'],
    clause: 'Every documented operation returns an HTTP response',
    // Nobody answers where the contract lives: the preflight finds the target dead, nothing is judged.
    expect: { check: 'scenario', scenario: 'existingUser', status: 'not-run', text: 'did not answer' },
    apply: (base) => withWriter(base, ['credira'], () => writers.silence),
  },
  'klaim-truncated-json': {
    summary: 'klaim: every body is cut in half (a complete HTTP message holding broken JSON)',
    kind: 'transport',
    contracts: ['klaim'],
    clause: 'Response tabs 200 and 404: JSON bodies',
    expect: { check: 'bodyIsJson', scenario: 'existingUser', title: 'not JSON' },
    apply: (base) => withWriter(base, ['klaim'], () => writers.truncatedJson),
  },
  'aitronos-html-502-page': {
    summary: "aitronos: a reverse proxy answers every request with nginx's HTML 502 Bad Gateway page",
    kind: 'transport',
    contracts: ['aitronos'],
    clause: 'Response "200 OK" and Errors: JSON bodies',
    expect: [
      { check: 'statusCodeConformance', scenario: 'existingUser', text: '502' },
      { check: 'mediaTypeConformance', scenario: 'existingUser', text: 'text/html', severity: 'should' },
    ],
    apply: (base) => withWriter(base, ['aitronos'], () => writers.htmlBadGateway),
  },
  'delos-reset-mid-body': {
    summary: 'delos: the connection is reset (TCP RST) after half of the announced body',
    kind: 'transport',
    contracts: ['delos'],
    clause: 'Every documented operation returns an HTTP response',
    expect: { check: 'responseReceived', scenario: 'existingUser', text: 'Connection failed' },
    apply: (base) => withWriter(base, ['delos'], () => writers.resetMidBody),
  },
};

module.exports = { variants };
