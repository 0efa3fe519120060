import { defineCheck, fail, pass } from './define-check';

/** Where the doc shows several credential forms, the first (normative) one is accepted. */
export const documentedCredentialFormAccepted = defineCheck({
  name: 'documentedCredentialFormAccepted',
  description: 'The first documented credential form is accepted (the doc shows several)',
  severity: 'should',
  clause: ({ contract }) =>
    `x-conformance.credentialForms: ${(contract.credential?.forms ?? []).map((f) => JSON.stringify(f)).join(', ')}`,
  needs: 'exchange',
  appliesTo: (ctx) =>
    (ctx.contract.credential?.forms.length ?? 0) > 1 && ctx.credentialFormIndex !== undefined,
  assert: ({ contract, credentialFormIndex = 0 }) => {
    if (credentialFormIndex === 0) return pass;
    const forms = contract.credential?.forms ?? [];
    const documented = forms[0] ?? '';
    const accepted = forms[credentialFormIndex] ?? '';
    return fail({
      title: 'Only an alternative credential form is accepted',
      expected: `${contract.credential?.header}: ${documented} accepted`,
      received: `refused ${documented}; accepted ${accepted}`,
      detail: { kind: 'credential-form', accepted, documented },
    });
  },
});
