// @ts-check
// Shared JSDoc types of the reference server. Types only: import them with
// `@typedef {import('./types.js').Dialect} Dialect`.

/** The contract names, one dialect each. */
/** @typedef {'klaim' | 'aitronos' | 'credira' | 'delos' | 'problem-details'} ContractName */

/**
 * Test data of one contract (one entry of fixtures.json). `users` are records in the vendor's own shape.
 * @typedef {object} Fixture
 * @property {string | null} apiKey The only credential the dialect accepts (unused when the API has no auth).
 * @property {string} existingUserId A user the key may read.
 * @property {string | null} forbiddenUserId A user that exists but the key may not read; null when the API has no permissions.
 * @property {UserRecord[]} users
 * @property {number} [populationSize] Generated users served besides `users` (reference/population.js);
 *   default POPULATION_SIZE (10000), 0 for none.
 */

/** @typedef {Record<string, unknown>} UserRecord */
/** @typedef {Record<string, Fixture>} Fixtures */

/**
 * A response before serialisation. Header names are lower-case.
 * @typedef {object} Reply
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {any} body A JSON-serialisable value; the writer turns it into bytes. `any` so variants
 *   can reshape bodies without casts.
 */

/**
 * Why a request is refused. Each dialect maps a reason to its own status and body.
 * @typedef {'method-not-allowed' | 'not-acceptable' | 'unauthorized' | 'malformed-id' | 'not-found' | 'forbidden'} ErrorReason
 */

/** @typedef {'ok' | 'missing' | 'invalid'} AuthResult */

/**
 * Per-request facts handed to the render hooks, so they never read the request themselves.
 * @typedef {object} RequestContext
 * @property {string} method
 * @property {string} pathname
 * @property {string} id The user id taken from the path (percent-decoded).
 * @property {Date} now Clock of this request (timestamps in bodies).
 * @property {string} requestId Random id for trace/request-id fields.
 * @property {AuthResult} [auth] Set when reason is 'unauthorized'.
 */

/**
 * One vendor's behaviour, as small hooks the pipeline calls in this order:
 * match → method → acceptable → authenticate → isWellFormedId → findUser → canRead → renderUser,
 * any refusal going to renderError. A variant replaces single hooks.
 * @typedef {object} Dialect
 * @property {ContractName} name
 * @property {string} method The one documented method; anything else is 405.
 * @property {(pathname: string) => string | undefined} match Id from a path of this dialect, else undefined.
 * @property {(headers: import('node:http').IncomingHttpHeaders) => boolean} acceptable Content negotiation (406 when false).
 * @property {(headers: import('node:http').IncomingHttpHeaders, fixture: Fixture) => AuthResult} authenticate
 * @property {(id: string) => boolean} isWellFormedId
 * @property {(fixture: Fixture, id: string) => UserRecord | undefined} findUser
 * @property {(fixture: Fixture, id: string) => boolean} canRead
 * @property {(user: UserRecord, ctx: RequestContext) => Reply} renderUser
 * @property {(reason: ErrorReason, ctx: RequestContext) => Reply} renderError
 */

/**
 * The single place bytes reach the socket. Gets the raw req/res so transport variants
 * (delay, gzip, chunking, truncation, resets, silence) can replace it.
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, reply: Reply) => void} Writer
 */

/**
 * Everything a variant may override.
 * @typedef {object} Stack
 * @property {Record<ContractName, Dialect>} dialects
 * @property {Writer} write
 * @property {(pathname: string, ctx: { now: Date, requestId: string }) => Reply} unrouted Reply for paths no dialect owns.
 */

module.exports = {};
