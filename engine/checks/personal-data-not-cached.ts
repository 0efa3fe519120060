import { defineCheck, fail, isSuccess, pass } from './define-check';
import { securitySeverity } from './security-severity';

/** Directives that let a shared cache store an answer to a request carrying Authorization (RFC 9111 §3.5). */
const STORABLE_DESPITE_AUTHORIZATION = ['public', 's-maxage', 'must-revalidate'];

/** A user record is personal data: shared caches must not keep it. */
export const personalDataNotCached = defineCheck({
  name: 'personalDataNotCached',
  description: 'A user record is not storable by shared caches',
  severity: securitySeverity,
  clause:
    'RFC 9111 §3.5, §5.2.2.5 (no-store), §5.2.2.7 (private); OWASP API8:2023 Security Misconfiguration: responses with personal data are not kept by shared caches',
  needs: 'response',
  appliesTo: (ctx) => ctx.scenario === 'existingUser' && isSuccess(ctx.exchange.response?.status ?? 0),
  assert: ({ response, contract }) => {
    const header = response.headers['cache-control'];
    const directives = (header ?? '')
      .toLowerCase()
      .split(',')
      .map((d) => d.trim().split('=')[0] ?? '');
    if (directives.includes('no-store') || directives.includes('private')) return pass;
    // A shared cache does not store an answer to an authenticated request unless told it may.
    const authorized = contract.credential?.header.toLowerCase() === 'authorization';
    if (authorized && !directives.some((d) => STORABLE_DESPITE_AUTHORIZATION.includes(d))) return pass;
    return fail({
      title: 'Personal data cacheable by shared caches',
      expected: authorized
        ? 'no public, s-maxage or must-revalidate without private or no-store'
        : 'Cache-Control with no-store or private',
      received: header === undefined ? 'no Cache-Control header' : `Cache-Control: ${header}`,
      detail: { kind: 'header', name: 'cache-control', received: header ?? null },
    });
  },
});
