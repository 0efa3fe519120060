/**
 * The engine's vocabulary: scenarios, rules, results and the one wire type (`CheckRecord`) that a
 * test hands to the reporter. The `x-conformance` extension's type lives with its schema
 * (conformance-extension.schema.ts).
 */

export type Severity = 'must' | 'should';

/** `not-run`: the scenario never ran (dead target, interrupted run); it proves nothing, so it never passes. */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'not-run';

/** The fixed set of scenarios the engine derives from any contract, in run and report order. */
export const SCENARIO_NAMES = [
  'existingUser',
  'unknownUser',
  'missingCredentials',
  'invalidCredentials',
  'forbiddenUser',
  'malformedId',
  'wrongMethod',
  // Last: several bad keys in a row can trigger a lockout, so they follow every valid-key scenario.
  'forgedCredentials',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What one scenario must answer, as the contract states it (root `x-conformance.scenarios`). */
export interface ScenarioRule {
  /** Statuses that conform. */
  expect: number[];
  /** Statuses tolerated with a `should` warning (e.g. 404 where 400 is documented but the id format is not). */
  tolerate?: number[];
  /** Severity of answering anything else. 5xx, and 2xx on a request that must be refused, are always `must`. */
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

/** One schema violation, keeping Ajv's own fields. */
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

export type TransportErrorKind = 'timeout' | 'connection' | 'tls' | 'body-too-large' | 'other';

/** What a failure is about, as data: self-tests and tools match these fields, not the prose. */
export type FailureDetail =
  | { kind: 'transport'; cause: TransportErrorKind }
  | { kind: 'status'; received: number; documented: number[] }
  | { kind: 'served'; received: number }
  | { kind: 'media-type'; received: string | null; documented: string[] }
  | { kind: 'json'; error: string }
  | { kind: 'schema'; violations: number }
  | { kind: 'id'; pointer: string; received: unknown; requested: string }
  | { kind: 'credential-form'; accepted: string; documented: string }
  | { kind: 'rate-limited'; status: number }
  | { kind: 'header'; name: string; received: string | null }
  | { kind: 'leak'; kinds: string[] }
  | { kind: 'sensitive-fields'; paths: string[] };

export interface Failure {
  /** Fixed per check and cause, e.g. "Undocumented status code". */
  title: string;
  expected: string;
  received: string;
  detail: FailureDetail;
  /** Every schema violation, with Ajv's own fields. */
  violations?: Violation[];
  /** Clause override when a failure comes from a more specific rule than the check's own. */
  clause?: string;
}

/** A request as recorded (credentials already redacted). */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  statusText: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  bodyText: string;
  durationMs: number;
}

/**
 * The target asked to be called later (429, or 503 with Retry-After), to this request or, through the
 * same transport, to an earlier one: the suite waited as asked when the wait fit in REQUEST_TIMEOUT_MS
 * (`capMs`), else did not call the target again before the asked time.
 */
export interface RateLimit {
  /** Status of the answer that asked (for a request not sent: of the earlier request's answer). */
  status: number;
  /** The wait the target asked for, uncapped, counted from when this request was made. */
  askedMs: number;
  /** What the suite waited for this request, before sending it and before its one repeat. */
  waitedMs: number;
  /** Whether the request was sent a second time after the wait (never a third). */
  repeated: boolean;
  /** The longest wait the suite makes for one request: REQUEST_TIMEOUT_MS. */
  capMs: number;
  /** Still rate-limited after the repeat, not repeated, or not sent: the exchange is not judged. */
  persisted: boolean;
  /** Not sent: the target had asked to wait longer than `capMs` (no response, no transport error). */
  notSent?: true;
}

/**
 * One HTTP exchange. `response` is absent when the transport failed (then `transportError` says why)
 * or when the request was not sent (then `rateLimit.notSent`).
 */
export interface Exchange {
  request: RecordedRequest;
  response?: RecordedResponse;
  transportError?: { kind: TransportErrorKind; message: string };
  rateLimit?: RateLimit;
}

/** The record of one check of one scenario: the wire type between a test and the reporter (redacted). */
export interface CheckRecord {
  contract: string;
  scenario: string;
  check: string;
  /** One-line description of what the check asserts. */
  description: string;
  severity: Severity;
  status: CheckStatus;
  reason?: string;
  title?: string;
  expected?: string;
  received?: string;
  detail?: FailureDetail;
  violations?: Violation[];
  clause: string;
  curl?: string;
  exchange?: Exchange;
}

/** Attachment name and content type under which a test hands its check records to the reporter. */
export const CHECKS_ATTACHMENT = 'conformance-checks.json';
export const CHECKS_ATTACHMENT_TYPE = 'application/json';
/** Attachment of a contract the target does not serve: the discovery probe that found it so. */
export const PROBE_ATTACHMENT = 'conformance-probe.json';
