import { excerpt } from '../violations';
import { type CheckDefinition, NO_RESPONSE, parseBody } from './context';

/** RFC 6901 JSON pointer lookup; undefined when a segment is missing. */
export function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let node: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are compared exactly, except UUIDs, whose hex digits are case-insensitive (RFC 9562 §4). */
function sameId(received: unknown, requested: string): boolean {
  if (typeof received !== 'string' && typeof received !== 'number') return false;
  const text = String(received);
  return UUID.test(text) && UUID.test(requested)
    ? text.toLowerCase() === requested.toLowerCase()
    : text === requested;
}

/** The returned user (or the error's id field) is the requested one. */
export const returnsRequestedUser: CheckDefinition = {
  name: 'returnsRequestedUser',
  description: 'The id in the body is the requested id (the right user is returned)',
  severity: () => 'must',
  clause: (ctx) => {
    const status = ctx.exchange.response?.status ?? 200;
    const pointers = ctx.contract.x.idEcho[String(status)] ?? [];
    return `x-conformance.idEcho ${status}: ${pointers.join(' or ')} carries the requested ${ctx.contract.x.idParameter}`;
  },
  appliesTo: (ctx) =>
    ctx.scenario !== 'wrongMethod' &&
    !!ctx.exchange.response &&
    !!ctx.contract.x.idEcho[String(ctx.exchange.response.status)],
  run: (ctx) => {
    const response = ctx.exchange.response;
    if (!response) return NO_RESPONSE;
    const pointers = ctx.contract.x.idEcho[String(response.status)] ?? [];
    const parsed = parseBody(response);
    if (!parsed.ok) return { kind: 'skipped', reason: 'the body is not JSON (see bodyIsJson)' };
    const found = pointers
      .map((pointer) => ({ pointer, value: resolvePointer(parsed.value, pointer) }))
      .find((hit) => hit.value !== undefined);
    if (!found)
      return { kind: 'skipped', reason: `the body has no ${pointers.join(' or ')} (see the schema checks)` };
    if (sameId(found.value, ctx.requestedId)) return { kind: 'passed' };
    return {
      kind: 'failed',
      failure: {
        title: 'Wrong user returned',
        expected: `${found.pointer} = ${JSON.stringify(ctx.requestedId)} (the requested id)`,
        received: `${found.pointer} = ${excerpt(found.value)}`,
      },
    };
  },
};
