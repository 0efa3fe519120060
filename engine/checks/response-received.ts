import { defineCheck, fail, pass } from './define-check';

const CAUSES = {
  timeout: 'No response before the timeout',
  connection: 'Connection failed',
  tls: 'TLS handshake failed',
  'body-too-large': 'Body too large',
  other: 'Request failed',
} as const;

/** The target answered at all: no timeout, refused or reset connection, failed TLS, endless body. */
export const responseReceived = defineCheck({
  name: 'responseReceived',
  description: 'The target answers with a complete HTTP response within REQUEST_TIMEOUT_MS',
  // A target that drops the undocumented wrong-method probe is odd, not non-conformant.
  severity: (ctx) => (ctx.scenario === 'wrongMethod' ? ctx.rule.severity : 'must'),
  clause: 'Every documented operation returns an HTTP response',
  needs: 'exchange',
  judgesProbe: true,
  assert: ({ exchange }) => {
    const error = exchange.transportError;
    // A request not sent (rate limited) never gets here: defineCheck leaves it unjudged.
    if (!error) return pass;
    return fail({
      title: error.kind === 'body-too-large' ? 'Body exceeds the size limit' : 'No HTTP response',
      expected: `a complete HTTP response to ${exchange.request.method} ${exchange.request.url}`,
      received: `${CAUSES[error.kind]}: ${error.message}`,
      detail: { kind: 'transport', cause: error.kind },
    });
  },
});
