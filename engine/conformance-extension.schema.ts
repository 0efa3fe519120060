/** JSON Schema of the root `x-conformance` extension (see engine/types.ts ConformanceExtension). */

/** A scenario tries at most this many credential forms, which bounds its requests and so its time. */
export const MAX_CREDENTIAL_FORMS = 3;
const scenarioRule = {
  type: 'object',
  required: ['expect', 'severity', 'clause'],
  additionalProperties: false,
  properties: {
    expect: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 100, maximum: 599 } },
    tolerate: { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 } },
    severity: { enum: ['must', 'should'] },
    clause: { type: 'string', minLength: 1 },
  },
} as const;

export const conformanceExtensionSchema = {
  $id: 'urn:get-user-conformance:x-conformance',
  type: 'object',
  required: ['source', 'idParameter', 'ids', 'idEcho', 'scenarios', 'discrepancies'],
  additionalProperties: false,
  properties: {
    source: {
      type: 'object',
      required: ['file', 'vendor'],
      additionalProperties: false,
      properties: { file: { type: 'string' }, vendor: { type: 'string' } },
    },
    idParameter: { type: 'string', minLength: 1 },
    ids: {
      type: 'object',
      required: ['unknown', 'malformed'],
      additionalProperties: false,
      properties: {
        unknown: { type: 'string', minLength: 1 },
        malformed: { type: ['string', 'null'], minLength: 1 },
      },
    },
    idEcho: {
      type: 'object',
      propertyNames: { pattern: '^[1-5][0-9]{2}$' },
      additionalProperties: { type: 'array', items: { type: 'string', pattern: '^(/.*)?$' } },
    },
    requestHeaders: { type: 'object', additionalProperties: { type: 'string' } },
    credentialForms: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_CREDENTIAL_FORMS,
      items: { type: 'string', pattern: '\\{key\\}' },
    },
    probeMethod: { enum: ['GET', 'HEAD', 'OPTIONS', 'TRACE', 'POST', 'PUT', 'PATCH', 'DELETE'] },
    scenarios: {
      type: 'object',
      additionalProperties: false,
      properties: {
        existingUser: scenarioRule,
        unknownUser: scenarioRule,
        missingCredentials: scenarioRule,
        invalidCredentials: scenarioRule,
        forbiddenUser: scenarioRule,
        malformedId: scenarioRule,
        wrongMethod: scenarioRule,
      },
    },
    discrepancies: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'doc', 'decision'],
        additionalProperties: false,
        properties: { id: { type: 'string' }, doc: { type: 'string' }, decision: { type: 'string' } },
      },
    },
  },
} as const;
