/**
 * Turns one test's final result into check records. Pure: the reporter reads attachment bodies and
 * passes their text in. A test that ended without records still gets one record, so a crashed,
 * timed-out or never-run scenario can never make a contract look conformant by silence.
 */
import { isPlainObject } from '../engine/json-text';
import type { CheckRecord } from '../engine/types';

/** Check name of records standing for a whole scenario. */
export const SCENARIO_CHECK = 'scenario';
/** Check name of the failure of a test that broke outside its checks. */
export const TEST_ERROR_CHECK = 'test-error';

export interface FinishedTest {
  contract: string;
  /** Test title: the scenario name. */
  title: string;
  /** Playwright's status of the last attempt; `notRun` when the test has no result (interrupted, --max-failures). */
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted' | 'notRun';
  /** Texts of every CHECKS_ATTACHMENT of the last attempt. */
  attachmentTexts: string[];
  /** Description of the `skip` annotation, if any. */
  skipReason?: string;
  /** First error message of the last attempt, if it failed. */
  errorMessage?: string;
}

const STATUSES = new Set(['passed', 'failed', 'skipped', 'not-run']);
const SEVERITIES = new Set(['must', 'should']);

/** Parses and checks one attachment; a malformed one is a bug of the suite and throws, naming the test. */
export function parseCheckRecords(text: string, where: string): CheckRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: check records are not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) throw new Error(`${where}: check records must be a JSON array`);
  return data.map((item, i) => {
    const at = `${where}: record #${i}`;
    if (!isPlainObject(item)) throw new Error(`${at} is not an object`);
    if (typeof item.scenario !== 'string' || typeof item.check !== 'string') {
      throw new Error(`${at} lacks a string scenario or check`);
    }
    if (!STATUSES.has(item.status as string))
      throw new Error(`${at} has status ${JSON.stringify(item.status)}`);
    if (!SEVERITIES.has(item.severity as string))
      throw new Error(`${at} has severity ${JSON.stringify(item.severity)}`);
    if (item.violations !== undefined && !Array.isArray(item.violations)) {
      throw new Error(`${at} has violations that are not an array`);
    }
    return {
      ...item,
      description: typeof item.description === 'string' ? item.description : '',
      clause: typeof item.clause === 'string' ? item.clause : '',
    } as CheckRecord;
  });
}

function scenarioRecord(
  test: FinishedTest,
  fields: Partial<CheckRecord> & Pick<CheckRecord, 'status' | 'description'>,
): CheckRecord {
  return {
    contract: test.contract,
    scenario: test.title,
    check: SCENARIO_CHECK,
    severity: 'must',
    clause: '',
    ...fields,
  };
}

/** Records of one test. */
export function recordsForTest(test: FinishedTest): CheckRecord[] {
  const records = test.attachmentTexts
    .flatMap((text) => parseCheckRecords(text, `${test.contract} › ${test.title}`))
    // A skip without a reason of its own inherits the test's skip reason.
    .map((r) =>
      r.status === 'skipped' && !r.reason && test.skipReason ? { ...r, reason: test.skipReason } : r,
    );
  if (records.length === 0 && test.status === 'skipped') {
    records.push(
      scenarioRecord(test, {
        status: 'skipped',
        description: 'Scenario skipped before any check ran',
        reason: test.skipReason ?? 'skipped (no reason given)',
      }),
    );
  }
  if (records.length === 0 && (test.status === 'notRun' || test.status === 'interrupted')) {
    records.push(
      scenarioRecord(test, {
        status: 'not-run',
        description: 'The scenario ran',
        reason:
          test.status === 'interrupted'
            ? 'the run was interrupted before this scenario finished'
            : 'the scenario did not run (the run stopped early or was interrupted)',
      }),
    );
  }
  // A test that failed without a failed record broke outside its checks (crash, timeout, bad setup).
  if (
    (test.status === 'failed' || test.status === 'timedOut') &&
    !records.some((r) => r.status === 'failed')
  ) {
    records.push(
      scenarioRecord(test, {
        check: TEST_ERROR_CHECK,
        status: 'failed',
        description: 'The scenario test ran to completion',
        title: test.status === 'timedOut' ? 'Scenario timed out' : 'Scenario failed outside its checks',
        expected: 'the test completes and records the outcome of each check',
        received: test.errorMessage ?? `test ${test.status} without an error message`,
      }),
    );
  }
  if (records.length === 0) {
    records.push(
      scenarioRecord(test, {
        status: 'skipped',
        description: 'Scenario recorded no checks',
        reason: 'the test passed but attached no check records',
      }),
    );
  }
  return records;
}
