import { resolvePointer } from '../json-text';
import { excerpt } from '../violations';
import { defineCheck, fail, pass, skip } from './define-check';

/** Where the doc's error message embeds the requested id ("User not found: <id>"), it is the requested one. */
export const messageNamesRequestedId = defineCheck({
  name: 'messageNamesRequestedId',
  description: 'An error message that embeds the id names the requested id',
  severity: 'should',
  clause: ({ contract, exchange }) => {
    const status = exchange.response?.status ?? 404;
    return `x-conformance.idInMessage ${status}: ${(contract.idInMessage.get(status) ?? []).join(' or ')} embeds the requested ${contract.idParameter}`;
  },
  needs: 'json',
  appliesTo: (ctx) => !!ctx.exchange.response && ctx.contract.idInMessage.has(ctx.exchange.response.status),
  assert: ({ contract, response, body, requestedId }) => {
    const pointers = contract.idInMessage.get(response.status) ?? [];
    const found = pointers
      .map((pointer) => ({ pointer, value: resolvePointer(body, pointer) }))
      .find((hit) => typeof hit.value === 'string');
    if (!found) return skip(`the body has no message at ${pointers.join(' or ')}`);
    // Case-insensitively: servers normalise ids (UUIDs) before echoing them in prose.
    if (String(found.value).toLowerCase().includes(requestedId.toLowerCase())) return pass;
    return fail({
      title: 'Message names another id',
      expected: `${found.pointer} to contain ${JSON.stringify(requestedId)} (the requested id)`,
      received: `${found.pointer} = ${excerpt(found.value)}`,
      detail: { kind: 'id', pointer: found.pointer, received: found.value, requested: requestedId },
    });
  },
});
