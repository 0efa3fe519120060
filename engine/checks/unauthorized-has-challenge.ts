import { defineCheck, fail, pass } from './define-check';
import { securitySeverity } from './security-severity';

/** A 401 says how to authenticate (RFC 9110 §11.6.1, §15.5.2). */
export const unauthorizedHasChallenge = defineCheck({
  name: 'unauthorizedHasChallenge',
  description: 'A 401 carries a WWW-Authenticate challenge',
  severity: securitySeverity,
  clause: 'RFC 9110 §15.5.2: a server generating a 401 MUST send a WWW-Authenticate header field (§11.6.1)',
  needs: 'response',
  judgesProbe: true,
  appliesTo: (ctx) => ctx.exchange.response?.status === 401,
  assert: ({ response }) =>
    response.headers['www-authenticate']?.trim()
      ? pass
      : fail({
          title: '401 without WWW-Authenticate',
          expected: 'a WWW-Authenticate header naming the scheme, e.g. Bearer realm="api"',
          received: 'no WWW-Authenticate header',
          detail: { kind: 'header', name: 'www-authenticate', received: null },
        }),
});
