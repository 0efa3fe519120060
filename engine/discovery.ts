/**
 * Which contract does the target speak? Each candidate whose documented method is safe is probed once
 * with USER_ID and its credential (a rate-limit answer honoured, see sendHonouringRateLimit); it is
 * served when the answer has that contract's own shape. A 404 in the contract's error shape counts
 * only when a path the target cannot have (the probe's path plus one segment) answers differently: a
 * web framework's JSON 404 for unknown routes (`{"error": "Not Found", …}`) must not pass for a
 * contract's own 404. A contract whose read operation is unsafe (klaim's POST) is never probed: the
 * suite is read-only.
 */
import { isSuccess } from './checks/define-check';
import type { Envelope, LoadedContract } from './contract-loader';
import { isPlainObject, mediaEssence } from './json-text';
import type { Probe } from './probe';
import { buildRequest } from './scenarios';
import type { Target } from './target';
import {
  type OutgoingRequest,
  sendHonouringRateLimit,
  type Transport,
  type TransportError,
  type TransportResponse,
} from './transport';
import type { RateLimit } from './types';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** A segment no API routes: appended to a probe's path, it asks the target for a route it cannot have. */
export const UNKNOWN_ROUTE_SEGMENT = 'conformance-probe-no-such-route';

const typeOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : Number.isInteger(value)
        ? 'integer'
        : typeof value;

const typeFits = (value: unknown, allowed: string[] | undefined): boolean =>
  !allowed || allowed.includes(typeOf(value)) || (typeOf(value) === 'integer' && allowed.includes('number'));

/**
 * Members of the envelope the body has with a documented type. Two thirds are enough: a server that
 * implements the dialect badly (a field missing or mistyped) must still be judged as that dialect.
 */
function envelopeMatch(body: unknown, envelope: Envelope): { matches: boolean; missing: string[] } {
  if (!isPlainObject(body) || envelope.required.length === 0)
    return { matches: false, missing: envelope.required };
  // Nullable members are left out by some serialisers (e.g. FastAPI's exclude_none): only the others count.
  const nonNullable = envelope.required.filter((name) => !envelope.types[name]?.includes('null'));
  const members = nonNullable.length > 0 ? nonNullable : envelope.required;
  const missing = members.filter((name) => !(name in body) || !typeFits(body[name], envelope.types[name]));
  return { matches: missing.length * 3 <= members.length, missing };
}

/** Whether an answer to the probe is the contract's own: its success envelope, or its error format for a documented status. */
export function judgeProbe(
  contract: LoadedContract,
  response: TransportResponse,
): { served: boolean; reason: string } {
  const essence = mediaEssence(response.headers['content-type']);
  const documented = contract.responses.get(response.status);
  if (!documented)
    return { served: false, reason: `status ${response.status} is not documented by ${contract.name}` };
  let body: unknown;
  try {
    body = JSON.parse(response.bodyText.replace(/^\uFEFF/, ''));
  } catch {
    return { served: false, reason: 'the body is not JSON' };
  }
  const media =
    (essence ? documented.content.get(essence) : undefined) ?? documented.content.values().next().value;
  const envelope = media?.envelope;
  if (!envelope) return { served: false, reason: `${contract.name} documents no body to recognise` };
  const { matches, missing } = envelopeMatch(body, envelope);
  if (matches) return { served: true, reason: `the body has ${contract.name}'s shape` };
  return {
    served: false,
    reason: `the body lacks ${contract.name}'s ${missing.map((m) => JSON.stringify(m)).join(', ')}`,
  };
}

/** What kind of answer a response is: status, media type and the top-level members of a JSON object body. */
export function answerShape(response: TransportResponse): string {
  let members = '(not a JSON object)';
  try {
    const body: unknown = JSON.parse(response.bodyText.replace(/^\uFEFF/, ''));
    if (isPlainObject(body)) members = `{${Object.keys(body).sort().join(', ')}}`;
  } catch {
    // not JSON: the shape says so
  }
  return `${response.status} ${mediaEssence(response.headers['content-type']) ?? '(no Content-Type)'} ${members}`;
}

