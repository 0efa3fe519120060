import type { Exchange, RateLimit } from '../types';
import { defineCheck, fail, pass } from './define-check';

/** "120 s", "1.5 s". */
const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** What the target asked for and what the suite therefore did, for the Received: line. */
function whatHappened(exchange: Exchange, limit: RateLimit): string {
  const cap = `REQUEST_TIMEOUT_MS (${limit.capMs} ms)`;
  if (limit.notSent) {
    return `not sent: the target had asked (${limit.status} to an earlier request) to be left alone ${seconds(limit.askedMs)} longer, more than ${cap}`;
  }
  const header = exchange.response?.headers['retry-after'];
  const asked =
    header === undefined ? `no Retry-After (${seconds(limit.askedMs)} assumed)` : `Retry-After ${header}`;
  if (!limit.repeated) {
    return `${limit.status} with ${asked}: a wait of ${seconds(limit.askedMs)}, more than ${cap}: not repeated; later requests to this target were not sent until then`;
  }
  return `${exchange.response?.status ?? limit.status} with ${asked} again, after waiting ${limit.waitedMs} ms as asked and repeating once`;
}

/**
 * A 429 (or a 503 with Retry-After) is the target asking to be called later: the suite waits as asked
 * (up to REQUEST_TIMEOUT_MS) and repeats the request once, and holds every later request to the target
 * until then. Still refused, or not sent, the scenario is not judged: a warning, never a failure.
 */
export const notRateLimited = defineCheck({
  name: 'notRateLimited',
  description: 'The target answers within its rate limit (429/Retry-After honoured, one repeat)',
  severity: 'should',
  clause:
    'RFC 6585 §4 (429 Too Many Requests) and RFC 9110 §10.2.3 (Retry-After): the client waits and repeats',
  needs: 'exchange',
  judgesProbe: true,
  judgesRateLimit: true,
  appliesTo: (ctx) => ctx.exchange.rateLimit !== undefined,
  assert: ({ exchange }) => {
    const limit = exchange.rateLimit;
    if (!limit?.persisted) return pass;
    return fail({
      title: 'Rate limited',
      expected: `an answer within the rate limit (the suite waits as Retry-After asks, up to REQUEST_TIMEOUT_MS (${limit.capMs} ms), and repeats once)`,
      received: `${whatHappened(exchange, limit)}: the scenario could not be judged`,
      detail: { kind: 'rate-limited', status: limit.status },
    });
  },
});
