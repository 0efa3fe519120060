/**
 * Which contract does the target speak? Each candidate whose documented method is safe is probed once
 * with USER_ID and its credential; it is served when the answer has that contract's own shape. A
 * contract whose read operation is unsafe (klaim's POST) is never probed: the suite is read-only.
 */
import type { Envelope, LoadedContract } from './contract-loader';
import { isPlainObject, mediaEssence } from './json-text';
import { buildRequest } from './scenarios';
import type { Target } from './target';
import type { Transport, TransportResponse } from './transport';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** One discovery probe, as the report and the console show it. */
export interface Probe {
  contract: string;
  method: string;
  url: string;
  status: number | null;
  mediaType: string | null;
  served: boolean;
  reason: string;
}

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

const typeFits = (value: unknown, allowed: string[] | undefined): boolean =>
  !allowed || allowed.includes(typeOf(value)) || (typeOf(value) === 'integer' && allowed.includes('number'));

/**
 * Members of the envelope the body has with a documented type. Two thirds are enough: a server that
 * implements the dialect badly (a field missing or mistyped) must still be judged as that dialect.
 */
function envelopeMatch(body: unknown, envelope: Envelope): { matches: boolean; missing: string[] } {
  if (!isPlainObject(body) || envelope.required.length === 0) return { matches: false, missing: envelope.required };
  const missing = envelope.required.filter((name) => !(name in body) || !typeFits(body[name], envelope.types[name]));
  return { matches: missing.length * 3 <= envelope.required.length, missing };
}

/** Whether an answer to the probe is the contract's own: its success envelope, or its error format for a documented status. */
export function judgeProbe(contract: LoadedContract, response: TransportResponse): { served: boolean; reason: string } {
  const essence = mediaEssence(response.headers['content-type']);
  const documented = contract.responses.get(response.status);
  const label = `${response.status} ${essence ?? '(no Content-Type)'}`;
  if (!documented) return { served: false, reason: `${label}: status ${response.status} is not documented by ${contract.name}` };
  let body: unknown;
  try {
    body = JSON.parse(response.bodyText.replace(/^\uFEFF/, ''));
  } catch {
    return { served: false, reason: `${label}: the body is not JSON` };
  }
  const media = (essence ? documented.content.get(essence) : undefined) ?? documented.content.values().next().value;
  const envelope = media?.envelope;
  if (!envelope) return { served: false, reason: `${label}: ${contract.name} documents no body to recognise` };
  const { matches, missing } = envelopeMatch(body, envelope);
  if (matches) return { served: true, reason: `${label}: the body has ${contract.name}'s shape` };
  return {
    served: false,
    reason: `${label}: the body lacks ${contract.name}'s ${missing.map((m) => JSON.stringify(m)).join(', ')}`,
  };
}

/** Probes one contract (or says why it is never probed). */
export async function probeContract(contract: LoadedContract, target: Target, transport: Transport): Promise<Probe> {
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
  const result = await transport.send(request);
  if (!('response' in result)) {
    return { ...base, status: null, mediaType: null, served: false, reason: `no answer: ${result.error.message}` };
  }
  const { response } = result;
  return {
    ...base,
    status: response.status,
    mediaType: mediaEssence(response.headers['content-type']) ?? null,
    ...judgeProbe(contract, response),
  };
}

/**
 * Whether anybody answers at the target's root (any HTTP status will do; no credential is sent).
 * Undefined when alive, else the reason, e.g. "target did not answer within 10000 ms".
 */
export async function deadTargetReason(baseUrl: string, transport: Transport, timeoutMs: number): Promise<string | undefined> {
  const result = await transport.send({ method: 'GET', url: `${baseUrl}/`, headers: {} });
  if ('response' in result || result.error.kind === 'body-too-large') return undefined;
  if (result.error.kind === 'timeout') return `target did not answer within ${timeoutMs} ms (${baseUrl})`;
  return `target unreachable: ${result.error.message}`;
}
