/**
 * Turns one test's final result into check records. Pure: the reporter reads attachment bodies and
 * passes their text in. A test that ended without records still gets one synthetic record, so a
 * crashed, timed-out or never-run scenario can never make a contract look conformant by silence.
 */
import { type CheckRecord, SCENARIO_NAMES, type ScenarioName } from '../engine/types';

/** Check name of synthetic records standing for a whole scenario. */
export const SCENARIO_CHECK = 'scenario';
/** Check name of the synthetic failure of a test that broke outside its checks. */
export const TEST_ERROR_CHECK = 'test-error';

export interface FinishedTest {
  contract: string;
  /** Test title; by the test side's contract, the scenario name. */
  title: string;
  /** Playwright's status of the last attempt, or `notRun` when the test never finished (interrupted, max failures). */
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted' | 'notRun';
  /** Texts of every CHECKS_ATTACHMENT of the last attempt. */
  attachmentTexts: string[];
  /** Description of the `skip` (or `fixme`) annotation, if any. */
  skipReason?: string;
  /** First error message of the last attempt, if it failed. */
  errorMessage?: string;
}

const STATUSES = new Set(['passed', 'failed', 'skipped']);
const SEVERITIES = new Set(['must', 'should']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses and checks one attachment. Throws with a message naming the test, because a malformed
 * attachment is a bug of the suite that must fail the run, not a silently empty report.
 */
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
    if (!isRecord(item)) throw new Error(`${at} is not an object`);
    if (typeof item.scenario !== 'string' || typeof item.check !== 'string') {
      throw new Error(`${at} lacks a string scenario or check`);
    }
    if (!STATUSES.has(item.status as string))
      throw new Error(`${at} has status ${JSON.stringify(item.status)}`);
    if (!SEVERITIES.has(item.severity as string)) {
      throw new Error(`${at} has severity ${JSON.stringify(item.severity)}`);
    }
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

function isScenarioTitle(title: string): boolean {
  return (SCENARIO_NAMES as readonly string[]).includes(title);
}

function synthetic(
  test: FinishedTest,
  fields: Pick<CheckRecord, 'status' | 'description'> & Partial<CheckRecord>,
) {
  return {
    contract: test.contract,
    // Not always a ScenarioName: the title is used as is, so an unexpected title still shows up.
    scenario: test.title as ScenarioName,
    check: SCENARIO_CHECK,
    severity: 'must',
    clause: '',
    ...fields,
  } satisfies CheckRecord;
}

/** Records of one test, or null when the test is not a conformance scenario (no records, not a scenario title). */
export function recordsForTest(test: FinishedTest): CheckRecord[] | null {
  const attached = test.attachmentTexts.flatMap((text) =>
    parseCheckRecords(text, `${test.contract} › ${test.title}`),
  );
  if (attached.length === 0 && test.attachmentTexts.length === 0 && !isScenarioTitle(test.title)) return null;

  // A skip without a per-record reason inherits the test's skip reason.
  const records = attached.map((r) =>
    r.status === 'skipped' && !r.reason && test.skipReason ? { ...r, reason: test.skipReason } : r,
  );
  if (
    records.length === 0 &&
    (test.status === 'skipped' || test.status === 'notRun' || test.status === 'interrupted')
  ) {
    const reason =
      test.status === 'skipped'
        ? (test.skipReason ?? 'skipped (no reason given)')
        : test.status === 'interrupted'
          ? 'the run was interrupted before this scenario finished'
          : 'the test did not run (run stopped early or interrupted)';
    records.push(
      synthetic(test, { status: 'skipped', description: 'Scenario skipped before any check ran', reason }),
    );
  }
  // A test that failed without a failed record broke outside its checks (crash, timeout, bad setup):
  // that must count as a failure, or the contract would look conformant.
  const brokeOutsideChecks =
    (test.status === 'failed' || test.status === 'timedOut') && !records.some((r) => r.status === 'failed');
  if (brokeOutsideChecks) {
    records.push(
      synthetic(test, {
        check: TEST_ERROR_CHECK,
        status: 'failed',
        description: 'The scenario test ran to completion',
        title: test.status === 'timedOut' ? 'Scenario timed out' : 'Scenario failed outside its checks',
        expected: 'the test completes and records the outcome of each check',
        received: test.errorMessage ?? `test ${test.status} without an error message`,
      }),
    );
  }
  // A passed test with no attachment and no checks: record it so the gap is visible.
  if (records.length === 0) {
    records.push(
      synthetic(test, {
        status: 'skipped',
        description: 'Scenario recorded no checks',
        reason: 'the test passed but attached no check records',
      }),
    );
  }
  return records;
}
