import { findInternalLeaks } from '../detect/internal-leak';
import { defineCheck, fail, isSuccess, pass } from './define-check';
import { securitySeverity } from './security-severity';

/** An error body tells the client what went wrong, not how the server is built. */
export const noInternalDetailsLeaked = defineCheck({
  name: 'noInternalDetailsLeaked',
  description: 'An error body leaks no stack trace, SQL, server path or debug page',
  severity: securitySeverity,
  clause:
    'OWASP API8:2023 Security Misconfiguration: error messages must not include stack traces or other sensitive information',
  needs: 'response',
  judgesProbe: true,
  appliesTo: (ctx) => !isSuccess(ctx.exchange.response?.status ?? 200),
  assert: ({ response }) => {
    const leaks = findInternalLeaks(response.bodyText);
    if (leaks.length === 0) return pass;
    return fail({
      title: 'Error body leaks internals',
      expected: 'an error body without stack traces, SQL, file paths or debug pages',
      received: leaks.map((leak) => `${leak.kind}: ${leak.evidence}`).join('\n'),
      detail: { kind: 'leak', kinds: leaks.map((leak) => leak.kind) },
    });
  },
});