/** The probe's request, one path segment longer: a route no contract documents. */
export function unknownRouteRequest(request: OutgoingRequest): OutgoingRequest {
  const url = new URL(request.url);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/${UNKNOWN_ROUTE_SEGMENT}`;
  return { ...request, url: url.toString() };
}

/** Why a probe the target kept rate-limiting (or held back) proves nothing about the contract. */
function rateLimitedReason(rateLimit: RateLimit): string {
  const asked = `${Math.ceil(rateLimit.askedMs / 1000)} s`;
  const beyondCap = `more than REQUEST_TIMEOUT_MS (${rateLimit.capMs} ms)`;
  if (rateLimit.notSent) return `not sent: the target had asked to be called again in ${asked}, ${beyondCap}`;
  return rateLimit.repeated
    ? `the target asked to be called later, even after waiting as asked once (${asked} more)`
    : `the target asked to be called again in ${asked}, ${beyondCap}: not repeated`;
}

/** Probes one contract (or says why it is never probed). */
export async function probeContract(
  contract: LoadedContract,
  target: Target,
  transport: Transport,
): Promise<Probe> {
  const plan = {
    scenario: 'existingUser' as const,
    rule: { expect: [200], severity: 'must' as const, clause: '' },
    method: contract.method,
    requestedId: target.userId,
    credential: contract.credential ? ('valid' as const) : ('none' as const),
  };
  const request = buildRequest(contract, target, plan);
  const base = { contract: contract.name, method: request.method, url: request.url };
  if (!SAFE_METHODS.has(contract.method)) {
    return {
      ...base,
      status: null,
      mediaType: null,
      served: false,
      reason: `never probed: its read operation is ${contract.method}, which may write on an unknown API; select it with CONTRACT=${contract.name}`,
    };
  }
  const { result, rateLimit } = await sendHonouringRateLimit(transport, request, target.timeoutMs);
  if (!result) {
    return { ...base, status: null, mediaType: null, served: false, reason: rateLimitedReason(rateLimit) };
  }
  if (!('response' in result)) {
    return {
      ...base,
      status: null,
      mediaType: null,
      served: false,
      reason: `no answer: ${result.error.message}`,
    };
  }
  const { response } = result;
  const answer = {
    ...base,
    status: response.status,
    mediaType: mediaEssence(response.headers['content-type']) ?? null,
  };
  if (rateLimit?.persisted) return { ...answer, served: false, reason: rateLimitedReason(rateLimit) };
  const verdict = judgeProbe(contract, response);
  if (!verdict.served || isSuccess(response.status)) return { ...answer, ...verdict };
  // An error in the contract's error shape: the contract's own answer, or one the target gives on every
  // route ("no such route", or authentication checked before routing, e.g. another dialect's 401)?
  const unknown = unknownRouteRequest(request);
  const control = await sendHonouringRateLimit(transport, unknown, target.timeoutMs);
  if (
    !control.result ||
    !('response' in control.result) ||
    answerShape(control.result.response) !== answerShape(response)
  ) {
    return { ...answer, ...verdict };
  }
  return {
    ...answer,
    served: false,
    reason: `the same answer as a route no API has (${unknown.method} ${unknown.url} → ${answerShape(response)}): the answer does not depend on the route (no such route, or authentication checked before routing), or USER_ID does not exist`,
  };
}

/**
 * The preflight's request for a contract: HEAD to its operation path, USER_ID in the id slot (the
 * contract's unknown id when none is set), with no credential and no header: any status line proves
 * that somebody answers where the contract lives.
 */
export function preflightRequest(contract: LoadedContract, target: Target): OutgoingRequest {
  const { url } = buildRequest(contract, target, {
    scenario: 'existingUser',
    rule: { expect: [200], severity: 'must', clause: '' },
    method: 'HEAD',
    requestedId: target.userId || target.unknownUserId,
    credential: 'none',
  });
  return { method: 'HEAD', url, headers: {} };
}

/** The transport's words (describeFailure) for failures before anything reaches the host. */
const UNREACHABLE_HOST = /^(connection refused by |host \S+ not found |no connection to |cannot reach )/;

/** Whether a failure is the host's (refused, unknown, unreachable, TLS): another path cannot change it. */
export const isHostLevel = (error: TransportError): boolean =>
  error.kind === 'tls' || UNREACHABLE_HOST.test(error.message);

/** Why the target is dead: the first path's failure, and how many other paths failed too. */
export function deadReason(
  failure: { error: TransportError; request: OutgoingRequest },
  otherPaths: number,
  timeoutMs: number,
): string {
  const { error, request } = failure;
  const where = `${request.method} ${request.url}`;
  const cause =
    error.kind === 'timeout'
      ? `target did not answer within ${timeoutMs} ms (${where})`
      : `target unreachable: ${error.message}${isHostLevel(error) ? '' : ` (${where})`}`;
  if (otherPaths === 0) return cause;
  return `${cause}; no answer either at ${otherPaths} other contract path${otherPaths === 1 ? '' : 's'}`;
}

type PreflightFailure = { error: TransportError; request: OutgoingRequest };

/** Undefined when somebody answered the request, else how it failed. */
async function preflightFailure(
  transport: Transport,
  request: OutgoingRequest,
): Promise<PreflightFailure | undefined> {
  // Never repeated (cap 0), but a Retry-After it gets holds every later request.
  const { result } = await sendHonouringRateLimit(transport, request, 0);
  // Any status line is an answer: a body cut short or too large still proves somebody is there (and
  // a request held back by an earlier Retry-After had one).
  if (!result || 'response' in result || result.partial) return undefined;
  return { error: result.error, request };
}

/**
 * Whether anybody answers where the selected contracts live (see preflightRequest). Undefined when
 * alive, else the reason, e.g. "target did not answer within 10000 ms (HEAD …)". The first path
 * alone, then, unless the host itself failed (another path cannot change that), the others at once:
 * at most one request per contract and two timeouts. HEAD: a status line is all it needs, so an
 * endless or slow body costs the runner nothing. The root is never asked: a proxy may drop everything
 * outside the API.
 */
export async function deadTargetReason(
  requests: readonly OutgoingRequest[],
  transport: Transport,
  timeoutMs: number,
): Promise<string | undefined> {
  const [head, ...rest] = requests;
  if (!head) return undefined;
  const first = await preflightFailure(transport, head);
  if (!first) return undefined;
  if (isHostLevel(first.error) || rest.length === 0) return deadReason(first, 0, timeoutMs);
  const others = await Promise.all(rest.map((request) => preflightFailure(transport, request)));
  return others.every(Boolean) ? deadReason(first, rest.length, timeoutMs) : undefined;
}
