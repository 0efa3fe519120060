// @ts-check
// Helpers shared by the dialect modules; nothing here is vendor-specific.

const { findPopulationUser } = require('../population.js');

/** @typedef {import('../types.js').Fixture} Fixture */
/** @typedef {import('../types.js').Reply} Reply */
/** @typedef {import('../types.js').UserRecord} UserRecord */
/** @typedef {import('node:http').IncomingHttpHeaders} IncomingHttpHeaders */

/**
 * Matcher for `<prefix>/{id}`: exactly one non-empty segment after the prefix, percent-decoded.
 * @param {string} prefix e.g. '/v1/users'
 * @returns {(pathname: string) => string | undefined}
 */
function pathWithId(prefix) {
  return (pathname) => {
    if (!pathname.startsWith(`${prefix}/`)) return undefined;
    const raw = pathname.slice(prefix.length + 1);
    if (raw === '' || raw.includes('/')) return undefined;
    try {
      return decodeURIComponent(raw);
    } catch {
      // Broken percent-encoding: keep it raw so id validation or lookup rejects it.
      return raw;
    }
  };
}

/**
 * Checks `Authorization: Bearer <key>` (scheme case-insensitive, RFC 9110 §11.1).
 * @param {IncomingHttpHeaders} headers
 * @param {string | null} key
 * @param {{ allowBare?: boolean }} [options] allowBare: also accept the token without the scheme.
 * @returns {import('../types.js').AuthResult}
 */
function checkBearer(headers, key, options = {}) {
  const value = headers.authorization?.trim();
  if (!value) return 'missing';
  const match = /^bearer\s+(\S+)$/i.exec(value);
  const token = match ? match[1] : options.allowBare ? value : undefined;
  return token !== undefined && key !== null && token === key ? 'ok' : 'invalid';
}

/**
 * Checks a key sent verbatim in a custom header such as X-API-Key.
 * @param {IncomingHttpHeaders} headers
 * @param {string} name lower-case header name
 * @param {string | null} key
 * @returns {import('../types.js').AuthResult}
 */
function checkHeaderKey(headers, name, key) {
  const raw = headers[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return 'missing';
  return key !== null && value === key ? 'ok' : 'invalid';
}

/**
 * True when an Accept header admits application/json (absent header admits anything).
 * @param {string | undefined} accept
 * @returns {boolean}
 */
function admitsJson(accept) {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) return false;
    return type === 'application/json' || type === 'application/*' || type === '*/*';
  });
}

/**
 * Lookup by one field of the vendor's record among the fixture's users, then in the contract's
 * generated population (reference/population.js), whose ids never collide with the fixtures'.
 * @param {import('../types.js').ContractName} contract
 * @param {string} field
 * @returns {(fixture: Fixture, id: string) => UserRecord | undefined}
 */
function findBy(contract, field) {
  return (fixture, id) =>
    fixture.users.find((user) => user[field] === id) ??
    findPopulationUser(contract, id, fixture.populationSize);
}

/**
 * Default permission rule: the fixture key may read every user except the forbidden one.
 * @param {Fixture} fixture
 * @param {string} id
 */
function readableByKey(fixture, id) {
  return id !== fixture.forbiddenUserId;
}

/**
 * RFC 3339 UTC without fractional seconds, as the vendors' samples show: 2025-11-11T10:30:00Z.
 * @param {Date} date
 */
function isoSeconds(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A Java LocalDateTime as Jackson writes it (no offset): 2024-01-15T10:30:00.
 * @param {Date} date
 */
function localDateTime(date) {
  return date.toISOString().slice(0, 19);
}

/**
 * The challenge of a key sent in X-API-Key. No scheme is registered for it, but RFC 9110 §15.5.2 asks
 * every 401 for one; this is the form API gateways use.
 */
const API_KEY_CHALLENGE = 'ApiKey header="X-API-Key"';

/**
 * Headers RFC 9110 asks for on refusals: Allow on 405 (§15.5.6), WWW-Authenticate on 401 (§15.5.2).
 * @param {import('../types.js').ErrorReason} reason
 * @param {string} allow the documented method
 * @param {string} [challenge] default: the X-API-Key challenge (the dialects that pass none use that
 *   header, or have no auth and never answer 401)
 * @returns {Record<string, string>}
 */
function refusalHeaders(reason, allow, challenge = API_KEY_CHALLENGE) {
  if (reason === 'method-not-allowed') return { allow };
  if (reason === 'unauthorized') return { 'www-authenticate': challenge };
  return {};
}

/**
 * A JSON reply. Every answer is about a user (or who may read one), so none may be stored by a
 * cache (RFC 9111 §5.2.2.5); a dialect's own `cache-control` wins.
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
function json(status, body, headers = {}) {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body,
  };
}

module.exports = {
  pathWithId,
  checkBearer,
  checkHeaderKey,
  admitsJson,
  findBy,
  readableByKey,
  isoSeconds,
  localDateTime,
  API_KEY_CHALLENGE,
  refusalHeaders,
  json,
};
