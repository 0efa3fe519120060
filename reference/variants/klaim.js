// @ts-check
// klaim variants — POST /users/{user_id}, `Authorization: Bearer <key>`; doc tabs 200 and 404 only.

const { patchDialects } = require('../stack.js');
const { mapUserBody, mapError, without, anotherUser } = require('./helpers.js');

/** @typedef {import('./index.js').Variant} Variant */

/** @type {Record<string, Variant>} */
const variants = {
  'klaim-credit-balance-string': {
    summary: 'klaim: credit_balance sent as the string "0" instead of a number',
    kind: 'defect',
    contracts: ['klaim'],
    clause: '200 sample: "credit_balance": 0',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/credit_balance' },
    apply: (base) =>
      mapUserBody(base, 'klaim', (body) => ({ ...body, credit_balance: String(body.credit_balance) })),
  },
  'klaim-metadata-missing': {
    summary: 'klaim: the metadata object is left out of the 200 body',
    kind: 'defect',
    contracts: ['klaim'],
    clause: 'Attributes: "metadata object — A set of custom key-value pairs"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: 'metadata' },
    apply: (base) => mapUserBody(base, 'klaim', (body) => without(body, 'metadata')),
  },
  'klaim-acquisition-source-outside-enum': {
    summary: 'klaim: acquisition_source "referral", not one of api / promotion / member_manual',
    kind: 'defect',
    contracts: ['klaim'],
    clause: 'Attributes: acquisition_source "api : API integration, promotion: promotion, member_manual: …"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/acquisition_source' },
    apply: (base) => mapUserBody(base, 'klaim', (body) => ({ ...body, acquisition_source: 'referral' })),
  },
  'klaim-created-at-iso-string': {
    summary: 'klaim: created_at sent as an ISO 8601 string instead of epoch milliseconds',
    kind: 'defect',
    contracts: ['klaim'],
    clause: '200 sample: "created_at": 1753306133860',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/created_at' },
    apply: (base) =>
      mapUserBody(base, 'klaim', (body) => ({
        ...body,
        created_at: new Date(Number(body.created_at)).toISOString(),
      })),
  },
  // Was a defect while the contract's must held a klaim_id pattern; the doc never states the shape (its
  // meaning is behind the "More description" link), so the sample's shape is a should only.
  'klaim-klaim-id-without-epoch-prefix': {
    summary: 'klaim: klaim_id "A36dL" without the sample\'s "<digits>_" prefix',
    kind: 'legitimate',
    contracts: ['klaim'],
    clause:
      '200 sample: "klaim_id": "1753306133860_A36dL"; no Attributes row, the meaning is behind "More description" (contract discrepancy klaim-id-shape: the shape is a should)',
    expect: {
      check: 'recommendedShapeConformance',
      scenario: 'existingUser',
      text: '/klaim_id',
      severity: 'should',
    },
    apply: (base) =>
      mapUserBody(base, 'klaim', (body) => ({ ...body, klaim_id: String(body.klaim_id).split('_')[1] })),
  },
  'klaim-email-doc-sample-value': {
    summary: 'klaim: email is the doc sample\'s own value "test@email.com1011" (not an email address)',
    kind: 'legitimate',
    contracts: ['klaim'],
    clause:
      '200 sample: "email": "test@email.com1011"; the doc never states the value is validated (contract discrepancy sample-email-invalid: the address format is a should)',
    expect: {
      check: 'recommendedShapeConformance',
      scenario: 'existingUser',
      text: '/email',
      severity: 'should',
    },
    apply: (base) => mapUserBody(base, 'klaim', (body) => ({ ...body, email: 'test@email.com1011' })),
  },
  'klaim-404-error-without-message': {
    summary: 'klaim: the 404 body is {"error": "not_found"} instead of {"message": …}',
    kind: 'defect',
    contracts: ['klaim'],
    clause: '404 tab: {"message": "Can not find user with the given user_id."}',
    expect: { check: 'errorFormatConformance', scenario: 'unknownUser', text: 'message' },
    apply: (base) =>
      mapError(base, 'klaim', 'not-found', (reply) => ({ ...reply, body: { error: 'not_found' } })),
  },
  'klaim-404-answered-200': {
    summary: 'klaim: an unknown user_id is answered 200 (with the 404 message in the body)',
    kind: 'defect',
    contracts: ['klaim'],
    clause: '404 tab: "returned when no user profile entity is found for the given userId"',
    expect: { check: 'statusCodeConformance', scenario: 'unknownUser', text: '200' },
    apply: (base) => mapError(base, 'klaim', 'not-found', (reply) => ({ ...reply, status: 200 })),
  },
  'klaim-auth-ignored': {
    summary: 'klaim: no key and a wrong key are both served the user',
    kind: 'defect',
    contracts: ['klaim'],
    clause: 'Header: "Authorization (API Key) | Bearer <API Key>"',
    expect: [
      { check: 'authEnforced', scenario: 'missingCredentials', text: '200' },
      { check: 'authEnforced', scenario: 'invalidCredentials', text: '200' },
    ],
    apply: (base) => patchDialects(base, ['klaim'], () => ({ authenticate: () => 'ok' })),
  },
  'klaim-wrong-user': {
    summary: 'klaim: another user than the requested user_id is returned',
    kind: 'defect',
    contracts: ['klaim'],
    clause: 'Overview: "Retrieves detailed information for a specific user identified by their user_id"',
    expect: { check: 'returnsRequestedUser', scenario: 'existingUser', text: '/user_id' },
    apply: (base) =>
      patchDialects(base, ['klaim'], (d) => ({
        findUser: (fixture, id) => anotherUser(fixture, d.findUser(fixture, id)),
      })),
  },
  'klaim-served-on-get-only': {
    summary: 'klaim: the read is served on GET only; the documented POST gets 405',
    kind: 'defect',
    contracts: ['klaim'],
    clause: '"POST /users/{user_id}"',
    expect: { check: 'statusCodeConformance', scenario: 'existingUser', text: '405' },
    apply: (base) => patchDialects(base, ['klaim'], () => ({ method: 'GET' })),
  },
};

module.exports = { variants };
