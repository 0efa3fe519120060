import { defineCheck, fail, pass } from './define-check';
import { securitySeverity } from './security-severity';

/** A Location never sends the client (and its credential) to another origin. */
export const noCrossOriginRedirect = defineCheck({
  name: 'noCrossOriginRedirect',
  description: 'A Location header stays on the target origin',
  severity: securitySeverity,
  clause:
    'RFC 9110 §10.2.2 (Location) and §17.16 (redirects leak credentials); OWASP API10:2023 Unsafe Consumption of APIs',
  needs: 'response',
  judgesProbe: true,
  appliesTo: (ctx) => ctx.exchange.response?.headers.location !== undefined,
  assert: ({ response, exchange }) => {
    const location = response.headers.location ?? '';
    const from = new URL(exchange.request.url).origin;
    let to: string;
    try {
      to = new URL(location, exchange.request.url).origin;
    } catch {
      to = 'an unparsable URL';
    }
    if (to === from) return pass;
    return fail({
      title: 'Redirect to another origin',
      expected: `a Location on ${from}`,
      received: `Location: ${location}`,
      detail: { kind: 'header', name: 'location', received: location },
    });
  },
});
