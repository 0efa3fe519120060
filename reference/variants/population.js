// @ts-check
// Population variants: a defect in a small, fixed share of the generated users
// (reference/population.js) and in none of the fixture users. One USER_ID never shows them; a sampled
// run (USER_IDS / USER_IDS_FILE) must count exactly the users of the rule. Which users are defective
// is decided by the population index alone (`index % every === at`), so a test can compute them from
// the id list. Flagged `sampling: true`: the mutation self-test, which runs every variant against the
// fixture users only, skips them; tests/self/e2e/sampling.spec.ts proves them.

const { populationIndex, populationUser } = require('../population.js');
const { patchDialects } = require('../stack.js');

/** @typedef {import('./index.js').Variant} Variant */
/** @typedef {import('../types.js').Stack} Stack */
/** @typedef {import('../types.js').ContractName} ContractName */
/** @typedef {import('../types.js').UserRecord} UserRecord */

/**
 * The population users of `contract` whose index is `at` modulo `every` are served through `defect`;
 * every other user (fixtures, the rest of the population) as before.
 * @param {ContractName} contract
 * @param {{ every: number, at: number }} share
 * @param {(user: UserRecord) => UserRecord} defect gets a fresh record (its own copy to change)
 * @returns {(base: Stack) => Stack}
 */
function defectiveShare(contract, share, defect) {
  return (base) =>
    patchDialects(base, [contract], (d) => ({
      findUser: (fixture, id) => {
        const index = populationIndex(contract, id, fixture.populationSize);
        return index !== undefined && index % share.every === share.at
          ? populationUser(contract, index, { defect })
          : d.findUser(fixture, id);
      },
    }));
}

/** @type {Record<string, Variant>} */
const variants = {
  'population-credira-bad-email-2pct': {
    summary: 'credira: data.email "… at …" (not an email address) for 2 % of the population (index % 50 = 7)',
    kind: 'defect',
    sampling: true,
    contracts: ['credira'],
    clause: 'Response sample: "email": "john.doe@company.com"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/data/email' },
    apply: defectiveShare('credira', { every: 50, at: 7 }, (user) => ({
      ...user,
      email: String(user.email).replace('@', ' at '),
    })),
  },
  'population-aitronos-null-email-half-pct': {
    summary:
      'aitronos: email null, which the doc does not allow, for 0.5 % of the population (index % 200 = 3)',
    kind: 'defect',
    sampling: true,
    contracts: ['aitronos'],
    clause: '"email string — Email" (not "string or null")',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/email' },
    apply: defectiveShare('aitronos', { every: 200, at: 3 }, (user) => ({ ...user, email: null })),
  },
  'population-delos-client-owner-string-1pct': {
    summary:
      'delos: one more item.clients[] entry whose isOwner is the string "yes", for 1 % of the population (index % 100 = 42)',
    kind: 'defect',
    sampling: true,
    contracts: ['delos'],
    clause: '"isOwner boolean — Ownership status." Example true',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/isOwner' },
    apply: defectiveShare('delos', { every: 100, at: 42 }, (user) => ({
      ...user,
      // Appended: the bad entry's position varies with the user's own clients (0 to 3 of them).
      clients: [
        ...(Array.isArray(user.clients) ? user.clients : []),
        { customerId: 'cust_defect', isOwner: 'yes' },
      ],
    })),
  },
};

module.exports = { variants };
