/**
 * Mutation self-test: proves the suite's verdicts end to end. For every variant of the reference
 * server (reference/variants/) it starts that variant as a child process, runs the REAL suite
 * (`npx playwright test --project <contract>`) against it, and asserts from the exit code and
 * conformance.json that
 *   - every defect is flagged, by the expected check, naming the expected field or value;
 *   - every legitimate variation passes (exit 0, no must failure);
 *   - every transport fault fails cleanly: in bounded time, naming the cause, report still written.
 * Plus: the built-in reference passes for every contract, a closed port is a clean fault, the
 * variants are well-formed and the README table of variants is current.
 *
 * The score line (`mutation score: …`) is printed by support/mutation-summary-reporter.ts from the
 * annotations each test leaves, so it is right whatever worker ran what.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type TestInfo, test } from '@playwright/test';
import { CHECKS } from '../../../engine/checks';
import { loadContracts } from '../../../engine/contract-loader';
import { variants } from '../../../reference/variants/index.js';
import {
  type CheckExpectation,
  contractReport,
  describeExpectation,
  describeFailures,
  failedChecks,
  matchesExpectation,
} from './support/conformance-report';
import { CHILD_WORKERS, runConformanceSuite, type SuiteRun } from './support/conformance-run';
import { MUTATION_KIND, MUTATION_RESULT, type MutationKind } from './support/mutation-annotations';
import { REPO_ROOT, referenceContracts } from './support/reference-fixtures';
import { closedPort, startReference } from './support/reference-server';

/** REQUEST_TIMEOUT_MS of fault runs. */
const FAULT_TIMEOUT_MS = 2000;
/** On top of a scenario's request budget: its checks and its share of the report. */
const SCENARIO_MARGIN_MS = 2500;
/** On top of the run's request budget: npx, Playwright and worker start-up on a busy 2-core machine. */
const STARTUP_MARGIN_MS = 30_000;
/** Requests of the forgedCredentials scenario (engine/forged-credentials.ts). */
const FORGED_PROBES = 4;
/** Hard kill of a child suite run. */
const KILL_AFTER_MS = 120_000;

type Variant = (typeof variants)[string];

const contractsOf = (variant: Variant): string[] => variant.contracts ?? referenceContracts();
const expectationsOf = (variant: Variant): CheckExpectation[] =>
  variant.expect === undefined ? [] : Array.isArray(variant.expect) ? variant.expect : [variant.expect];

function record(testInfo: TestInfo, ok: boolean, detail: string): void {
  testInfo.annotations.push({ type: MUTATION_RESULT, description: `${ok ? 'ok' : 'missed'}: ${detail}` });
}

/** Problems common to every run: it ended by itself and wrote a parseable report with this contract. */
function runProblems(run: SuiteRun, contract: string): string[] {
  const problems: string[] = [];
  if (run.killed) problems.push(`the suite run was killed after ${KILL_AFTER_MS} ms`);
  if (!run.report) problems.push(run.reportError ?? 'no report');
  else if (!contractReport(run.report, contract))
    problems.push(`conformance.json has no contract ${contract}`);
  return problems;
}

function unmatched(run: SuiteRun, contract: string, expectations: CheckExpectation[]): string[] {
  const report = run.report && contractReport(run.report, contract);
  if (!report) return [];
  return expectations
    .filter((e) => !report.checks.some((check) => matchesExpectation(check, e)))
    .map(
      (e) =>
        `expected ${describeExpectation(e)}; the failures were:\n${describeFailures(failedChecks(report))}`,
    );
}

function runSummary(run: SuiteRun, contract: string): string {
  const report = run.report && contractReport(run.report, contract);
  const counts = report ? JSON.stringify(report.counts) : '(no report)';
  return `exit ${run.exitCode ?? run.signal} in ${run.wallMs} ms; counts ${counts}; report ${run.reportDir}`;
}

/** The run's output, attached for whoever reads a failure. */
async function attachRun(testInfo: TestInfo, run: SuiteRun, contract: string): Promise<void> {
  await testInfo.attach(`suite-output-${contract}.txt`, { body: run.output, contentType: 'text/plain' });
}

