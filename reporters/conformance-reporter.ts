/**
 * Playwright reporter writing the conformance report (index.html + conformance.json).
 *
 * Thin on purpose: it only gathers what survives a blob report (project names, titles, statuses,
 * attachments, annotations), so `merge-reports` of shards yields the same report as one run.
 * Modelling, redaction and rendering are pure modules next to it.
 *
 * Playwright swallows exceptions thrown by reporters, so every hook catches, and onEnd prints what
 * went wrong under a clear prefix and fails the run.
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
} from '@playwright/test/reporter';
import { CHECKS_ATTACHMENT, type CheckRecord } from '../engine/types';
import { type FinishedTest, recordsForTest } from './collect-records';
import { renderConsoleSummary } from './console-summary';
import { buildReportModel, type ContractInput } from './model';
import { loadContractMeta, readSuiteVersion, searchDirs } from './project-files';
import { redactDeep } from './redact';
import { renderHtml } from './render-html';
import { writeReport } from './write-report';

export interface ConformanceReporterOptions {
  /** Where index.html and conformance.json go, relative to the cwd. Default: $CONFORMANCE_REPORT_DIR, else `conformance-report`. */
  outputDir?: string;
}

const PREFIX = '[conformance-reporter]';
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Identity of a test across retries and across shards: project, file and titles. */
function testKey(test: TestCase): string {
  return test.titlePath().join('\u0000');
}

/** Relative to the cwd when inside it (short, clickable in terminals), else absolute. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative;
}

function projectName(test: TestCase): string {
  return test.parent.project()?.name ?? '';
}

function attachmentText(attachment: TestResult['attachments'][number]): string {
  if (attachment.body) return attachment.body.toString('utf8');
  if (attachment.path) return readFileSync(attachment.path, 'utf8');
  throw new Error(`attachment ${attachment.name} has neither a body nor a path`);
}

function toFinishedTest(test: TestCase, result: TestResult): FinishedTest {
  const annotations = [...result.annotations, ...test.annotations];
  const skip = annotations.find((a) => a.type === 'skip' || a.type === 'fixme');
  const finished: FinishedTest = {
    contract: projectName(test),
    title: test.title,
    status: result.status,
    attachmentTexts: result.attachments.filter((a) => a.name === CHECKS_ATTACHMENT).map(attachmentText),
  };
  if (skip?.description) finished.skipReason = skip.description;
  const message = result.error?.message ?? result.errors[0]?.message;
  if (message) finished.errorMessage = message.replace(ANSI_ESCAPE, '');
  return finished;
}

export default class ConformanceReporter implements Reporter {
  private readonly outputDir: string;
  private config: FullConfig | undefined;
  private suite: Suite | undefined;
  /** Last attempt of each test (a retry replaces the earlier attempt). */
  private readonly finished = new Map<string, FinishedTest>();
  private readonly errors: string[] = [];

  constructor(options: ConformanceReporterOptions = {}) {
    this.outputDir = options.outputDir || process.env.CONFORMANCE_REPORT_DIR?.trim() || 'conformance-report';
  }

  printsToStdio(): boolean {
    return false; // keep Playwright's list/line reporter for progress
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.suite = suite;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    try {
      this.finished.set(testKey(test), toFinishedTest(test, result));
    } catch (error) {
      this.errors.push(`collecting "${test.titlePath().slice(1).join(' › ')}": ${describeError(error)}`);
    }
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    try {
      const dirs = searchDirs(this.config?.rootDir);
      const raw = buildReportModel({
        target: this.target(),
        startedAt: result.startTime,
        durationMs: result.duration,
        suiteVersion: readSuiteVersion(dirs),
        contracts: this.contractInputs(dirs),
      });
      const apiKey = process.env.API_KEY;
      const model = redactDeep(raw, apiKey && apiKey.length >= 4 ? [apiKey] : []);
      const dir = path.resolve(this.outputDir);
      await writeReport(dir, model, renderHtml(model));
      process.stdout.write(`\n${renderConsoleSummary(model, displayPath(dir))}`);
    } catch (error) {
      this.errors.push(`writing the report: ${describeError(error)}`);
    }
    if (this.errors.length === 0) return undefined;
    for (const message of this.errors) process.stderr.write(`${PREFIX} ${message}\n`);
    process.stderr.write(`${PREFIX} the conformance report is incomplete or missing; failing the run.\n`);
    return { status: 'failed' };
  }

  /**
   * `metadata.conformanceTarget` first: config metadata travels in blob reports, so a merge on
   * another machine still names the target the shards tested. Then the environment.
   */
  private target(): string {
    const fromMetadata = this.config?.metadata?.conformanceTarget;
    if (typeof fromMetadata === 'string' && fromMetadata.trim()) return fromMetadata.trim();
    return process.env.BASE_URL?.trim() || process.env.CONFORMANCE_TARGET?.trim() || 'built-in reference';
  }

  /** Records grouped per project (= contract), in config project order, then by name for any other. */
  private contractInputs(dirs: string[]): ContractInput[] {
    const tests = new Map(this.finished);
    // Tests that never reached onTestEnd (interrupted, --max-failures) must show up, not vanish.
    for (const test of this.suite?.allTests() ?? []) {
      const key = testKey(test);
      if (!tests.has(key)) {
        tests.set(key, {
          contract: projectName(test),
          title: test.title,
          status: 'notRun',
          attachmentTexts: [],
        });
      }
    }
    const records = new Map<string, CheckRecord[]>();
    // Sorted keys: the same records in the same order however shards and workers interleaved.
    for (const key of [...tests.keys()].sort()) {
      const test = tests.get(key);
      if (!test) continue;
      try {
        const testRecords = recordsForTest(test);
        if (testRecords) records.set(test.contract, [...(records.get(test.contract) ?? []), ...testRecords]);
      } catch (error) {
        this.errors.push(describeError(error));
      }
    }
    const projectOrder = (this.config?.projects ?? []).map((p) => p.name);
    const rank = (name: string) => {
      const i = projectOrder.indexOf(name);
      return i === -1 ? projectOrder.length : i;
    };
    const names = [...records.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return names.map((name) => {
      let meta = null;
      try {
        meta = loadContractMeta(name, dirs);
      } catch (error) {
        this.errors.push(describeError(error));
      }
      return { name, meta, records: records.get(name) ?? [] };
    });
  }
}
