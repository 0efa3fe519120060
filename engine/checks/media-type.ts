import { type CheckDefinition, mediaEssence, NO_RESPONSE } from './context';

function documentedMediaTypes(
  ctx: Parameters<CheckDefinition['run']>[0],
  status: number,
): { types: string[]; documented: boolean } {
  const response = ctx.contract.responses.get(status);
  if (response) return { types: [...response.content.keys()], documented: true };
  const all = new Set([...ctx.contract.responses.values()].flatMap((r) => [...r.content.keys()]));
  return { types: [...all], documented: false };
}

/** The Content-Type is a documented media type; parameters such as charset and letter case do not matter. */
export const mediaTypeConformance: CheckDefinition = {
  name: 'mediaTypeConformance',
  description: 'The Content-Type is the documented media type (charset and case ignored)',
  severity: (ctx) =>
    ctx.exchange.response && ctx.contract.responses.has(ctx.exchange.response.status) ? 'must' : 'should',
  clause: (ctx) => {
    const status = ctx.exchange.response?.status;
    const response = status === undefined ? undefined : ctx.contract.responses.get(status);
    return response
      ? `Response ${status}: ${response.description}`
      : `Status ${status ?? '—'} is not documented; the media types the doc uses elsewhere are expected`;
  },
  appliesTo: (ctx) => ctx.scenario !== 'wrongMethod',
  run: (ctx) => {
    const response = ctx.exchange.response;
    if (!response) return NO_RESPONSE;
    const { types } = documentedMediaTypes(ctx, response.status);
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
