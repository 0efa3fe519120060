import type { LoadedContract, MediaTypeValidators, ResolvedResponse } from '../contract-loader';
import type {
  CheckOutcome,
  Exchange,
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
  /** Index into the contract's credential forms of the form that was finally sent, when the real key was sent. */
  credentialFormIndex?: number;
}

/** A check: a pure function plus what the report says about it. */
export interface CheckDefinition {
  name: string;
  /** What it asserts, in one line. */
  description: string;
  /** Severity of a failure unless the outcome says otherwise. */
  severity: (ctx: CheckContext) => Severity;
  /** The doc clause the rule comes from. */
  clause: (ctx: CheckContext) => string;
  appliesTo: (ctx: CheckContext) => boolean;
  run: (ctx: CheckContext) => CheckOutcome;
}

export const NO_RESPONSE: CheckOutcome = {
  kind: 'skipped',
  reason: 'no HTTP response (see responseReceived)',
};

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;
export const isNegativeScenario = (scenario: ScenarioName): boolean => scenario !== 'existingUser';

/** `application/json; charset=UTF-8` → `application/json`. */
export function mediaEssence(contentType: string | undefined): string | undefined {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence ? essence : undefined;
}

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

/** Validators for the received media type, falling back to the first documented one. */
export function validatorsFor(
  documented: ResolvedResponse,
  response: RecordedResponse,
): MediaTypeValidators | undefined {
  const essence = mediaEssence(response.headers['content-type']);
  return (essence ? documented.content.get(essence) : undefined) ?? documented.content.values().next().value;
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

const parsedCache = new WeakMap<RecordedResponse, ParsedBody>();

/** The body parsed as JSON (a UTF-8 BOM tolerated), memoised per response. */
export function parseBody(response: RecordedResponse): ParsedBody {
  let parsed = parsedCache.get(response);
  if (!parsed) {
    try {
      parsed = { ok: true, value: JSON.parse(response.bodyText.replace(/^\uFEFF/, '')) };
    } catch (error) {
      parsed = { ok: false, error: (error as Error).message };
    }
    parsedCache.set(response, parsed);
  }
  return parsed;
}

/** Start of a body for a Received: line. */
export function bodyExcerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
