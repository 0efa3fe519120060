/**
 * Playwright reporter writing the conformance report (index.html, conformance.json). Like Playwright's
 * own junit and json reporters it reads the suite at `onEnd`: what survives a blob report (projects,
 * titles, results, attachments), so `merge-reports` of shards yields the same report as one run.
 * Modelling and rendering are pure modules next to it; whatever it writes is redacted last.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestResult,
  TestStep,
} from '@playwright/test/reporter';
import { resolveReportDir } from '../engine/config';
import { compareCodeUnits } from '../engine/json-text';
import { DEAD_TARGET_ENV, type Probe } from '../engine/probe';
import { createRedactor } from '../engine/redaction';
import { type AggregateResult, mergeAggregates } from '../engine/sampling/aggregate';
import {
  SAMPLE_ATTACHMENT,
  SAMPLE_TITLE,
  samplePlanFromEnv,
  tallyOfProgressStep,
} from '../engine/sampling/sample-plan';
import { credentialSecrets } from '../engine/scenarios';
import { CHECKS_ATTACHMENT, PROBE_ATTACHMENT } from '../engine/types';
import { type FinishedTest, recordsForTest } from './collect-records';
import { renderConsoleSummary } from './console-summary';
import { buildReportModel, type ContractInput, type ReportInput } from './model';
import { loadContractMeta, readSuiteVersion, searchDirs } from './project-files';
import { renderHtml } from './render-html';
import { SampleProgress } from './sample-progress';
import { writeReport } from './write-report';

export interface ConformanceReporterOptions {
  /** Where index.html and conformance.json go. Default: CONFORMANCE_REPORT_DIR, else `conformance-report`. */
  outputDir?: string;
}

const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

/** Relative to the cwd when inside it (short, clickable in terminals), else absolute. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative;
}

function attachmentTexts(result: TestResult | undefined, name: string): string[] {
  return (result?.attachments ?? [])
    .filter((a) => a.name === name)
    .map((a) => (a.body ? a.body.toString('utf8') : a.path ? readFileSync(a.path, 'utf8') : ''));
}

function finishedTest(test: TestCase): FinishedTest {
  const result = test.results.at(-1);
  const skip = [...(result?.annotations ?? []), ...test.annotations].find((a) => a.type === 'skip');
  const message = result?.error?.message ?? result?.errors[0]?.message;
  return {
    contract: test.parent.project()?.name ?? '',
    title: test.title,
    status: result ? result.status : 'notRun',
    attachmentTexts: attachmentTexts(result, CHECKS_ATTACHMENT),
    ...(skip?.description ? { skipReason: skip.description } : {}),
    ...(message ? { errorMessage: message.replace(ANSI_ESCAPE, '') } : {}),
  };
}

/** Set by the global setup, which runs after the reporter is made: read when needed. */
const deadTarget = (): string | null => process.env[DEAD_TARGET_ENV]?.trim() || null;

interface Entry {
  records: FinishedTest[];
  probe: Probe | undefined;
  sample: AggregateResult | undefined;
}

const mergeSample = (a: AggregateResult | undefined, b: AggregateResult): AggregateResult =>
  a ? mergeAggregates(a, b) : b;

export default class ConformanceReporter implements Reporter {
  private readonly outputDir: string;
  private config: FullConfig | undefined;
  private suite: Suite | undefined;
  private progress: SampleProgress | undefined;

  constructor(options: ConformanceReporterOptions = {}) {
    this.outputDir = options.outputDir || resolveReportDir(process.env);
  }

  printsToStdio(): boolean {
    return false; // Playwright's list reporter shows progress
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.suite = suite;
    const sample = samplePlanFromEnv();
    // Projects left after `--project` filtering.
    const contracts = suite.suites?.length ?? config.projects.length;
    if (sample)
      this.progress = new SampleProgress(sample.total * contracts, (line) => process.stdout.write(line));
  }

  onStepEnd(test: TestCase, _result: TestResult, step: TestStep): void {
    if (test.parent.title !== SAMPLE_TITLE) return;
    const tally = tallyOfProgressStep(step.title);
    if (tally) this.progress?.update(test.id, tally);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (test.parent.title !== SAMPLE_TITLE) return;
    const batch = attachmentTexts(result, SAMPLE_ATTACHMENT)[0];
    this.progress?.end(test.id, batch ? (JSON.parse(batch) as AggregateResult) : undefined);
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    this.progress?.stop();
    const dirs = searchDirs(this.config?.rootDir);
    const model = buildReportModel({
      target: this.target(),
      startedAt: result.startTime,
      durationMs: result.duration,
      suiteVersion: readSuiteVersion(dirs),
      selection: this.selection(),
      deadTarget: deadTarget(),
      contracts: this.contractInputs(dirs),
    });
    // Tests redact already; this is the last line of defence, with the key as the runner knows it.
    const redactor = createRedactor(credentialSecrets(process.env.API_KEY?.trim()));
    const safe = redactor.deep(model);
    const dir = path.resolve(this.outputDir);
    await writeReport(dir, safe, redactor.text(renderHtml(safe)));
    process.stdout.write(redactor.text(`\n${renderConsoleSummary(safe, displayPath(dir))}`));
    // Exit 0 exactly when a contract was judged and no judged contract failed a must check.
    return safe.run.conformant ? undefined : { status: 'failed' };
  }

  private target(): string {
    const named = this.config?.metadata?.conformanceTarget;
    const target = typeof named === 'string' && named.trim() ? named.trim() : 'built-in reference';
    const port = process.env.REFERENCE_PORT;
    return target === 'built-in reference' && port ? `${target} (http://127.0.0.1:${port})` : target;
  }

  private selection(): ReportInput['selection'] {
    const how = this.config?.metadata?.conformanceSelection;
    return how === 'project' || how === 'CONTRACT' || how === 'discovery' || how === 'reference'
      ? how
      : 'all';
  }

  /** Per project (= contract), in config project order: the order sharded runs share. */
  private contractInputs(dirs: string[]): ContractInput[] {
    const byContract = new Map<string, Entry>();
    for (const test of this.suite?.allTests() ?? []) {
      const finished = finishedTest(test);
      const entry = byContract.get(finished.contract) ?? { records: [], probe: undefined, sample: undefined };
      byContract.set(finished.contract, entry);
      const result = test.results.at(-1);
      const probe = attachmentTexts(result, PROBE_ATTACHMENT)[0];
      if (probe) entry.probe = JSON.parse(probe) as Probe;
      const batch = attachmentTexts(result, SAMPLE_ATTACHMENT)[0];
      // A batch is reported through its aggregate; one that left none (crashed, not run) as a scenario.
      if (batch) entry.sample = mergeSample(entry.sample, JSON.parse(batch) as AggregateResult);
      else if (test.parent.title !== SAMPLE_TITLE || finished.status !== 'passed')
        entry.records.push(finished);
    }
    const order = (this.config?.projects ?? []).map((p) => p.name);
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    return [...byContract.keys()]
      .sort((a, b) => rank(a) - rank(b) || compareCodeUnits(a, b))
      .map((name) => {
        const entry = byContract.get(name) ?? { records: [], probe: undefined, sample: undefined };
        const served = !entry.probe || entry.probe.served;
        return {
          name,
          meta: loadContractMeta(name, dirs),
          // A not-served contract's scenarios were skipped on purpose: only its probe is reported.
          records: served ? entry.records.flatMap(recordsForTest) : [],
          served,
          probe: entry.probe ?? null,
          ...(entry.sample ? { sample: entry.sample } : {}),
        };
      });
  }
}
