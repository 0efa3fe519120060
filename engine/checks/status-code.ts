import { type CheckDefinition, isNegativeScenario, isSuccess, NO_RESPONSE } from './context';

const list = (statuses: number[]): string => statuses.join(' or ');

/** What a QA engineer should look at first when the existing user is not served. */
const EXISTING_USER_HINTS: Record<number, string> = {
  401: ' — the target refused the credential: check API_KEY',
  403: " — the key may not read USER_ID: check USER_ID and the key's permissions",
  404: ' — the target does not know USER_ID: check USER_ID',
};

/**
 * The status is one the contract documents for this scenario; never 5xx; never 2xx for a request
 * that must be refused. The wrong-method probe keeps its rule's severity (the docs never document it).
 */
export const statusCodeConformance: CheckDefinition = {
  name: 'statusCodeConformance',
  description: 'The status code is the one the contract documents for this scenario (never 5xx)',
  severity: (ctx) => ctx.rule.severity,
  clause: (ctx) => ctx.rule.clause,
  appliesTo: () => true,
  run: (ctx) => {
    const response = ctx.exchange.response;
    if (!response) return NO_RESPONSE;
    const { expect, tolerate = [] } = ctx.rule;
    const status = response.status;
    if (expect.includes(status)) return { kind: 'passed' };
    const expected = `${list(expect)} (${ctx.scenario})`;
    const received = `${status} ${response.statusText}`.trim();
    const location = response.headers.location ? ` → Location: ${response.headers.location}` : '';
    // The wrong-method probe is undocumented territory: its rule's severity holds even for 5xx.
    if (status >= 500) {
      const severity = ctx.scenario === 'wrongMethod' ? ctx.rule.severity : 'must';
      return { kind: 'failed', severity, failure: { title: 'Server error', expected, received } };
    }
    if (isSuccess(status) && isNegativeScenario(ctx.scenario) && ctx.scenario !== 'wrongMethod') {
      return {
        kind: 'failed',
        severity: 'must',
        failure: { title: 'Success status on a request that must be refused', expected, received },
      };
    }
    if (tolerate.includes(status)) {
      return {
        kind: 'failed',
        severity: 'should',
        failure: { title: 'Tolerated but not documented status', expected, received },
      };
    }
    const title =
      status >= 300 && status < 400
        ? 'Redirect instead of the documented status'
        : 'Undocumented status code';
    const hint = ctx.scenario === 'existingUser' ? (EXISTING_USER_HINTS[status] ?? '') : '';
    return { kind: 'failed', failure: { title, expected, received: `${received}${location}${hint}` } };
  },
};
