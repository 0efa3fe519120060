import { findSensitiveFields } from '../detect/sensitive-fields';
import { defineCheck, fail, isSuccess, pass } from './define-check';
import { securitySeverity } from './security-severity';

/** A user record exposes no secret the doc does not list (the path is reported, never the value). */
export const noUndocumentedSensitiveFields = defineCheck({
  name: 'noUndocumentedSensitiveFields',
  description: 'A success body exposes no undocumented secret (password, token, api_key, ssn, card…)',
  severity: securitySeverity,
  clause: 'OWASP API3:2023 Broken Object Property Level Authorization (excessive data exposure)',
  needs: 'json',
  appliesTo: (ctx) => isSuccess(ctx.exchange.response?.status ?? 0),
  assert: ({ body, contract }) => {
    const fields = findSensitiveFields(body, contract.documentedPaths);
    if (fields.length === 0) return pass;
    return fail({
      title: 'Undocumented sensitive field exposed',
      expected: 'no field holding a secret beyond what the doc lists',
      received: `${fields.map((f) => f.instancePath).join(', ')} (values withheld)`,
      detail: { kind: 'sensitive-fields', paths: fields.map((f) => f.instancePath) },
    });
  },
});
