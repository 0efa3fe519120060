import { resolvePointer } from '../json-text';
import { excerpt } from '../violations';
import { defineCheck, fail, isSuccess, pass, skip } from './define-check';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are compared exactly, except UUIDs, whose hex digits are case-insensitive (RFC 9562 §4). */
export function sameId(received: unknown, requested: string): boolean {
  if (typeof received !== 'string' && typeof received !== 'number') return false;
  const text = String(received);
  return UUID.test(text) && UUID.test(requested)
    ? text.toLowerCase() === requested.toLowerCase()
    : text === requested;
}

/**
 * The returned user (or the error's id field) is the requested one. The pointers of a status are
 * alternative names of one documented field (delos: /item/uuid in its field table, /item/userId in its
 * response sample), so the id is right when ANY present pointer carries it; it is wrong when at least
 * one is present and none does. With none present the schema checks report the missing field.
 */
export const returnsRequestedUser = defineCheck({
  name: 'returnsRequestedUser',
  description: 'The id in the body is the requested id (the right user is returned)',
  // The user a success returns is the payload; an id echoed in an error body is diagnostic only.
  severity: ({ exchange }) => (isSuccess(exchange.response?.status ?? 200) ? 'must' : 'should'),
  clause: ({ contract, exchange }) => {
    const status = exchange.response?.status ?? 200;
    const pointers = contract.idEcho.get(status) ?? [];
    return `x-conformance.idEcho ${status}: ${pointers.join(' or ')} carries the requested ${contract.idParameter}`;
  },
  needs: 'json',
  appliesTo: (ctx) => !!ctx.exchange.response && ctx.contract.idEcho.has(ctx.exchange.response.status),
  assert: ({ contract, response, body, requestedId }) => {
    const pointers = contract.idEcho.get(response.status) ?? [];
    const present = pointers
      .map((pointer) => ({ pointer, value: resolvePointer(body, pointer) }))
      .filter((hit) => hit.value !== undefined);
    const [only] = present;
    if (!only) return skip(`the body has no ${pointers.join(' or ')} (see the schema checks)`);
    if (present.some((hit) => sameId(hit.value, requestedId))) return pass;
    const where = present.map((hit) => hit.pointer);
    return fail({
      title: 'Wrong user returned',
      expected: `${where.join(' or ')} = ${JSON.stringify(requestedId)} (the requested id)`,
      received: present.map((hit) => `${hit.pointer} = ${excerpt(hit.value)}`).join(', '),
      detail: {
        kind: 'id',
        pointer: where.join(' and '),
        received:
          present.length === 1
            ? only.value
            : Object.fromEntries(present.map((hit) => [hit.pointer, hit.value])),
        requested: requestedId,
      },
    });
  },
});
