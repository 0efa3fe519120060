import { mediaEssence } from '../json-text';
import {
  type CheckContext,
  defineCheck,
  fail,
  mustWhereStatusDocumented,
  pass,
  responseClause,
  responseFor,
  skip,
} from './define-check';

/** Media types for a status: its own, the default response's, else every type the contract uses. */
function documentedMediaTypes(ctx: CheckContext, status: number): string[] {
  const found = responseFor(ctx, status);
  if (found) return [...found.response.content.keys()];
  return [...new Set([...ctx.contract.responses.values()].flatMap((r) => [...r.content.keys()]))];
}

/**
 * The Content-Type is a documented media type; parameters such as charset and letter case do not
 * matter. A must only where the doc states it: a doc that only shows JSON samples leaves it a should.
 */
export const mediaTypeConformance = defineCheck({
  name: 'mediaTypeConformance',
  description: 'The Content-Type is the documented media type (charset and case ignored)',
  severity: (ctx) => (ctx.contract.responseMediaTypeStated ? mustWhereStatusDocumented(ctx) : 'should'),
  clause: (ctx) =>
    ctx.contract.responseMediaTypeStated
      ? responseClause(ctx)
      : `${responseClause(ctx)} (the doc states no Content-Type; application/json is JSON's registered media type, RFC 8259 §11)`,
  needs: 'response',
  assert: (ctx) => {
    const { response } = ctx;
    const types = documentedMediaTypes(ctx, response.status);
    if (types.length === 0) return skip(`the contract documents no body for status ${response.status}`);
    const header = response.headers['content-type'];
    const received = mediaEssence(header);
    if (received && types.includes(received)) return pass;
    return fail({
      title: 'Undocumented media type',
      expected: `Content-Type ${types.join(' or ')}`,
      received: header === undefined ? 'no Content-Type header' : `Content-Type ${header}`,
      detail: { kind: 'media-type', received: received ?? null, documented: types },
    });
  },
});