/** Fails the test with every problem at once; removes the report dir when there is none. */
function conclude(testInfo: TestInfo, run: SuiteRun, contract: string, problems: string[]): void {
  record(testInfo, problems.length === 0, `${contract}: ${runSummary(run, contract)}`);
  if (problems.length === 0) rmSync(run.reportDir, { recursive: true, force: true });
  expect(problems, `${contract}: ${runSummary(run, contract)}\n${problems.join('\n')}`).toEqual([]);
}

/** Starts the variant, runs the suite for one contract against it, stops it; the run and its general problems. */
async function runAgainstVariant(testInfo: TestInfo, name: string, contract: string) {
  const server = await startReference({ variant: name });
  let run: SuiteRun;
  try {
    run = await runConformanceSuite({
      contract,
      baseUrl: server.baseUrl,
      killAfterMs: KILL_AFTER_MS,
      label: name,
    });
  } finally {
    await server.stop();
  }
  await attachRun(testInfo, run, contract);
  return {
    run,
    problems: runProblems(run, contract),
    report: run.report && contractReport(run.report, contract),
  };
}

async function checkDefect(testInfo: TestInfo, name: string, variant: Variant, contract: string) {
  const { run, problems, report } = await runAgainstVariant(testInfo, name, contract);
  if (run.exitCode === 0) problems.push('the suite exited 0: the defect was not flagged');
  if (report && report.counts.mustFailed === 0) problems.push('no must check failed');
  problems.push(...unmatched(run, contract, expectationsOf(variant)));
  conclude(testInfo, run, contract, problems);
}

async function checkLegitimate(testInfo: TestInfo, name: string, variant: Variant, contract: string) {
  const { run, problems, report } = await runAgainstVariant(testInfo, name, contract);
  if (run.exitCode !== 0) problems.push(`the suite exited ${run.exitCode ?? run.signal}, not 0`);
  if (report && report.counts.mustFailed > 0) {
    problems.push(`false positive — must failures:\n${describeFailures(failedChecks(report, 'must'))}`);
  }
  problems.push(...unmatched(run, contract, expectationsOf(variant)));
  conclude(testInfo, run, contract, problems);
}

/** A fault run: bounded time, non-zero exit, cause named, conformance.json and index.html written. */
async function checkFault(
  testInfo: TestInfo,
  label: string,
  contract: string,
  baseUrl: string,
  expectations: CheckExpectation[],
) {
  const run = await runConformanceSuite({
    contract,
    baseUrl,
    requestTimeoutMs: FAULT_TIMEOUT_MS,
    killAfterMs: KILL_AFTER_MS,
    label,
  });
  await attachRun(testInfo, run, contract);
  const problems = runProblems(run, contract);
  const report = run.report && contractReport(run.report, contract);
  if (run.exitCode === 0) problems.push('the suite exited 0 on a transport fault');
  if (!run.htmlWritten) problems.push(`no index.html in ${run.reportDir}`);
  if (report) {
    // A scenario sends one request per credential form at most (another form only after a 401), each
    // bounded by REQUEST_TIMEOUT_MS; CHILD_WORKERS scenarios are in flight at a time.
    // A scenario's requests: one per credential form (another only after a 401), or one per forged
    // credential; each bounded by REQUEST_TIMEOUT_MS. CHILD_WORKERS scenarios are in flight at a time.
    const forms = loadContracts().find((c) => c.name === contract)?.credential?.forms.length ?? 1;
    const boundOf = (scenario: string) =>
      FAULT_TIMEOUT_MS * (scenario.endsWith('forgedCredentials') ? FORGED_PROBES : forms);
    let wallBound = STARTUP_MARGIN_MS;
    for (const { scenario, ms } of run.scenarioTimes ?? []) {
      const bound = boundOf(scenario);
      wallBound += bound / CHILD_WORKERS;
      if (ms > bound + SCENARIO_MARGIN_MS)
        problems.push(`scenario ${scenario} took ${ms} ms; bound ${bound} + ${SCENARIO_MARGIN_MS} ms`);
    }
    if (run.wallMs > wallBound)
      problems.push(`the run took ${run.wallMs} ms; bound: its scenarios' bounds + ${STARTUP_MARGIN_MS} ms`);
  }
  problems.push(...unmatched(run, contract, expectations));
  conclude(testInfo, run, contract, problems);
}

