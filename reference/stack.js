// @ts-check
// The unmodified reference behaviour, and a helper for variants that override dialect hooks.

const { dialects } = require('./dialects/index.js');
const { json } = require('./dialects/common.js');
const { writeReply } = require('./respond.js');

/** @typedef {import('./types.js').Stack} Stack */
/** @typedef {import('./types.js').Dialect} Dialect */
/** @typedef {import('./types.js').ContractName} ContractName */

/** @returns {Stack} */
function baseStack() {
  return {
    dialects: { ...dialects },
    write: writeReply,
    unrouted: (pathname) => json(404, { error: 'Not Found', path: pathname }),
  };
}

/**
 * Returns a copy of `stack` whose listed dialects get the hooks `patch` returns. `patch` receives the
 * dialect being replaced, so an override can wrap the original hook.
 * @param {Stack} stack
 * @param {ContractName[] | 'all'} names
 * @param {(dialect: Dialect) => Partial<Dialect>} patch
 * @returns {Stack}
 */
function patchDialects(stack, names, patch) {
  const patched = { ...stack.dialects };
  for (const dialect of Object.values(stack.dialects)) {
    if (names === 'all' || names.includes(dialect.name))
      patched[dialect.name] = { ...dialect, ...patch(dialect) };
  }
  return { ...stack, dialects: patched };
}

module.exports = { baseStack, patchDialects };
