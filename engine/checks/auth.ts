import { bodyExcerpt, type CheckContext, type CheckDefinition, isSuccess, NO_RESPONSE } from './context';

const schemeClause = (ctx: CheckContext): string => {
  const credential = ctx.contract.credential;
  if (!credential) return 'The contract documents no authentication';
  const scheme = ctx.contract.document.components?.securitySchemes?.[credential.schemeName] as
    | { description?: string }
    | undefined;
  return `Security scheme ${credential.schemeName} (${credential.header}): ${scheme?.description ?? 'credential required'}`;
};

/** Missing or invalid credentials are refused with 401/403, never served. */
export const authEnforced: CheckDefinition = {
  name: 'authEnforced',
  description: 'Missing or invalid credentials are refused (401/403), never served',
  severity: () => 'must',
  clause: schemeClause,
  appliesTo: (ctx) => ctx.scenario === 'missingCredentials' || ctx.scenario === 'invalidCredentials',
  run: (ctx) => {
    const response = ctx.exchange.response;
    if (!response) return NO_RESPONSE;
    if (response.status === 401 || response.status === 403) return { kind: 'passed' };
    const what =
      ctx.scenario === 'missingCredentials'
        ? `without ${ctx.contract.credential?.header ?? 'credentials'}`
        : 'with an invalid key';
    if (isSuccess(response.status)) {
      return {
        kind: 'failed',
        failure: {
          title: 'Authentication not enforced',
          expected: `401 or 403 for a request ${what}`,
          received: `${response.status} with body ${bodyExcerpt(response.bodyText)}`,
        },
      };
    }
    return {
      kind: 'failed',
      severity: 'should',
      failure: {
        title: 'Credentials refused without 401/403',
        expected: `401 or 403 for a request ${what}`,
        received: `${response.status}`,
      },
    };
  },
};

/** A user the key may not read is not served (403/404, never 2xx with the body). */
export const forbiddenUserNotServed: CheckDefinition = {
  name: 'forbiddenUserNotServed',
  description: 'A user the key may not read is not served (broken object-level authorization)',
  severity: () => 'must',
  clause: (ctx) => ctx.rule.clause,
  appliesTo: (ctx) => ctx.scenario === 'forbiddenUser',
  run: (ctx) => {
    const response = ctx.exchange.response;
    if (!response) return NO_RESPONSE;
    if (!isSuccess(response.status)) return { kind: 'passed' };
    return {
      kind: 'failed',
      failure: {
        title: 'Forbidden user served',
        expected: `403 or 404 for user ${JSON.stringify(ctx.requestedId)}, which the key may not read`,
        received: `${response.status} with body ${bodyExcerpt(response.bodyText)}`,
      },
    };
  },
};

/** Where the doc shows several credential forms, the first (normative) one is accepted. */
export const documentedCredentialFormAccepted: CheckDefinition = {
  name: 'documentedCredentialFormAccepted',
  description: 'The first documented credential form is accepted (the doc shows several)',
  severity: () => 'should',
  clause: (ctx) =>
    `x-conformance.credentialForms: ${(ctx.contract.credential?.forms ?? []).map((f) => JSON.stringify(f)).join(', ')}`,
  appliesTo: (ctx) =>
    (ctx.contract.credential?.forms.length ?? 0) > 1 && ctx.credentialFormIndex !== undefined,
  run: (ctx) => {
    if (ctx.credentialFormIndex === 0) return { kind: 'passed' };
    const forms = ctx.contract.credential?.forms ?? [];
    return {
      kind: 'failed',
      failure: {
        title: 'Only an alternative credential form is accepted',
        expected: `${ctx.contract.credential?.header}: ${forms[0]} accepted`,
        received: `401 for ${forms[0]}; accepted ${forms[ctx.credentialFormIndex ?? 0]}`,
      },
    };
  },
};