/** The variants of one kind, slowest kinds first so the run does not end on a long straggler. */
const ofKind = (kind: MutationKind) =>
  // Sampling variants are defective only in population users, never in the fixtures run here.
  Object.entries(variants).filter(([, variant]) => variant.kind === kind && !variant.sampling);

function variantTest(name: string, variant: Variant): void {
  const kind: MutationKind = variant.kind;
  test(`${kind}: ${name}`, { annotation: { type: MUTATION_KIND, description: kind } }, async () => {
    const testInfo = test.info();
    if (variant.knownIssue) test.fail(true, `known issue: ${variant.knownIssue}`);
    for (const contract of contractsOf(variant)) {
      if (kind === 'defect') await checkDefect(testInfo, name, variant, contract);
      else if (kind === 'legitimate') await checkLegitimate(testInfo, name, variant, contract);
      else {
        const server = await startReference({ variant: name });
        try {
          await checkFault(testInfo, name, contract, server.baseUrl, expectationsOf(variant));
        } finally {
          await server.stop();
        }
      }
    }
  });
}

test.describe('transport faults', () => {
  for (const [name, variant] of ofKind('transport')) variantTest(name, variant);

  test('transport: nothing listening (closed port)', {
    annotation: { type: MUTATION_KIND, description: 'transport' },
  }, async () => {
    const testInfo = test.info();
    const port = await closedPort();
    // The runner's preflight finds nobody there: every scenario is reported not run, with the cause.
    await checkFault(testInfo, 'closed-port', 'problem-details', `http://127.0.0.1:${port}`, [
      { check: 'scenario', scenario: 'existingUser', status: 'not-run', text: 'ECONNREFUSED' },
    ]);
  });
});

test.describe('built-in reference', () => {
  for (const contract of referenceContracts()) {
    test(`reference passes: ${contract}`, async () => {
      const testInfo = test.info();
      const run = await runConformanceSuite({
        contract,
        killAfterMs: KILL_AFTER_MS,
        label: `reference-${contract}`,
      });
      await attachRun(testInfo, run, contract);
      const problems = runProblems(run, contract);
      const report = run.report && contractReport(run.report, contract);
      if (run.exitCode !== 0) problems.push(`the suite exited ${run.exitCode ?? run.signal}, not 0`);
      if (report && report.counts.mustFailed > 0)
        problems.push(`must failures:\n${describeFailures(failedChecks(report, 'must'))}`);
      conclude(testInfo, run, contract, problems);
    });
  }
});

test.describe('legitimate variations', () => {
  for (const [name, variant] of ofKind('legitimate')) variantTest(name, variant);
});

test.describe('defects', () => {
  for (const [name, variant] of ofKind('defect')) variantTest(name, variant);
});

test.describe('variant catalogue', () => {
  test('every variant is well-formed', () => {
    const checkNames = new Set(CHECKS.map((c) => c.name));
    const contracts = new Set(referenceContracts());
    const problems: string[] = [];
    for (const [name, variant] of Object.entries(variants)) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) problems.push(`${name}: name is not kebab-case`);
      if (!variant.summary.trim()) problems.push(`${name}: empty summary`);
      if (!variant.clause.trim()) problems.push(`${name}: empty clause`);
      if (!['defect', 'legitimate', 'transport'].includes(variant.kind)) problems.push(`${name}: bad kind`);
      for (const contract of variant.contracts ?? []) {
        if (!contracts.has(contract)) problems.push(`${name}: unknown contract ${contract}`);
      }
      const expectations = expectationsOf(variant);
      if (variant.kind !== 'legitimate' && expectations.length === 0)
        problems.push(`${name}: a ${variant.kind} needs an expectation`);
      for (const e of expectations) {
        // A dead target's scenarios are recorded as not run under the record name `scenario`.
        const deadTarget = e.check === 'scenario' && e.status === 'not-run';
        if (!checkNames.has(e.check) && !deadTarget) problems.push(`${name}: unknown check ${e.check}`);
        if (variant.kind === 'legitimate' && (e.severity ?? 'must') === 'must')
          problems.push(`${name}: a legitimate variation can only expect should warnings`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('reference/README.md variants section is current', () => {
    const result = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'scripts', 'variants-readme.mjs'), '--check'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(
      result.status,
      `reference/README.md variants section is stale: run \`node scripts/variants-readme.mjs\`\n${result.stdout}${result.stderr}`,
    ).toBe(0);
  });
});
