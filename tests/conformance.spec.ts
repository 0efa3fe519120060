/**
 * The conformance suite. Generic: every contract runs the same scenarios through the same checks;
 * the Playwright project (= contract) decides what is expected. Each check is a step; every check
 * runs before the test asserts, so one failure never hides another.
 */

import { test } from '../engine/fixtures';
import { formatFailure, runScenario } from '../engine/run-scenario';
import { planScenario } from '../engine/scenarios';
import { CHECKS_ATTACHMENT, CHECKS_ATTACHMENT_TYPE, SCENARIO_NAMES } from '../engine/types';

for (const scenario of SCENARIO_NAMES) {
  test(scenario, async ({ playwright, contract, target }, testInfo) => {
    const planned = planScenario(contract, target, scenario);
    if ('skipReason' in planned) {
      test.skip(true, planned.skipReason);
      return;
    }
    const { records } = await runScenario(
      // A context per exchange: a cookie set by one answer must not authenticate the retry.
      () => playwright.request.newContext(),
      contract,
      target,
      planned.plan,
    );
    await testInfo.attach(CHECKS_ATTACHMENT, {
      body: JSON.stringify(records),
      contentType: CHECKS_ATTACHMENT_TYPE,
    });

    for (const record of records) {
      await test
        .step(record.check, async (step) => {
          if (record.status === 'skipped') step.skip(true, record.reason);
          if (record.status === 'failed') throw new Error(formatFailure(record));
        })
        // The failure is recorded on the step; the verdict is asserted once, below.
        .catch(() => undefined);
    }
    for (const warning of records.filter((r) => r.status === 'failed' && r.severity === 'should')) {
      testInfo.annotations.push({
        type: 'warning',
        description: `${warning.check}: ${warning.title} — expected ${warning.expected}; received ${warning.received}`,
      });
    }
    const mustFailures = records.filter((r) => r.status === 'failed' && r.severity === 'must');
    if (mustFailures.length > 0) {
      const noun = mustFailures.length === 1 ? 'check' : 'checks';
      const verdict = new Error(
        `${mustFailures.length} must ${noun} failed\n\n${mustFailures.map(formatFailure).join('\n\n')}`,
      );
      // No stack: the message is the whole story; a code frame of this file would only distract.
      verdict.stack = `Error: ${verdict.message}`;
      throw verdict;
    }
  });
}
