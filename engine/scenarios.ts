/** Turns a contract and a target into the requests of each scenario. Nothing here names a contract. */
import { inCredentialForm, type LoadedContract } from './contract-loader';
import { forgedKeys } from './forged-credentials';
import type { Target } from './target';
import type { OutgoingRequest } from './transport';
import type { ScenarioName, ScenarioRule } from './types';

/** An obviously wrong key; the real one never appears in a record. */
export const INVALID_KEY = 'conformance-suite-invalid-key-0000';

export interface ScenarioPlan {
  scenario: ScenarioName;
  rule: ScenarioRule;
  method: string;
  requestedId: string;
  credential: 'valid' | 'invalid' | 'none' | 'forged';
}

export type PlanResult = { plan: ScenarioPlan } | { skipReason: string };

export function planScenario(contract: LoadedContract, target: Target, scenario: ScenarioName): PlanResult {
  // Forged keys must be refused as an invalid key is: the same documented rule.
  const rule = contract.scenarios[scenario === 'forgedCredentials' ? 'invalidCredentials' : scenario];
  const secured = contract.credential !== null;
  if (
    !secured &&
    (scenario === 'missingCredentials' ||
      scenario === 'invalidCredentials' ||
      scenario === 'forgedCredentials')
  ) {
    return { skipReason: 'the contract documents no authentication' };
  }
  if (!rule)
    return { skipReason: `the contract has no rule for ${scenario} (the doc documents nothing to check)` };
  const credential = secured ? 'valid' : 'none';
  switch (scenario) {
    case 'existingUser':
      return { plan: { scenario, rule, method: contract.method, requestedId: target.userId, credential } };
    case 'unknownUser':
      return {
        plan: { scenario, rule, method: contract.method, requestedId: target.unknownUserId, credential },
      };
    case 'missingCredentials':
      return {
        plan: { scenario, rule, method: contract.method, requestedId: target.userId, credential: 'none' },
      };
    case 'invalidCredentials':
      return {
        plan: { scenario, rule, method: contract.method, requestedId: target.userId, credential: 'invalid' },
      };
    case 'forbiddenUser':
      if (!target.forbiddenUserId)
        return { skipReason: 'FORBIDDEN_USER_ID not set (an existing user the key may not read)' };
      return {
        plan: { scenario, rule, method: contract.method, requestedId: target.forbiddenUserId, credential },
      };
    case 'malformedId':
      if (target.malformedUserId === null) {
        return { skipReason: 'the contract does not constrain ids and MALFORMED_USER_ID is not set' };
      }
      return {
        plan: { scenario, rule, method: contract.method, requestedId: target.malformedUserId, credential },
      };
    case 'forgedCredentials':
      if (!target.apiKey) return { skipReason: 'no API key to forge from' };
      return {
        plan: { scenario, rule, method: contract.method, requestedId: target.userId, credential: 'forged' },
      };
    case 'wrongMethod':
      return {
        plan: {
          scenario,
          rule,
          method: contract.probeMethod,
          requestedId: target.userId,
          credential: contract.probeSendsCredential ? credential : 'none',
        },
      };
  }
}

const BODYLESS = new Set(['GET', 'HEAD', 'TRACE', 'OPTIONS', 'DELETE']);

/** The request of a plan; `formIndex` picks the credential form when the doc shows several. */
export function buildRequest(
  contract: LoadedContract,
  target: Target,
  plan: ScenarioPlan,
  formIndex = 0,
): OutgoingRequest {
  const path = contract.path.replace(`{${contract.idParameter}}`, encodeURIComponent(plan.requestedId));
  const headers: Record<string, string> = { ...contract.requestHeaders };
  const credential = contract.credential;
  if (credential && (plan.credential === 'valid' || plan.credential === 'invalid')) {
    const key = plan.credential === 'valid' ? (target.apiKey ?? '') : INVALID_KEY;
    const form = credential.forms[plan.credential === 'valid' ? formIndex : 0] ?? '{key}';
    headers[credential.header] = inCredentialForm(form, key);
  }
  const withBody = plan.method === contract.method && !BODYLESS.has(plan.method) && contract.requestBody;
  if (withBody) {
    const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
    if (!hasContentType) headers['Content-Type'] = withBody.contentType;
  }
  return {
    method: plan.method,
    url: `${target.baseUrl}${path}`,
    headers,
    ...(withBody ? { body: withBody.text } : {}),
  };
}

/**
 * Every credential value a run may send: the key and its forged near misses, alone and in each header
 * form (a form's base64 differs from the key's). What redaction hides.
 */
export function credentialSecrets(key: string | undefined, forms: readonly string[] = []): string[] {
  if (!key) return [];
  const keys = [key, ...forgedKeys(key)];
  const allForms = [...new Set([...forms, 'Bearer {key}', 'Basic {key}'])];
  return [...keys, ...keys.flatMap((k) => allForms.map((form) => inCredentialForm(form, k)))];
}
