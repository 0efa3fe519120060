/**
 * Shared types of the conformance engine.
 *
 * A contract is an OpenAPI 3.1 document plus the `x-conformance` extension at its root, which says
 * what OpenAPI cannot: how to make ids, which field echoes the id, what each scenario must answer,
 * and every place where the source doc is ambiguous (see contracts/README.md).
 */

export type Severity = 'must' | 'should';

/** The fixed set of scenarios the engine derives from any contract. */
export const SCENARIO_NAMES = [
  'existingUser',
  'unknownUser',
  'missingCredentials',
  'invalidCredentials',
  'forbiddenUser',
  'malformedId',
  'wrongMethod',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What one scenario must answer, as the contract states it (root `x-conformance.scenarios`). */
export interface ScenarioRule {
  /** Statuses that conform. */
  expect: number[];
  /** Statuses that are tolerated but reported as a `should` warning (e.g. 404 where 400 is documented but the id format is not). */
  tolerate?: number[];
  /** Severity of answering anything else. 5xx anywhere, and 2xx on a request that must be refused (every negative scenario but the wrong-method probe), are always `must`. */
  severity: Severity;
  /** The doc clause (quoted) or the recorded decision this rule comes from. */
  clause: string;
}

/** One recorded ambiguity or defect of the source doc, and what the contract does about it. */
export interface Discrepancy {
  id: string;
  /** What the doc says, quoted. */
  doc: string;
  /** What the contract does about it. */
  decision: string;
}

/** The root `x-conformance` extension of a contract. */
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
  /** Per HTTP status, JSON pointers into the body that must equal the requested id; the first pointer present wins. */
  idEcho: Record<string, string[]>;
  /** Extra request headers the doc requires on every call (OpenAPI ignores Accept/Content-Type header parameters). */
  requestHeaders?: Record<string, string>;
  /**
   * How the credential is written into the security scheme's header, `{key}` standing for the key.
   * More than one form when the doc shows several; the first is sent, the next tried once if the first is refused (401, or 403).
   */
  credentialForms?: string[];
  /** Method of the wrong-method probe. Default: GET for non-GET operations, TRACE (safe, RFC 9110 §9.3.8) for GET. */
  probeMethod?: string;
  /** Rule per scenario. A scenario without a rule here is skipped with the reason "not documented". */
  scenarios: Partial<Record<ScenarioName, ScenarioRule>>;
  /** Every ambiguity or defect of the doc and the decision taken. */
  discrepancies: Discrepancy[];
}

/** One schema violation, keeping ajv's own fields. */
export interface Violation {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  /** Excerpt of the offending value (JSON, truncated). */
  value: string;
  /** Nearest `description` on the schema path: the doc clause the rule quotes. */
  clause?: string;
}

export interface Failure {
  /** Fixed per check, e.g. "Undocumented status code". */
  title: string;
  expected: string;
  received: string;
  violations?: Violation[];
  /** Clause override when a failure comes from a more specific rule than the check's own. */
  clause?: string;
}

/** What a pure check returns. */
export type CheckOutcome =
  | { kind: 'passed' }
  | { kind: 'failed'; failure: Failure; severity?: Severity }
  | { kind: 'skipped'; reason: string };

/** A request as sent (credentials already redacted). */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  statusText: string;
  /** Header names lower-cased; sensitive values redacted. */
  headers: Record<string, string>;
  bodyText: string;
  durationMs: number;
}

/** One HTTP exchange. `response` is absent when the transport failed (then `transportError` says why). */
export interface Exchange {
  request: RecordedRequest;
  response?: RecordedResponse;
  transportError?: { kind: 'timeout' | 'connection' | 'other'; message: string };
}

/** The record of one check of one scenario, attached to the test for the reporter (already redacted). */
export interface CheckRecord {
  contract: string;
  scenario: ScenarioName;
  check: string;
  /** One-line description of what the check asserts. */
  description: string;
  severity: Severity;
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
  title?: string;
  expected?: string;
  received?: string;
  violations?: Violation[];
  clause: string;
  curl?: string;
  exchange?: Exchange;
}

/** Attachment name and content type under which the spec hands check records to the reporter. */
export const CHECKS_ATTACHMENT = 'conformance-checks.json';
export const CHECKS_ATTACHMENT_TYPE = 'application/json';
