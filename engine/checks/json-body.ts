import { bodyExcerpt, type CheckDefinition, NO_RESPONSE, parseBody } from './context';

/** The body parses as JSON. */
export const bodyIsJson: CheckDefinition = {
  name: 'bodyIsJson',
  description: 'The body parses as JSON',
  severity: (ctx) =>
    ctx.exchange.response && ctx.contract.responses.has(ctx.exchange.response.status) ? 'must' : 'should',
  clause: (ctx) => {
    const status = ctx.exchange.response?.status;
    const response = status === undefined ? undefined : ctx.contract.responses.get(status);
    return response ? `Response ${status}: ${response.description}` : 'Every response the doc shows is JSON';
  },
  appliesTo: (ctx) => ctx.scenario !== 'wrongMethod',
  run: (ctx) => {
    const response = ctx.exchange.response;
    if (!response) return NO_RESPONSE;
    const documented = ctx.contract.responses.get(response.status);
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
