import { defineCheck, fail, isSuccess, pass } from './define-check';

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
export const statusCodeConformance = defineCheck({
  name: 'statusCodeConformance',
  description: 'The status code is the one the contract documents for this scenario (never 5xx)',
  severity: (ctx) => ctx.rule.severity,
  clause: (ctx) => ctx.rule.clause,
  needs: 'response',
  judgesProbe: true,
  assert: ({ response, rule, scenario }) => {
    const { expect, tolerate = [] } = rule;
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
    if (tolerate.includes(status)) {
      return fail({ title: 'Tolerated but not documented status', expected, received, detail }, 'should');
    }
    const redirect = status >= 300 && status < 400;
    const location = response.headers.location ? ` → Location: ${response.headers.location}` : '';
    const hint = scenario === 'existingUser' ? (EXISTING_USER_HINTS[status] ?? '') : '';
    return fail({
      title: redirect ? 'Redirect instead of the documented status' : 'Undocumented status code',
      expected,
      received: `${received}${location}${hint}`,
      detail,
    });
  },
});
