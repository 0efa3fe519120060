/** The root `x-conformance` extension of a contract: its type and its schema, from one place. */
import type { JSONSchemaType } from 'ajv';
import { type Discrepancy, SCENARIO_NAMES, type ScenarioName, type ScenarioRule } from './types';

/** A scenario tries at most this many credential forms, which bounds its requests and so its time. */
export const MAX_CREDENTIAL_FORMS = 3;

/** What OpenAPI cannot say: how to make ids, which field echoes the id, what each scenario must answer, every doc ambiguity. */
export interface ConformanceExtension {
  /** The source doc (file name under shared/seeds) and the vendor it describes. */
  source: { file: string; vendor: string };
  /** Name of the path parameter that carries the user id. */
  idParameter: string;
  ids: {
    /** A well-formed id that no real user has (default for UNKNOWN_USER_ID). */
    unknown: string;
    /** An id the contract rejects as malformed (default for MALFORMED_USER_ID); null when ids are unconstrained. */
    malformed: string | null;
  };
  /** Per HTTP status, JSON pointers into the body that that may carry the requested id (alternative names: one match is enough). */
  idEcho: Record<string, string[]>;
  /** Per HTTP status, JSON pointers of human-readable messages that embed the requested id (e.g. "User not found: <id>"). */
  idInMessage?: Record<string, string[]>;
  /** Extra request headers the doc requires on every call (OpenAPI ignores Accept/Content-Type header parameters). */
  requestHeaders?: Record<string, string>;
  /** How the credential is written into the scheme's header, `{key}` standing for the key; the first is sent, the next tried if it is refused. */
  credentialForms?: string[];
  /** Method of the wrong-method probe. Default: GET for non-GET operations, TRACE (safe, RFC 9110 §9.3.8) for GET. */
  probeMethod?: string;
  /**
   * Whether the doc states the Content-Type of its responses. Default false: the media type is then
   * a should (none of the five docs states one; their samples are only labelled JSON).
   */
  responseMediaTypeStated?: boolean;
  /** Rule per scenario. A scenario without a rule is skipped as "not documented". */
  scenarios: Partial<Record<ScenarioName, ScenarioRule>>;
  discrepancies: Discrepancy[];
}

const scenarioRule: JSONSchemaType<ScenarioRule> = {
  type: 'object',
  required: ['expect', 'severity', 'clause'],
  additionalProperties: false,
  properties: {
    expect: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 100, maximum: 599 } },
    tolerate: {
      type: 'array',
      nullable: true,
      items: { type: 'integer', minimum: 100, maximum: 599 },
    },
    severity: { type: 'string', enum: ['must', 'should'] },
    clause: { type: 'string', minLength: 1 },
  },
};

export const conformanceExtensionSchema: JSONSchemaType<ConformanceExtension> = {
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
        // JSONSchemaType cannot express a required property whose value may be null.
        malformed: { type: ['string', 'null'], minLength: 1 } as never,
      },
    },
    idEcho: {
      type: 'object',
      required: [],
      propertyNames: { type: 'string', pattern: '^[1-5][0-9]{2}$' },
      additionalProperties: { type: 'array', items: { type: 'string', pattern: '^(/.*)?$' } },
    },
    idInMessage: {
      type: 'object',
      nullable: true,
      required: [],
      propertyNames: { type: 'string', pattern: '^[1-5][0-9]{2}$' },
      additionalProperties: { type: 'array', items: { type: 'string', pattern: '^(/.*)?$' } },
    },
    requestHeaders: {
      type: 'object',
      nullable: true,
      required: [],
      additionalProperties: { type: 'string' },
    },
    credentialForms: {
      type: 'array',
      nullable: true,
      minItems: 1,
      maxItems: MAX_CREDENTIAL_FORMS,
      items: { type: 'string', pattern: '\\{key\\}' },
    },
    probeMethod: {
      type: 'string',
      nullable: true,
      enum: ['GET', 'HEAD', 'OPTIONS', 'TRACE', 'POST', 'PUT', 'PATCH', 'DELETE'],
    },
    responseMediaTypeStated: { type: 'boolean', nullable: true },
    scenarios: {
      type: 'object',
      required: [],
      additionalProperties: false,
      properties: Object.fromEntries(
        SCENARIO_NAMES.map((name) => [name, { ...scenarioRule, nullable: true }]),
      ) as JSONSchemaType<ConformanceExtension['scenarios']>['properties'],
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
};
