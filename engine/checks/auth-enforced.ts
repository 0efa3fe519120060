import type { LoadedContract } from '../contract-loader';
import { resolvePointer } from '../json-text';
import { bodyExcerpt, defineCheck, fail, isSuccess, pass } from './define-check';
import { sameId } from './returns-requested-user';

const CREDENTIAL_SCENARIOS = new Set(['missingCredentials', 'invalidCredentials']);

/** Whether a body is the user record: the requested id where the contract's 200 echoes it. */
function holdsUser(contract: LoadedContract, body: unknown, id: string): boolean {
  return (contract.idEcho.get(200) ?? []).some((pointer) => sameId(resolvePointer(body, pointer), id));
}

/**
 * Missing or invalid credentials are refused with 401/403, never served. The wrong-method probe of a
 * secured contract goes without credentials (a TRACE): whatever its status, it must not serve the user.
 */
export const authEnforced = defineCheck({
  name: 'authEnforced',
  description: 'Missing or invalid credentials are refused (401/403), never served',
  severity: 'must',
  clause: ({ contract }) =>
    contract.credential
      ? `Security scheme ${contract.credential.schemeName} (${contract.credential.header}): ${contract.credential.description}`
      : 'The contract documents no authentication',
  needs: 'response',
  judgesProbe: true,
  appliesTo: ({ scenario, contract }) =>
    CREDENTIAL_SCENARIOS.has(scenario) ||
    (scenario === 'wrongMethod' && contract.credential !== null && !contract.probeSendsCredential),
  assert: ({ response, scenario, contract, parsed, exchange, requestedId }) => {
    if (scenario === 'wrongMethod') {
      // Its status is the status check's: only the user record itself, served, is this check's.
      if (!isSuccess(response.status) || !parsed.ok || !holdsUser(contract, parsed.value, requestedId))
        return pass;
      return fail({
        title: 'Authentication not enforced',
        expected: `the user not served to ${exchange.request.method} without ${contract.credential?.header ?? 'credentials'}`,
        received: `${response.status} with body ${bodyExcerpt(response.bodyText)}`,
        detail: { kind: 'served', received: response.status },
      });
    }
    if (response.status === 401 || response.status === 403) return pass;
    const what =
      scenario === 'missingCredentials'
        ? `without ${contract.credential?.header ?? 'credentials'}`
        : 'with an invalid key';
    const expected = `401 or 403 for a request ${what}`;
    if (isSuccess(response.status)) {
      return fail({
        title: 'Authentication not enforced',
        expected,
        received: `${response.status} with body ${bodyExcerpt(response.bodyText)}`,
        detail: { kind: 'served', received: response.status },
      });
    }
    return fail(
      {
        title: 'Credentials refused without 401/403',
        expected,
        received: `${response.status}`,
        detail: { kind: 'status', received: response.status, documented: [401, 403] },
      },
      'should',
    );
  },
});
