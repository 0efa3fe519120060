import {
  type CheckContext,
  type CheckDefinition,
  mediaEssence,
  mustWhereStatusDocumented,
  NO_RESPONSE,
  responseClause,
  responseFor,
} from './context';

/** Media types for a status: its own, the default response's, else every type the contract uses. */
function documentedMediaTypes(ctx: CheckContext, status: number): string[] {
  const found = responseFor(ctx, status);
  if (found) return [...found.response.content.keys()];
  return [...new Set([...ctx.contract.responses.values()].flatMap((r) => [...r.content.keys()]))];
}

/** The Content-Type is a documented media type; parameters such as charset and letter case do not matter. */
export const mediaTypeConformance: CheckDefinition = {
  name: 'mediaTypeConformance',
  description: 'The Content-Type is the documented media type (charset and case ignored)',
  severity: mustWhereStatusDocumented,
  clause: responseClause,
  appliesTo: (ctx) => ctx.scenario !== 'wrongMethod',
  run: (ctx) => {
    const response = ctx.exchange.response;
    if (!response) return NO_RESPONSE;
    const types = documentedMediaTypes(ctx, response.status);
    if (types.length === 0)
      return { kind: 'skipped', reason: `the contract documents no body for status ${response.status}` };
    const received = mediaEssence(response.headers['content-type']);
    if (received && types.includes(received)) return { kind: 'passed' };
    return {
      kind: 'failed',
      failure: {
        title: 'Undocumented media type',
        expected: `Content-Type ${types.join(' or ')}`,
        received:
          response.headers['content-type'] === undefined
            ? 'no Content-Type header'
            : `Content-Type ${response.headers['content-type']}`,
      },
    };
  },
};
