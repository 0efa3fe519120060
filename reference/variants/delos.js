// @ts-check
// delos variants — GET /v2/user/{uuid}, `Authorization: Bearer <JWT>` (the request sample sends the bare
// token); 200 is `{ "item": {…} }`, errors are `{ "error": string }`.

const { patchDialects } = require('../stack.js');
const { mapUserBody, mapError, without, anotherUser } = require('./helpers.js');

/** @typedef {import('./index.js').Variant} Variant */

/** @type {Record<string, Variant>} */
const variants = {
  'delos-status-outside-enum': {
    summary: 'delos: item.status "ACTIVE", not one of the documented Status Values',
    kind: 'defect',
    contracts: ['delos'],
    clause: 'Status Values: NEW, READY_FOR_MODERATION, MODERATED, VERIFY, ACCEPT, REJECT, BANNED',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/item/status' },
    apply: (base) =>
      mapUserBody(base, 'delos', (body) => ({ ...body, item: { ...body.item, status: 'ACTIVE' } })),
  },
  'delos-is-deleted-missing': {
    summary: 'delos: item.isDeleted is left out',
    kind: 'defect',
    contracts: ['delos'],
    clause: 'User Object: "isDeleted boolean — Soft delete status"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: 'isDeleted' },
    apply: (base) =>
      mapUserBody(base, 'delos', (body) => ({ ...body, item: without(body.item, 'isDeleted') })),
  },
  'delos-id-numeric-string': {
    summary: 'delos: item.id sent as the string "12345" instead of an integer',
    kind: 'defect',
    contracts: ['delos'],
    clause: 'User Object: "id integer — Internal numeric user ID"',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/item/id' },
    apply: (base) =>
      mapUserBody(base, 'delos', (body) => ({ ...body, item: { ...body.item, id: String(body.item.id) } })),
  },
  'delos-create-at-date-only': {
    summary: 'delos: item.createAt "2024-01-15", a date without the time',
    kind: 'defect',
    contracts: ['delos'],
    clause: 'User Object: "createAt string — Account creation timestamp", example 2024-01-15T10:30:00Z',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/item/createAt' },
    apply: (base) =>
      mapUserBody(base, 'delos', (body) => ({
        ...body,
        item: { ...body.item, createAt: String(body.item.createAt).slice(0, 10) },
      })),
  },
  'delos-user-not-in-item': {
    summary: 'delos: the user sent bare, without the "item" wrapper',
    kind: 'defect',
    contracts: ['delos'],
    clause: 'Response Fields: "User Object (item)"; Example Response {"item": {…}}',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: 'item' },
    apply: (base) => mapUserBody(base, 'delos', (body) => body.item),
  },
  'delos-401-error-object': {
    summary: 'delos: the 401 body is {"error": {"message": "Unauthorized"}}, an object instead of a string',
    kind: 'defect',
    contracts: ['delos'],
    clause: 'Error Responses — "Unauthorized": { "error": "Unauthorized" }',
    expect: { check: 'errorFormatConformance', scenario: 'missingCredentials', text: '/error' },
    apply: (base) =>
      mapError(base, 'delos', 'unauthorized', (reply) => ({
        ...reply,
        body: { error: { message: reply.body.error } },
      })),
  },
  'delos-403-answered-404': {
    summary: 'delos: a user the key may not read is answered 404 "User not found" instead of 403',
    kind: 'defect',
    contracts: ['delos'],
    clause: 'Error Responses — "Access Denied": { "error": "Access denied to user data" }',
    expect: { check: 'statusCodeConformance', scenario: 'forbiddenUser', text: '404' },
    apply: (base) => mapError(base, 'delos', 'forbidden', (_reply, ctx, render) => render('not-found', ctx)),
  },
  'delos-auth-ignored': {
    summary: 'delos: no token and a wrong token are both served the user',
    kind: 'defect',
    contracts: ['delos'],
    clause: '"An API key is required for authentication. Include it in the Authorization header."',
    expect: [
      { check: 'authEnforced', scenario: 'missingCredentials', text: '200' },
      { check: 'authEnforced', scenario: 'invalidCredentials', text: '200' },
    ],
    apply: (base) => patchDialects(base, ['delos'], () => ({ authenticate: () => 'ok' })),
  },
  'delos-forbidden-user-served': {
    summary: 'delos: a user the key may not read is served (no permission check)',
    kind: 'defect',
    contracts: ['delos'],
    clause: 'Error Responses — "Access Denied": { "error": "Access denied to user data" }',
    expect: { check: 'forbiddenUserNotServed', scenario: 'forbiddenUser', text: '200' },
    apply: (base) => patchDialects(base, ['delos'], () => ({ canRead: () => true })),
  },
  'delos-wrong-user': {
    summary: 'delos: another user than the requested uuid is returned',
    kind: 'defect',
    contracts: ['delos'],
    clause: 'Path Parameters: "uuid — Unique identifier of the user to retrieve"',
    expect: { check: 'returnsRequestedUser', scenario: 'existingUser', text: '/item/uuid' },
    apply: (base) =>
      patchDialects(base, ['delos'], (d) => ({
        findUser: (fixture, id) => anotherUser(fixture, d.findUser(fixture, id)),
      })),
  },
  'delos-sample-shaped-item': {
    summary: 'delos: item uses the "Response sample" names userId, partnerId, customers',
    kind: 'legitimate',
    contracts: ['delos'],
    clause: 'Response sample: "userId": …, "partnerId": …, "customers": [{"customerId", "isOwner"}]',
    apply: (base) =>
      mapUserBody(base, 'delos', (body) => {
        const { uuid, puid, clients, ...rest } = body.item;
        return { ...body, item: { ...rest, userId: uuid, partnerId: puid, customers: clients } };
      }),
  },
  'delos-bare-token-only': {
    summary: 'delos: only the bare token is accepted ("Authorization: <JWT>"); "Bearer <JWT>" gets 401',
    kind: 'legitimate',
    contracts: ['delos'],
    clause: 'Request sample: "Authorization: eyJhbGciOi…" (Headers table: "Bearer <JWT>")',
    expect: { check: 'documentedCredentialFormAccepted', scenario: 'existingUser', severity: 'should' },
    apply: (base) =>
      patchDialects(base, ['delos'], () => ({
        authenticate: (headers, fixture) => {
          const value = headers.authorization?.trim();
          if (!value) return 'missing';
          return value === fixture.apiKey ? 'ok' : 'invalid';
        },
      })),
  },
};

module.exports = { variants };
