import { defineCheck, fail, pass } from './define-check';

/**
 * A 429 (or a 503 with Retry-After) is the target asking to be called later: the suite waits as asked
 * and repeats the request once. Still refused, the scenario is not judged: a warning, never a failure.
 */
export const notRateLimited = defineCheck({
  name: 'notRateLimited',
  description: 'The target answers within its rate limit (429/Retry-After honoured, one repeat)',
  severity: 'should',
  clause:
    'RFC 6585 §4 (429 Too Many Requests) and RFC 9110 §10.2.3 (Retry-After): the client waits and repeats',
  needs: 'exchange',
  judgesProbe: true,
  appliesTo: (ctx) => ctx.exchange.rateLimit !== undefined,
  assert: ({ exchange }) => {
    const limit = exchange.rateLimit;
    if (!limit?.persisted) return pass;
    return fail({
      title: 'Rate limited',
      expected: `an answer after waiting ${limit.waitedMs} ms as Retry-After asked and repeating once`,
      received: `${exchange.response?.status ?? limit.status} again: the scenario could not be judged`,
      detail: { kind: 'rate-limited', status: limit.status },
    });
  },
});
