import {
  bodyExcerpt,
  type CheckDefinition,
  mustWhereStatusDocumented,
  NO_RESPONSE,
  parseBody,
  responseClause,
  responseFor,
} from './context';

/** The body parses as JSON. */
export const bodyIsJson: CheckDefinition = {
  name: 'bodyIsJson',
  description: 'The body parses as JSON',
  severity: mustWhereStatusDocumented,
  clause: responseClause,
  appliesTo: (ctx) => ctx.scenario !== 'wrongMethod',
  run: (ctx) => {
    const response = ctx.exchange.response;
    if (!response) return NO_RESPONSE;
    const documented = responseFor(ctx, response.status)?.response;
    if (documented && documented.content.size === 0) {
      return { kind: 'skipped', reason: `the contract documents no body for status ${response.status}` };
    }
    const parsed = parseBody(response);
    if (parsed.ok) return { kind: 'passed' };
    return {
      kind: 'failed',
      failure: {
        title: 'Body is not JSON',
        expected: 'a JSON document',
        received: `${bodyExcerpt(response.bodyText)} — ${parsed.error}`,
      },
    };
  },
};
