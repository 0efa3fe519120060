import {
  bodyExcerpt,
  defineCheck,
  fail,
  mustWhereStatusDocumented,
  pass,
  responseClause,
  responseFor,
  skip,
} from './define-check';

/** The body parses as JSON. */
export const bodyIsJson = defineCheck({
  name: 'bodyIsJson',
  description: 'The body parses as JSON',
  severity: mustWhereStatusDocumented,
  clause: responseClause,
  needs: 'response',
  assert: (ctx) => {
    const { response } = ctx;
    if (responseFor(ctx, response.status)?.response.content.size === 0) {
      return skip(`the contract documents no body for status ${response.status}`);
    }
    const { parsed } = ctx;
    if (parsed.ok) return pass;
    return fail({
      title: 'Body is not JSON',
      expected: 'a JSON document',
      received: `${bodyExcerpt(response.bodyText)} — ${parsed.error}`,
      detail: { kind: 'json', error: parsed.error },
    });
  },
});
