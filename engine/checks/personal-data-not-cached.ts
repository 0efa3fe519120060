import { defineCheck, fail, isSuccess, pass } from './define-check';
import { securitySeverity } from './security-severity';

/** A user record is personal data: shared caches must not keep it. */
export const personalDataNotCached = defineCheck({
  name: 'personalDataNotCached',
  description: 'A user record is marked Cache-Control: no-store or private',
  severity: securitySeverity,
  clause:
    'RFC 9111 §5.2.2.5 (no-store) and §5.2.2.7 (private); OWASP API8:2023 Security Misconfiguration: responses with personal data are not cacheable by shared caches',
  needs: 'response',
  appliesTo: (ctx) => ctx.scenario === 'existingUser' && isSuccess(ctx.exchange.response?.status ?? 0),
  assert: ({ response }) => {
    const header = response.headers['cache-control'];
    const directives = (header ?? '')
      .toLowerCase()
      .split(',')
      .map((d) => d.trim().split('=')[0]);
    if (directives.includes('no-store') || directives.includes('private')) return pass;
    return fail({
      title: 'Personal data cacheable by shared caches',
      expected: 'Cache-Control with no-store or private',
      received: header === undefined ? 'no Cache-Control header' : `Cache-Control: ${header}`,
      detail: { kind: 'header', name: 'cache-control', received: header ?? null },
    });
  },
});
