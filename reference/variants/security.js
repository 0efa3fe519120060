// @ts-check
// Security variants, spread over the contracts: credentials checked only in part (OWASP API2), and API
// hygiene the vendor docs never state (challenges, caching, leaked internals, excess data, redirects).
// The suite reports hygiene as `should` unless SECURITY_CHECKS=must, so those variants pass with the
// expected warning, like the other legitimate variations that earn one.

const { patchDialects } = require('../stack.js');
const { mapUserBody, mapError } = require('./helpers.js');

/** @typedef {import('./index.js').Variant} Variant */
/** @typedef {import('node:http').IncomingHttpHeaders} IncomingHttpHeaders */

/**
 * The credential after `scheme` in the Authorization header, if that is the scheme used.
 * @param {IncomingHttpHeaders} headers
 * @param {string} scheme
 */
function tokenAfterScheme(headers, scheme) {
  const match = new RegExp(`^${scheme}\\s+(\\S+)$`, 'i').exec(headers.authorization?.trim() ?? '');
  return match?.[1];
}

/**
 * The X-API-Key value as sent (first one when repeated), trimmed.
 * @param {IncomingHttpHeaders} headers
 */
function apiKeyHeader(headers) {
  const raw = headers['x-api-key'];
  return (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
}

/** Spring Boot with `server.error.include-stacktrace=always`: the exception's trace in the body. */
const JAVA_TRACE = [
  'com.example.users.UserNotFoundException: User not found',
  '\tat com.example.users.UserService.lambda$findById$0(UserService.java:42)',
  '\tat java.base/java.util.Optional.orElseThrow(Optional.java:403)',
  '\tat com.example.users.UserService.findById(UserService.java:42)',
  '\tat com.example.users.UserController.getUser(UserController.java:31)',
].join('\n');

/** @type {Record<string, Variant>} */
const variants = {
  'klaim-key-length-only': {
    summary:
      "klaim: a Bearer token of the key's length is accepted (a hand-rolled constant-time compare drops its XOR result)",
    kind: 'defect',
    contracts: ['klaim'],
    clause: '"Authorization: Bearer <API Key>"; OWASP API2:2023 Broken Authentication',
    expect: { check: 'forgedCredentialRefused', scenario: 'forgedCredentials', text: '200' },
    apply: (base) =>
      patchDialects(base, ['klaim'], (d) => ({
        authenticate: (headers, fixture) => {
          const result = d.authenticate(headers, fixture);
          const token = tokenAfterScheme(headers, 'bearer');
          return result === 'invalid' && token?.length === fixture.apiKey?.length ? 'ok' : result;
        },
      })),
  },
  'aitronos-key-prefix-accepted': {
    summary:
      'aitronos: an X-API-Key that is a prefix of the key is accepted (compared up to the sent length)',
    kind: 'defect',
    contracts: ['aitronos'],
    clause: '"X-API-Key: <key>"; OWASP API2:2023 Broken Authentication',
    expect: { check: 'forgedCredentialRefused', scenario: 'forgedCredentials', text: '200' },
    apply: (base) =>
      patchDialects(base, ['aitronos'], (d) => ({
        authenticate: (headers, fixture) => {
          const result = d.authenticate(headers, fixture);
          const sent = apiKeyHeader(headers);
          return result === 'invalid' && sent !== '' && fixture.apiKey?.startsWith(sent) ? 'ok' : result;
        },
      })),
  },
  'credira-basic-scheme-accepted': {
    summary:
      'credira: the key is also accepted as "Authorization: Basic <key>" (the scheme is never checked)',
    kind: 'legitimate',
    contracts: ['credira'],
    clause: '"Authorization string required — Bearer token for API authentication"',
    expect: {
      check: 'forgedCredentialRefused',
      scenario: 'forgedCredentials',
      text: '200',
      severity: 'should',
    },
    apply: (base) =>
      patchDialects(base, ['credira'], (d) => ({
        authenticate: (headers, fixture) => {
          const result = d.authenticate(headers, fixture);
          const basic = tokenAfterScheme(headers, 'basic');
          return result === 'invalid' && basic !== undefined && basic === fixture.apiKey ? 'ok' : result;
        },
      })),
  },
  'klaim-401-without-challenge': {
    summary: 'klaim: the 401 carries no WWW-Authenticate header',
    kind: 'legitimate',
    contracts: ['klaim'],
    clause: 'RFC 9110 §15.5.2: a server generating a 401 MUST send a WWW-Authenticate header field',
    expect: {
      check: 'unauthorizedHasChallenge',
      scenario: 'missingCredentials',
      text: 'no WWW-Authenticate',
      severity: 'should',
    },
    apply: (base) =>
      mapError(base, 'klaim', 'unauthorized', (reply) => {
        const { 'www-authenticate': _dropped, ...headers } = reply.headers;
        return { ...reply, headers };
      }),
  },
  'aitronos-user-cacheable': {
    summary: 'aitronos: the user is served without Cache-Control (shared caches may keep personal data)',
    kind: 'legitimate',
    contracts: ['aitronos'],
    clause: 'RFC 9111 §5.2.2.5 no-store; OWASP API8:2023 Security Misconfiguration',
    expect: {
      check: 'personalDataNotCached',
      scenario: 'existingUser',
      text: 'no Cache-Control',
      severity: 'should',
    },
    apply: (base) =>
      patchDialects(base, ['aitronos'], (d) => ({
        renderUser: (user, ctx) => {
          const reply = d.renderUser(user, ctx);
          const { 'cache-control': _dropped, ...headers } = reply.headers;
          return { ...reply, headers };
        },
      })),
  },
  'problem-details-404-stack-trace': {
    summary: 'problem-details: the 404 problem carries the Java stack trace in a "trace" member',
    kind: 'legitimate',
    contracts: ['problem-details'],
    clause: 'OWASP API8:2023 Security Misconfiguration: error messages must not include stack traces',
    expect: {
      check: 'noInternalDetailsLeaked',
      scenario: 'unknownUser',
      text: 'stack-trace',
      severity: 'should',
    },
    apply: (base) =>
      mapError(base, 'problem-details', 'not-found', (reply) => ({
        ...reply,
        body: { ...reply.body, trace: JAVA_TRACE },
      })),
  },
  'credira-password-hash-exposed': {
    summary: 'credira: data carries the user\'s "password_hash" (a bcrypt hash the doc never lists)',
    kind: 'legitimate',
    contracts: ['credira'],
    clause: 'OWASP API3:2023 Broken Object Property Level Authorization (excessive data exposure)',
    expect: {
      check: 'noUndocumentedSensitiveFields',
      scenario: 'existingUser',
      text: '/data/password_hash',
      severity: 'should',
    },
    apply: (base) =>
      mapUserBody(base, 'credira', (body) => ({
        ...body,
        data: { ...body.data, password_hash: '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW' },
      })),
  },
  'aitronos-404-redirects-elsewhere': {
    summary:
      'aitronos: the 404 carries "Location: https://login.example.net/" (an error page on another host)',
    kind: 'legitimate',
    contracts: ['aitronos'],
    clause: 'RFC 9110 §17.16: redirects can send credentials to another origin',
    expect: {
      check: 'noCrossOriginRedirect',
      scenario: 'unknownUser',
      text: 'login.example.net',
      severity: 'should',
    },
    apply: (base) =>
      mapError(base, 'aitronos', 'not-found', (reply) => ({
        ...reply,
        headers: { ...reply.headers, location: 'https://login.example.net/' },
      })),
  },
  'delos-404-names-doc-sample-id': {
    summary:
      'delos: the 404 message is the doc\'s sample "User not found: user_invalid_id", whatever id was asked',
    kind: 'legitimate',
    contracts: ['delos'],
    clause:
      '"User Not Found": { "error": "User not found: user_invalid_id" } (x-conformance.idInMessage 404 /error)',
    expect: {
      check: 'messageNamesRequestedId',
      scenario: 'unknownUser',
      text: 'user_invalid_id',
      severity: 'should',
    },
    apply: (base) =>
      mapError(base, 'delos', 'not-found', (reply) => ({
        ...reply,
        body: { error: 'User not found: user_invalid_id' },
      })),
  },
};

module.exports = { variants };
