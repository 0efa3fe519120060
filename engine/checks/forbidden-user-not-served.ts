import { bodyExcerpt, defineCheck, fail, isSuccess, pass } from './define-check';

/** A user the key may not read is not served (OWASP API1, broken object-level authorization). */
export const forbiddenUserNotServed = defineCheck({
  name: 'forbiddenUserNotServed',
  description: 'A user the key may not read is not served (broken object-level authorization)',
  severity: 'must',
  clause: (ctx) => ctx.rule.clause,
  needs: 'response',
  appliesTo: (ctx) => ctx.scenario === 'forbiddenUser',
  assert: ({ response, requestedId }) =>
    isSuccess(response.status)
      ? fail({
          title: 'Forbidden user served',
          expected: `403 or 404 for user ${JSON.stringify(requestedId)}, which the key may not read`,
          received: `${response.status} with body ${bodyExcerpt(response.bodyText)}`,
          detail: { kind: 'served', received: response.status },
        })
      : pass,
});
