// @ts-check
// Named variants of the reference server, selected with `--variant NAME`. Each one changes the
// base behaviour in one deliberate way, so the suite can be shown to catch defects (and to accept
// legitimate variations). Empty for now; add entries to `variants`.

/** @typedef {import('../types.js').Stack} Stack */
/** @typedef {import('../types.js').ContractName} ContractName */

/**
 * A variant: `apply` receives the base stack (dialects, writer, unrouted) and returns a new one with
 * some hooks replaced. It must not mutate its argument; spread it, or use `patchDialects` from
 * ../stack.js to override single dialect hooks (the patch gets the original dialect to wrap).
 *
 * - Body defects (wrong field type, 401 answered 200): override `renderUser` / `renderError`.
 * - Status/logic defects (forbidden user readable): override `authenticate`, `canRead`, `findUser`, ...
 * - Transport faults and encodings (silence, truncated JSON, HTML 502, reset mid-body, gzip, chunked,
 *   charset, delay, pretty-printing): replace `write(req, res, reply)`; reuse `serialize` and
 *   `sendBytes` from ../respond.js.
 *
 * @typedef {object} Variant
 * @property {string} summary One line, e.g. 'aitronos: is_active sent as the string "true"'.
 * @property {'defect' | 'transport' | 'legitimate'} kind `defect` / `transport`: the suite must report a
 *   failure; `legitimate`: a conforming variation the suite must still pass.
 * @property {ContractName[]} [contracts] Contracts whose behaviour changes; absent means all five.
 * @property {(base: Stack) => Stack} apply
 *
 * @example
 * // 'aitronos-is-active-string': {
 * //   summary: 'aitronos: is_active sent as the string "true"',
 * //   kind: 'defect',
 * //   contracts: ['aitronos'],
 * //   apply: (base) =>
 * //     patchDialects(base, ['aitronos'], (d) => ({
 * //       renderUser: (user, ctx) => {
 * //         const reply = d.renderUser(user, ctx);
 * //         return { ...reply, body: { ...reply.body, is_active: String(reply.body.is_active) } };
 * //       },
 * //     })),
 * // },
 */

/** @type {Record<string, Variant>} */
const variants = {};

module.exports = { variants };
