// @ts-check
// problem-details variants — GET /api/v1/users/{id}, no auth; flat 200 user with LocalDateTime
// stamps, RFC 9457 problem details for errors.

const { patchDialects } = require('../stack.js');
const { mapUserBody, mapError, without, anotherUser } = require('./helpers.js');

/** @typedef {import('./index.js').Variant} Variant */

/** @type {Record<string, Variant>} */
const variants = {
  'problem-details-active-string': {
    summary: 'problem-details: active sent as the string "true"',
    kind: 'defect',
    contracts: ['problem-details'],
    clause: 'Response: "active boolean — Whether the user account is active."',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/active' },
    apply: (base) =>
      mapUserBody(base, 'problem-details', (body) => ({ ...body, active: String(body.active) })),
  },
  'problem-details-email-missing': {
    summary: 'problem-details: the email field is left out of the 200 body',
    kind: 'defect',
    contracts: ['problem-details'],
    clause: 'Response: "email string — The user\'s email address."',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: 'email' },
    apply: (base) => mapUserBody(base, 'problem-details', (body) => without(body, 'email')),
  },
  'problem-details-id-not-a-uuid': {
    summary: 'problem-details: id sent as 32 hex digits without dashes, not a UUID',
    kind: 'defect',
    contracts: ['problem-details'],
    clause: 'Response: "id UUID — Unique identifier for the user."',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/id' },
    apply: (base) =>
      mapUserBody(base, 'problem-details', (body) => ({ ...body, id: String(body.id).replace(/-/g, '') })),
  },
  'problem-details-created-at-not-iso': {
    summary: 'problem-details: createdAt "15/01/2024 10:30:00", not an ISO 8601 timestamp',
    kind: 'defect',
    contracts: ['problem-details'],
    clause: 'Response: "createdAt string — ISO 8601 timestamp when the user was created."',
    expect: { check: 'responseSchemaConformance', scenario: 'existingUser', text: '/createdAt' },
    apply: (base) =>
      mapUserBody(base, 'problem-details', (body) => ({ ...body, createdAt: '15/01/2024 10:30:00' })),
  },
  'problem-details-404-not-a-problem': {
    summary: "problem-details: the 404 body is Spring's default error map (timestamp, status, error, path)",
    kind: 'defect',
    contracts: ['problem-details'],
    clause:
      'User Not Found (404): {"type": "about:blank", "title": "User Not Found", "status": 404, "detail": …}',
    expect: { check: 'errorFormatConformance', scenario: 'unknownUser', text: 'title' },
    apply: (base) =>
      mapError(base, 'problem-details', 'not-found', (reply, ctx) => ({
        ...reply,
        headers: { ...reply.headers, 'content-type': 'application/json' },
        body: { timestamp: reply.body.timestamp, status: 404, error: 'Not Found', path: ctx.pathname },
      })),
  },
  'problem-details-404-status-member-400': {
    summary: 'problem-details: the 404 problem says "status": 400',
    kind: 'defect',
    contracts: ['problem-details'],
    clause: 'User Not Found (404): "status": 404',
    expect: { check: 'errorFormatConformance', scenario: 'unknownUser', text: '/status' },
    apply: (base) =>
      mapError(base, 'problem-details', 'not-found', (reply) => ({
        ...reply,
        body: { ...reply.body, status: 400 },
      })),
  },
  'problem-details-404-answered-200': {
    summary: 'problem-details: an unknown id is answered 200 (with the problem in the body)',
    kind: 'defect',
    contracts: ['problem-details'],
    clause: 'Status Codes: "404 Not Found — User with the specified ID does not exist"',
    expect: { check: 'statusCodeConformance', scenario: 'unknownUser', text: '200' },
    apply: (base) => mapError(base, 'problem-details', 'not-found', (reply) => ({ ...reply, status: 200 })),
  },
  'problem-details-500-on-malformed-id': {
    summary: 'problem-details: an id that is not a UUID crashes the server (500 problem)',
    kind: 'defect',
    contracts: ['problem-details'],
    clause: 'Path Parameters: "id UUID required"',
    expect: { check: 'statusCodeConformance', scenario: 'malformedId', text: '500' },
    apply: (base) =>
      mapError(base, 'problem-details', 'malformed-id', (reply, ctx) => ({
        ...reply,
        status: 500,
        body: {
          ...reply.body,
          title: 'Internal Server Error',
          status: 500,
          detail: `Invalid UUID string: ${ctx.id}`,
        },
      })),
  },
  'problem-details-wrong-user': {
    summary: 'problem-details: another user than the requested id is returned',
    kind: 'defect',
    contracts: ['problem-details'],
    clause: '"Returns the details of a specific user identified by their unique UUID."',
    expect: { check: 'returnsRequestedUser', scenario: 'existingUser', text: '/id' },
    apply: (base) =>
      patchDialects(base, ['problem-details'], (d) => ({
        findUser: (fixture, id) => anotherUser(fixture, d.findUser(fixture, id)),
      })),
  },
  'problem-details-json-as-text-plain': {
    summary: 'problem-details: the 200 JSON body is labelled Content-Type: text/plain',
    kind: 'legitimate',
    contracts: ['problem-details'],
    clause:
      'Example Response: a JSON object; the doc states no Content-Type (contract: application/json as a should)',
    expect: {
      check: 'mediaTypeConformance',
      scenario: 'existingUser',
      text: 'text/plain',
      severity: 'should',
    },
    apply: (base) =>
      patchDialects(base, ['problem-details'], (d) => ({
        renderUser: (user, ctx) => {
          const reply = d.renderUser(user, ctx);
          return { ...reply, headers: { ...reply.headers, 'content-type': 'text/plain;charset=UTF-8' } };
        },
      })),
  },
  'problem-details-fractional-seconds': {
    summary: 'problem-details: LocalDateTime stamps with microseconds ("2024-01-15T10:30:00.123456")',
    kind: 'legitimate',
    contracts: ['problem-details'],
    clause:
      '"createdAt string — ISO 8601 timestamp", example 2024-01-15T10:30:00 (ISO 8601 allows a decimal fraction)',
    apply: (base) => {
      const fractional = mapUserBody(base, 'problem-details', (body) => ({
        ...body,
        createdAt: `${body.createdAt}.123456`,
        updatedAt: `${body.updatedAt}.5`,
      }));
      return mapError(fractional, 'problem-details', 'not-found', (reply) => ({
        ...reply,
        body: { ...reply.body, timestamp: `${reply.body.timestamp}.987654321` },
      }));
    },
  },
};

module.exports = { variants };
