import type { LoadedContract } from '../contract-loader';
import type { ScenarioName } from '../types';
import { type CheckContext, defineCheck, fail, isSuccess, pass } from './define-check';

/** What a QA engineer should look at first when the existing user is not served. */
const EXISTING_USER_HINTS: Record<number, string> = {
  401: ' — the target refused the credential: check API_KEY',
  403: " — the key may not read USER_ID: check USER_ID and the key's permissions",
  404: ' — the target does not know USER_ID: check USER_ID',
};

/** Whether the probe id is the contract's own guess (ids.unknown, ids.malformed), not one the user set. */
function guessedId(contract: LoadedContract, scenario: ScenarioName, id: string): boolean {
  if (scenario === 'unknownUser') return id === contract.ids.unknown;
  if (scenario === 'malformedId') return id === contract.ids.malformed;
  return false;
}

/**
 * When the unknown id gets the answer the contract documents for a malformed id, or the malformed id
 * the answer for an unknown user, the id may not be what the scenario needs for this server: the
 * setting is named, as a guess to replace or as the user's own value to check.
 */
function probeIdHint(contract: LoadedContract, scenario: ScenarioName, status: number, id: string): string {
  const answers = (name: ScenarioName) => contract.scenarios[name]?.expect ?? [];
  const guessed = guessedId(contract, scenario, id);
  if (scenario === 'unknownUser' && answers('malformedId').includes(status)) {
    return guessed
      ? ` — the answer to a malformed id: the guessed unknown id "${id}" may not be well-formed for this server; set UNKNOWN_USER_ID to a well-formed id that does not exist`
      : ` — the answer to a malformed id, for UNKNOWN_USER_ID "${id}": check that it is a well-formed id that does not exist`;
  }
  if (scenario === 'malformedId' && answers('unknownUser').includes(status)) {
    return guessed
      ? ` — the answer to an unknown user: this server may take "${id}" for a well-formed id; set MALFORMED_USER_ID to an id it rejects as malformed`
      : ` — the answer to an unknown user, for MALFORMED_USER_ID "${id}": check that the API rejects it as malformed`;
  }
  return '';
}

/**
 * A tolerated status is a warning only where the probe id is the contract's guess: an id the user set
 * (UNKNOWN_USER_ID, MALFORMED_USER_ID) is vouched for, and the documented answer to it is a must.
 */
function tolerated(
  ctx: Pick<CheckContext, 'rule' | 'contract' | 'scenario' | 'requestedId'>,
  status: number,
): boolean {
  if (!(ctx.rule.tolerate ?? []).includes(status)) return false;
  const probe = ctx.scenario === 'unknownUser' || ctx.scenario === 'malformedId';
  return !probe || guessedId(ctx.contract, ctx.scenario, ctx.requestedId);
}

/**
 * The status is one the contract documents for this scenario; never 5xx; never 2xx for a request
 * that must be refused. The wrong-method probe keeps its rule's severity (the docs never document it).
 * A title says what is wrong: a status the operation documents for another case is "unexpected", one
 * it never documents is "undocumented".
 */
export const statusCodeConformance = defineCheck({
  name: 'statusCodeConformance',
  description: 'The status code is the one the contract documents for this scenario (never 5xx)',
  severity: (ctx) => ctx.rule.severity,
  clause: (ctx) => ctx.rule.clause,
  needs: 'response',
  judgesProbe: true,
  assert: ({ response, rule, scenario, contract, requestedId }) => {
    const { expect } = rule;
    const status = response.status;
    if (expect.includes(status)) return pass;
    const expected = `${expect.join(' or ')} (${scenario})`;
    const received = `${status} ${response.statusText}`.trim();
    const detail = { kind: 'status', received: status, documented: expect } as const;
    if (status >= 500) {
      return fail(
        { title: 'Server error', expected, received, detail },
        scenario === 'wrongMethod' ? rule.severity : 'must',
      );
    }
    if (isSuccess(status) && scenario !== 'existingUser' && scenario !== 'wrongMethod') {
      return fail(
        { title: 'Success status on a request that must be refused', expected, received, detail },
        'must',
      );
    }
    const documented = contract.responses.has(status);
    const hint =
      scenario === 'existingUser'
        ? (EXISTING_USER_HINTS[status] ?? '')
        : probeIdHint(contract, scenario, status, requestedId);
    if (tolerated({ rule, contract, scenario, requestedId }, status)) {
      return fail(
        {
          title: documented
            ? 'Tolerated status code, documented for another case'
            : 'Tolerated but not documented status',
          expected,
          received: `${received}${hint}`,
          detail,
        },
        'should',
      );
    }
    const redirect = status >= 300 && status < 400;
    const location = response.headers.location ? ` → Location: ${response.headers.location}` : '';
    return fail({
      title: redirect
        ? 'Redirect instead of the documented status'
        : documented
          ? 'Unexpected status code'
          : 'Undocumented status code',
      expected,
      received: `${received}${location}${hint}`,
      detail,
    });
  },
});
