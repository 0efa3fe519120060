/**
 * The conformance suite. Generic: every contract runs the same scenarios through the same checks;
 * the Playwright project (= contract) decides what is expected. Each check is a step; every check
 * runs before the test asserts, so one failure never hides another.
 */
import { CHECKS } from '../engine/checks';
import { test } from '../engine/fixtures';
import { DEAD_TARGET_ENV, PROBES_ENV, type Probe } from '../engine/probe';
import { formatFailure, maxRequests, runScenario, scenarioTimeBoundMs } from '../engine/run-scenario';
import { batchTitle, splitIntoBatches } from '../engine/sampling/batches';
import { readBatchIds } from '../engine/sampling/id-list';
import { batchTimeBoundMs, runSampleBatch } from '../engine/sampling/run-sample';
import {
  progressStepTitle,
  SAMPLE_ATTACHMENT,
  SAMPLE_TITLE,
  samplePlanFromEnv,
  workerLimits,
} from '../engine/sampling/sample-plan';
import { planScenario } from '../engine/scenarios';
import {
  CHECKS_ATTACHMENT,
  CHECKS_ATTACHMENT_TYPE,
  type CheckRecord,
  PROBE_ATTACHMENT,
  SCENARIO_NAMES,
} from '../engine/types';

const deadTarget = process.env[DEAD_TARGET_ENV];
const CHECK_LOCATIONS = new Map(CHECKS.map((check) => [check.name, check.location]));
const probes = process.env[PROBES_ENV] ? (JSON.parse(process.env[PROBES_ENV]) as Probe[]) : undefined;

for (const scenario of SCENARIO_NAMES) {
  test(scenario, async ({ contract, target, transport, redactor }, testInfo) => {
    const attach = (records: CheckRecord[]) =>
      testInfo.attach(CHECKS_ATTACHMENT, {
        body: JSON.stringify(records),
        contentType: CHECKS_ATTACHMENT_TYPE,
      });
    const probe = probes?.find((p) => p.contract === contract.name);
    if (probe && !probe.served) {
      await testInfo.attach(PROBE_ATTACHMENT, {
        body: JSON.stringify(probe),
        contentType: CHECKS_ATTACHMENT_TYPE,
      });
      test.skip(true, `not served: ${probe.reason}`);
      return;
    }
    const planned = planScenario(contract, target, scenario);
    if ('skipReason' in planned) {
      test.skip(true, planned.skipReason);
      return;
    }
    if (deadTarget) {
      // The runner's preflight found nobody answering: nothing is sent, nothing proven.
      await attach([
        {
          contract: contract.name,
          scenario,
          check: 'scenario',
          description: 'The scenario ran',
          severity: 'must',
          status: 'not-run',
          reason: redactor.text(deadTarget),
          clause: 'Every documented operation returns an HTTP response',
        },
      ]);
      test.skip(true, redactor.text(deadTarget));
      return;
    }
    test.setTimeout(scenarioTimeBoundMs(contract, planned.plan, target));
    const records = await runScenario(transport, contract, target, planned.plan, redactor);
    await attach(records);

    for (const record of records) {
      // Forged-credential probes share one check: each step says which probe it is.
      const title =
        record.scenario === 'forgedCredentials' ? `${record.check}: ${record.description}` : record.check;
      await test
        .step(
          title,
          async (step) => {
            if (record.status === 'skipped' || record.status === 'not-run') step.skip(true, record.reason);
            if (record.status === 'failed') throw new Error(formatFailure(record));
          },
          { location: CHECK_LOCATIONS.get(record.check) },
        )
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

const sample = samplePlanFromEnv();
if (sample && !deadTarget) {
  test.describe(SAMPLE_TITLE, () => {
    // Batches are independent: each its own group, so workers and `--shard` machines split the list.
    test.describe.configure({ mode: 'parallel' });
    for (const batch of splitIntoBatches(sample.total, sample.batchSize)) {
      test(
        batchTitle(batch.index, batch.start, batch.end),
        async ({ contract, target, transport, redactor }, testInfo) => {
          const probe = probes?.find((p) => p.contract === contract.name);
          test.skip(probe !== undefined && !probe.served, 'not served');
          const planned = planScenario(contract, target, 'existingUser');
          if ('skipReason' in planned) {
            test.skip(true, planned.skipReason);
            return;
          }
          const users = batch.end - batch.start;
          // Discovery may have found fewer contracts served than were planned: they share the lanes.
          const limits = workerLimits(sample, probes?.filter((p) => p.served).length);
          test.setTimeout(
            batchTimeBoundMs(users, limits, target.timeoutMs, maxRequests(contract, planned.plan)),
          );
          const result = await runSampleBatch({
            transport,
            contract,
            target,
            plan: planned.plan,
            redactor,
            ids: readBatchIds(
              sample.idsFile,
              sample.offsets[batch.index] ?? 0,
              sample.offsets[batch.index + 1],
            ),
            firstIndex: batch.start,
            ...limits,
            // A step every few seconds (never per user) feeds the console's progress line mid-batch.
            onProgress: (tally) => test.step(progressStepTitle(tally), () => undefined),
          });
          if (result.users !== users)
            throw new Error(`batch ${batch.index + 1}: read ${result.users} ids, planned ${users}`);
          await testInfo.attach(SAMPLE_ATTACHMENT, {
            body: JSON.stringify(result),
            contentType: CHECKS_ATTACHMENT_TYPE,
          });
          const must = result.findings.filter((f) => f.severity === 'must');
          if (must.length > 0) {
            const lines = must.map(
              (f) =>
                `  ${f.check} ${f.instancePath || '(body)'} ${f.keyword}: ${f.count} of ${result.users} users, e.g. ${f.examples.map((e) => e.id).join(', ')}`,
            );
            const error = new Error(
              `${result.failedUsers} of ${result.users} users failed a must check\n${lines.join('\n')}`,
            );
            error.stack = `Error: ${error.message}`;
            throw error;
          }
        },
      );
    }
  });
}
