// @ts-check
// Small building blocks for variants: override one dialect's success body or one error reason, or
// replace the writer for one dialect's paths only (so a transport variant changes exactly the
// contracts it lists). Nothing here changes the base stack in place.

const { patchDialects } = require('../stack.js');

/** @typedef {import('../types.js').Stack} Stack */
/** @typedef {import('../types.js').Reply} Reply */
/** @typedef {import('../types.js').Writer} Writer */
/** @typedef {import('../types.js').ContractName} ContractName */
/** @typedef {import('../types.js').ErrorReason} ErrorReason */
/** @typedef {import('../types.js').RequestContext} RequestContext */
/** @typedef {import('../types.js').UserRecord} UserRecord */

/**
 * The 200 reply of one dialect, reshaped: `map` gets the body the reference would send.
 * @param {Stack} base
 * @param {ContractName} name
 * @param {(body: any, user: UserRecord, ctx: RequestContext) => any} map
 * @returns {Stack}
 */
function mapUserBody(base, name, map) {
  return patchDialects(base, [name], (d) => ({
    renderUser: (user, ctx) => {
      const reply = d.renderUser(user, ctx);
      return { ...reply, body: map(structuredClone(reply.body), user, ctx) };
    },
  }));
}

/**
 * The reply of one dialect for one refusal reason, replaced: `map` gets the reply the reference would send.
 * @param {Stack} base
 * @param {ContractName} name
 * @param {ErrorReason} reason
 * @param {(reply: Reply, ctx: RequestContext, render: (reason: ErrorReason, ctx: RequestContext) => Reply) => Reply} map
 * @returns {Stack}
 */
function mapError(base, name, reason, map) {
  return patchDialects(base, [name], (d) => ({
    renderError: (r, ctx) => {
      const reply = d.renderError(r, ctx);
      return r === reason ? map({ ...reply, body: structuredClone(reply.body) }, ctx, d.renderError) : reply;
    },
  }));
}

/**
 * A copy of `body` without `key` (a required field left out).
 * @param {Record<string, unknown>} body
 * @param {string} key
 */
function without(body, key) {
  const { [key]: _dropped, ...rest } = body;
  return rest;
}

/**
 * The writer replaced for requests whose path belongs to one of `names`; every other path (and the
 * /__health probe) keeps the base writer.
 * @param {Stack} base
 * @param {ContractName[]} names
 * @param {(baseWrite: Writer) => Writer} makeWriter gets the base writer, to wrap or to fall back on
 * @returns {Stack}
 */
function withWriter(base, names, makeWriter) {
  const replacement = makeWriter(base.write);
  return {
    ...base,
    write: (req, res, reply) => {
      const pathname = (req.url ?? '/').split('?')[0] ?? '/';
      const owned = names.some((name) => base.dialects[name].match(pathname) !== undefined);
      (owned ? replacement : base.write)(req, res, reply);
    },
  };
}

/**
 * Another user of the same fixture than the one asked for (the next one, wrapping round).
 * @param {import('../types.js').Fixture} fixture
 * @param {UserRecord | undefined} user
 * @returns {UserRecord | undefined}
 */
function anotherUser(fixture, user) {
  if (user === undefined) return undefined;
  const index = fixture.users.indexOf(user);
  return fixture.users[(index + 1) % fixture.users.length];
}

module.exports = { mapUserBody, mapError, without, withWriter, anotherUser };
