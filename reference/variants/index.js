// @ts-check
// Named variants of the reference server, selected with `--variant NAME`. Each one changes the
// base behaviour in one deliberate way, so the suite can be shown to catch defects, to accept
// legitimate variations and to fail cleanly on transport faults (tests/self/e2e/mutation.spec.ts
// runs the suite against every one; scripts/variants-readme.mjs lists them in README.md).
//
// Families, one file each: one per contract (body, status and auth defects, body-level legitimate
// variations), transport.js (encodings, chunking, delays, and the transport faults) and security.js
// (forged credentials accepted, API security hygiene).

/** @typedef {import('../types.js').Stack} Stack */
/** @typedef {import('../types.js').ContractName} ContractName */

/**
 * A check the suite must report against the variant.
 *
 * @typedef {object} Expectation
 * @property {string} check Check name as in engine/checks (e.g. `responseSchemaConformance`).
 * @property {'existingUser' | 'unknownUser' | 'missingCredentials' | 'invalidCredentials' | 'forbiddenUser' | 'malformedId' | 'wrongMethod' | 'forgedCredentials'} [scenario]
 *   The scenario whose check fails; any scenario when absent.
 * @property {string} [text] A field path or value that must appear (case-insensitive) in the
 *   failure's `received` or in one of its violations (instancePath, missing property, message, value).
 * @property {string} [title] Text that must appear in the failure's title (e.g. `not JSON`).
 * @property {'must' | 'should'} [severity] Severity of the failure; default `must`.
 * @property {'failed' | 'not-run'} [status] `not-run`: the scenario was never run (a dead target), `text`
 *   found in its reason; default `failed`.
 */

/**
 * A variant: `apply` receives the base stack (dialects, writer, unrouted) and returns a new one with
 * some hooks replaced. It must not mutate its argument; spread it, or use `patchDialects` from
 * ../stack.js to override single dialect hooks (the patch gets the original dialect to wrap), or the
 * helpers in ./helpers.js.
 *
 * - Body defects (wrong field type, 401 answered 200): override `renderUser` / `renderError`.
 * - Status/logic defects (forbidden user readable): override `authenticate`, `canRead`, `findUser`, ...
 * - Transport faults and encodings (silence, truncated JSON, HTML 502, reset mid-body, gzip, chunked,
 *   charset, delay, pretty-printing): replace `write(req, res, reply)` (see ./writers.js, and
 *   `withWriter` in ./helpers.js to limit it to the listed contracts); reuse `serialize` and
 *   `sendBytes` from ../respond.js.
 *
 * @typedef {object} Variant
 * @property {string} summary One line, e.g. 'aitronos: is_active sent as the string "true"'.
 * @property {'defect' | 'transport' | 'legitimate'} kind `defect` / `transport`: the suite must report a
 *   failure (a must check fails, the run exits non-zero); `legitimate`: a conforming variation the suite
 *   must still pass (exit 0, no must failure).
 * @property {ContractName[]} [contracts] Contracts whose behaviour changes; absent means all five. The
 *   self-test runs the suite against each of them.
 * @property {string} clause The doc clause the variant concerns (quoted, or the RFC a legitimate
 *   variation rests on).
 * @property {Expectation | Expectation[]} [expect] What the suite must report: for a defect or a transport
 *   fault, the failing check(s) (required); for a legitimate variation, expected `should` warnings only.
 * @property {string} [knownIssue] Set when the suite is known to give a wrong verdict on this variant
 *   (a contract or engine problem reported to its owners): the self-test then expects its own
 *   assertion to fail, and says so, until the problem is fixed.
 * @property {boolean} [sampling] Defective for a share of the generated population only: proven by sampled runs (tests/self/e2e/sampling.spec.ts), skipped by the mutation self-test.
 * @property {(base: Stack) => Stack} apply
 *
 * @example
 * // 'aitronos-is-active-string': {
 * //   summary: 'aitronos: is_active sent as the string "true"',
 * //   kind: 'defect',
 * //   contracts: ['aitronos'],
 * //   clause: '"is_active" boolean Is Active',
 * //   expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/is_active' },
 * //   apply: (base) => mapUserBody(base, 'aitronos', (body) => ({ ...body, is_active: String(body.is_active) })),
 * // },
 */

const families = [
  require('./klaim.js'),
  require('./aitronos.js'),
  require('./credira.js'),
  require('./delos.js'),
  require('./problem-details.js'),
  require('./transport.js'),
  require('./security.js'),
  require('./population.js'),
];

/** @type {Record<string, Variant>} */
const variants = {};
for (const family of families) {
  for (const [name, variant] of Object.entries(family.variants)) {
    if (Object.hasOwn(variants, name)) throw new Error(`variant ${name} is defined twice`);
    variants[name] = variant;
  }
}

module.exports = { variants };
