/**
 * The one check factory. A check states its name, severity, clause and what it needs (the exchange,
 * a response, a JSON body); the factory applies "nothing to judge → skipped" and the status-only
 * probe rule once, so each check's `assert` holds only its rule.
 */
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Location } from '@playwright/test/reporter';
import type { LoadedContract, ResolvedResponse } from '../contract-loader';
import { cutShort } from '../json-text';
import type {
  CheckStatus,
  Exchange,
  Failure,
  RecordedResponse,
  ScenarioName,
  ScenarioRule,
  Severity,
} from '../types';

/** Everything a check may look at; checks are pure functions of it. */
export interface CheckContext {
  contract: LoadedContract;
  scenario: ScenarioName;
  rule: ScenarioRule;
  /** The id put in the path, unencoded. */
  requestedId: string;
  exchange: Exchange;
  /** Index into the contract's credential forms of the form that was accepted, when the real key was sent. */
  credentialFormIndex?: number;
  /** The forged credential this exchange sent (scenario forgedCredentials). */
  forgedProbe?: { title: string; description: string; severity: Severity };
  /** Severity of the API security hygiene checks (SECURITY_CHECKS). */
  securitySeverity?: Severity;
}

export type Need = 'exchange' | 'response' | 'json';

/** The body parsed as JSON, or why it is not JSON. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

export type CheckInput<N extends Need> = CheckContext &
  (N extends 'exchange'
    ? object
    : N extends 'response'
      ? { response: RecordedResponse; parsed: ParsedBody }
      : { response: RecordedResponse; parsed: ParsedBody; body: unknown });

/** What `assert` returns. A failure may carry its own severity when its cause decides it. */
export type Verdict =
  | { status: 'passed' }
  | { status: 'failed'; failure: Failure; severity?: Severity }
  | { status: 'skipped'; reason: string }
  | { status: 'not-run'; reason: string };

export const pass: Verdict = { status: 'passed' };
export const skip = (reason: string): Verdict => ({ status: 'skipped', reason });
export const fail = (failure: Failure, severity?: Severity): Verdict =>
  severity ? { status: 'failed', failure, severity } : { status: 'failed', failure };

type PerContext<T> = T | ((ctx: CheckContext) => T);

export interface CheckSpec<N extends Need> {
  name: string;
  /** What it asserts, in one line. */
  description: string;
  severity: PerContext<Severity>;
  /** The doc clause the rule comes from. */
  clause: PerContext<string>;
  needs: N;
  /** Whether the check judges the wrong-method probe, which is about its status only. Default false. */
  judgesProbe?: boolean;
  /** Whether the check judges a rate-limited exchange (notRateLimited); every other check leaves it unjudged. */
  judgesRateLimit?: boolean;
  /** A narrower applicability than "every scenario" (e.g. only the credential scenarios). */
  appliesTo?: (ctx: CheckContext) => boolean;
  assert: (input: CheckInput<N>) => Verdict;
}

export interface Check {
  name: string;
  description: string;
  /** Where the check is defined: its steps point there in Playwright's reports. */
  location: Location | undefined;
  severity: (ctx: CheckContext) => Severity;
  clause: (ctx: CheckContext) => string;
  appliesTo: (ctx: CheckContext) => boolean;
  run: (inputs: Inputs) => Verdict;
}

const resolve = <T>(value: PerContext<T>, ctx: CheckContext): T =>
  typeof value === 'function' ? (value as (ctx: CheckContext) => T)(ctx) : value;

/** The body parsed as JSON, a UTF-8 BOM tolerated. */
function parseBody(bodyText: string): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(bodyText.charCodeAt(0) === 0xfeff ? bodyText.slice(1) : bodyText) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

const NO_RESPONSE = skip('no HTTP response (see responseReceived)');
const NOT_JSON = skip('the body is not JSON (see bodyIsJson)');
const RATE_LIMITED = 'rate limited: the target asked to be called later (see notRateLimited)';

/** What the checks of one exchange read, made once however many checks read it. */
export interface Inputs {
  ctx: CheckContext;
  withResponse: CheckInput<'response'> | undefined;
  withBody: CheckInput<'json'> | undefined;
}

export function inputsOf(ctx: CheckContext): Inputs {
  const response = ctx.exchange.response;
  if (!response) return { ctx, withResponse: undefined, withBody: undefined };
  const parsed = parseBody(response.bodyText);
  // One object serves both needs (a check needing the response only never reads `body`).
  const input = { ...ctx, response, parsed, body: parsed.ok ? parsed.value : undefined };
  return { ctx, withResponse: input, withBody: parsed.ok ? input : undefined };
}

