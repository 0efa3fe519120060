import type { CheckDefinition } from './context';

/** The target answered at all: no timeout, refused or reset connection. */
export const responseReceived: CheckDefinition = {
  name: 'responseReceived',
  description: 'The target answers with an HTTP response within REQUEST_TIMEOUT_MS',
  // A target that drops the undocumented wrong-method probe is odd, not non-conformant.
  severity: (ctx) => (ctx.scenario === 'wrongMethod' ? ctx.rule.severity : 'must'),
  clause: () => 'Every documented operation returns an HTTP response',
  appliesTo: () => true,
  run: (ctx) => {
    const error = ctx.exchange.transportError;
    if (!error) return { kind: 'passed' };
    const cause = {
      timeout: 'No response before the timeout',
      connection: 'Connection failed',
      other: 'Request failed',
    }[error.kind];
    return {
      kind: 'failed',
      failure: {
        title: 'No HTTP response',
        expected: `an HTTP response to ${ctx.exchange.request.method} ${ctx.exchange.request.url}`,
        received: `${cause}: ${error.message}`,
      },
    };
  },
};
