/**
 * Runs the real conformance suite (`npx playwright test --project <contract>`, cwd = repo root) as a
 * child process against a target (through cli-run.ts: hermetic environment, hard kill timeout), and
 * reads back what it wrote to its own CONFORMANCE_REPORT_DIR.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConformanceJson, runPlaywright } from './cli-run';
import type { ConformanceJson } from './conformance-report';
import { referenceFixture } from './reference-fixtures';

/**
 * Workers of each child run. One: the outer e2e run already runs two children at once on two cores,
 * and a second worker per child costs more CPU (its own start-up) than it saves.
 */
export const CHILD_WORKERS = 1;

export interface SuiteRunOptions {
  contract: string;
  /** Target root; absent = the suite's built-in reference mode (it starts the reference itself). */
  baseUrl?: string;
  /** REQUEST_TIMEOUT_MS of the run; absent = the suite's default. */
  requestTimeoutMs?: number;
  /** The child (and its process group) is killed after this long. */
  killAfterMs: number;
  /** A label for the report directory name. */
  label: string;
}

export interface SuiteRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when the hard kill timeout fired. */
  killed: boolean;
  wallMs: number;
  /** stdout then stderr of the run (capped). */
  output: string;
  reportDir: string;
  /** conformance.json, parsed; undefined when it was not written or does not parse. */
  report: ConformanceJson | undefined;
  reportError: string | undefined;
  htmlWritten: boolean;
  /** Duration of each scenario test, from the run's junit.xml (undefined when there is none). */
  scenarioTimes: { scenario: string; ms: number }[] | undefined;
}

const MAX_OUTPUT = 200_000;

/** `<testcase name=… time=…>` of a junit.xml: one entry per test that ran. */
function junitTimes(file: string): { scenario: string; ms: number }[] | undefined {
  if (!existsSync(file)) return undefined;
  const xml = readFileSync(file, 'utf8');
  return [...xml.matchAll(/<testcase\b[^>]*>/g)].flatMap(([tag]) => {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const time = /\btime="([^"]*)"/.exec(tag)?.[1];
    return name !== undefined && time !== undefined
      ? [{ scenario: name, ms: Math.round(Number(time) * 1000) }]
      : [];
  });
}

export async function runConformanceSuite(options: SuiteRunOptions): Promise<SuiteRun> {
  const fixture = options.baseUrl === undefined ? undefined : referenceFixture(options.contract);
  const run = await runPlaywright({
    args: ['test', '--project', options.contract],
    env: {
      CONFORMANCE_WORKERS: String(CHILD_WORKERS),
      REQUEST_TIMEOUT_MS: options.requestTimeoutMs?.toString(),
      ...(fixture
        ? {
            BASE_URL: options.baseUrl,
            API_KEY: fixture.apiKey ?? '',
            USER_ID: fixture.existingUserId,
            FORBIDDEN_USER_ID: fixture.forbiddenUserId ?? '',
          }
        : {}),
    },
    killAfterMs: options.killAfterMs,
    label: options.label,
  });
  const { report, error } = readConformanceJson(run.reportDir);
  return {
    scenarioTimes: junitTimes(join(run.reportDir, 'junit.xml')),
    exitCode: run.exitCode,
    signal: run.signal,
    killed: run.killed,
    wallMs: run.wallMs,
    output: `${run.stdout}\n${run.stderr}`.slice(0, MAX_OUTPUT),
    reportDir: run.reportDir,
    report,
    reportError: error,
    htmlWritten: existsSync(join(run.reportDir, 'index.html')),
  };
}