/**
 * The file, line and column that called defineCheck. Given to each step, it also spares Playwright
 * capturing (and source-mapping) a stack trace per step.
 */
function definitionSite(): Location | undefined {
  // [0] the message, [1] this function, [2] defineCheck, [3] the check's module.
  const frame = new Error().stack?.split('\n')[3];
  const match = frame?.match(/^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/);
  if (!match?.[1]) return undefined;
  const file = match[1].startsWith('file:') ? fileURLToPath(match[1]) : match[1];
  return isAbsolute(file) ? { file, line: Number(match[2]), column: Number(match[3]) } : undefined;
}

export function defineCheck<N extends Need>(spec: CheckSpec<N>): Check {
  // `needs` decides the input's shape, which the types cannot follow through the branches.
  const assert = spec.assert as (input: CheckContext) => Verdict;
  return {
    name: spec.name,
    description: spec.description,
    location: definitionSite(),
    severity: (ctx) => resolve(spec.severity, ctx),
    clause: (ctx) => resolve(spec.clause, ctx),
    appliesTo: (ctx) =>
      (spec.judgesProbe === true || ctx.scenario !== 'wrongMethod') && (spec.appliesTo?.(ctx) ?? true),
    run: ({ ctx, withResponse, withBody }) => {
      if (ctx.exchange.rateLimit?.persisted && spec.judgesRateLimit !== true) {
        // Not judged is not proven: a must check of a request rate-limited (or not sent) is `not-run`.
        return resolve(spec.severity, ctx) === 'must'
          ? { status: 'not-run', reason: RATE_LIMITED }
          : skip(RATE_LIMITED);
      }
      if (spec.needs === 'exchange') return assert(ctx);
      if (!withResponse) return NO_RESPONSE;
      if (spec.needs === 'response') return assert(withResponse);
      return withBody ? assert(withBody) : NOT_JSON;
    },
  };
}

/** The outcome of one check on one scenario, its severity resolved. */
export interface CheckResult {
  check: string;
  description: string;
  clause: string;
  severity: Severity;
  status: CheckStatus;
  reason?: string;
  failure?: Failure;
}

/** The verdict of a check; undefined when it does not apply to the scenario. */
export function verdictOf(check: Check, inputs: Inputs): Verdict | undefined {
  return check.appliesTo(inputs.ctx) ? check.run(inputs) : undefined;
}

/** A verdict as a result. The one place severity is resolved. */
export function resultOf(check: Check, ctx: CheckContext, verdict: Verdict): CheckResult {
  const base = { check: check.name, description: check.description };
  if (verdict.status === 'failed') {
    return {
      ...base,
      clause: verdict.failure.clause ?? check.clause(ctx),
      severity: verdict.severity ?? check.severity(ctx),
      status: 'failed',
      failure: verdict.failure,
    };
  }
  const result: CheckResult = {
    ...base,
    clause: check.clause(ctx),
    severity: check.severity(ctx),
    status: verdict.status,
  };
  if (verdict.status === 'skipped' || verdict.status === 'not-run') result.reason = verdict.reason;
  return result;
}

/** Runs a check; undefined when it does not apply to the scenario. */
export function evaluate(check: Check, ctx: CheckContext): CheckResult | undefined {
  const verdict = verdictOf(check, inputsOf(ctx));
  return verdict && resultOf(check, ctx, verdict);
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/**
 * The contract's response for a status: the documented one (`must`), else the `default` response
 * (`should`: the doc implies it, e.g. one error envelope for every status), else none.
 */
export function responseFor(
  ctx: CheckContext,
  status: number,
): { response: ResolvedResponse; severity: Severity } | undefined {
  const documented = ctx.contract.responses.get(status);
  if (documented) return { response: documented, severity: 'must' };
  const fallback = ctx.contract.defaultResponse;
  return fallback ? { response: fallback, severity: 'should' } : undefined;
}

/** `must` for a status the contract documents; `should` where the doc is silent about the status. */
export function mustWhereStatusDocumented(ctx: CheckContext): Severity {
  const status = ctx.exchange.response?.status;
  return status !== undefined && ctx.contract.responses.has(status) ? 'must' : 'should';
}

/** `Response 404: <doc clause>`, or why there is none. */
export function responseClause(ctx: CheckContext): string {
  const status = ctx.exchange.response?.status;
  const found = status === undefined ? undefined : responseFor(ctx, status);
  if (!found) return `Status ${status ?? '—'} is not documented`;
  const label =
    found.severity === 'must' ? `Response ${status}` : `Status ${status} is not documented; default response`;
  return `${label}: ${found.response.description}`;
}

/** Start of a body for a Received: line. */
export function bodyExcerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > max ? `${cutShort(flat, max)}…` : flat;
}
