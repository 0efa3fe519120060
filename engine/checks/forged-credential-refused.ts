import { bodyExcerpt, defineCheck, fail, isSuccess, pass } from './define-check';

/** A forged credential is not served (OWASP API2:2023 Broken Authentication). */
export const forgedCredentialRefused = defineCheck({
  name: 'forgedCredentialRefused',
  description: 'A forged credential (a near miss of the real key) is refused',
  severity: (ctx) => ctx.forgedProbe?.severity ?? 'must',
  clause: 'OWASP API2:2023 Broken Authentication: the server must verify the whole credential',
  needs: 'response',
  appliesTo: (ctx) => ctx.forgedProbe !== undefined,
  assert: ({ response, forgedProbe }) =>
    isSuccess(response.status)
      ? fail({
          title: forgedProbe?.title ?? 'Forged credential accepted',
          expected: `401 or 403 for ${forgedProbe?.description}`,
          received: `${response.status} with body ${bodyExcerpt(response.bodyText)}`,
          detail: { kind: 'served', received: response.status },
        })
      : pass,
});
