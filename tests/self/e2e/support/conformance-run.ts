/**
 * Runs the real conformance suite (`npx playwright test --project <contract>`, cwd = repo root) as a
 * child process against a target, with a hermetic environment and a hard kill timeout, and reads
 * back what it wrote to its own CONFORMANCE_REPORT_DIR.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConformanceJson } from './conformance-report';
import { REPO_ROOT, referenceFixture } from './reference-fixtures';

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
  /** stdout and stderr of the run, interleaved (capped). */
  output: string;
  reportDir: string;
  /** conformance.json, parsed; undefined when it was not written or does not parse. */
  report: ConformanceJson | undefined;
  reportError: string | undefined;
  htmlWritten: boolean;
  /** Duration of each scenario test, from the run's junit.xml (undefined when there is none). */
  scenarioTimes: { scenario: string; ms: number }[] | undefined;
}

const SUITE_VARIABLES = [
  'BASE_URL',
  'API_KEY',
  'USER_ID',
  'UNKNOWN_USER_ID',
  'FORBIDDEN_USER_ID',
  'MALFORMED_USER_ID',
  'REQUEST_TIMEOUT_MS',
  'CONFORMANCE_REPORT_DIR',
  'CONFORMANCE_WORKERS',
];
/** Set by playwright.config.ts itself in reference mode: removed, never set (it fills them when unset). */
const CONFIG_OWNED_VARIABLES = ['CONFORMANCE_TARGET', 'REFERENCE_PORT'];
const MAX_OUTPUT = 200_000;

/**
 * The child's environment: ours without the outer Playwright run's own variables and without any
 * suite variable, then exactly the suite variables of this run. Unused ones are set to '' so a `.env`
 * file in the repo (dotenv never overrides a variable that exists) cannot leak into the run.
 */
function childEnv(options: SuiteRunOptions, reportDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(PLAYWRIGHT_|PW_|TEST_WORKER_INDEX$|TEST_PARALLEL_INDEX$|CI$)/.test(name)) continue;
    if (SUITE_VARIABLES.includes(name) || CONFIG_OWNED_VARIABLES.includes(name)) continue;
    env[name] = value;
  }
  for (const name of SUITE_VARIABLES) env[name] = '';
  env.FORCE_COLOR = '0';
  env.CONFORMANCE_REPORT_DIR = reportDir;
  env.CONFORMANCE_WORKERS = String(CHILD_WORKERS);
  if (options.requestTimeoutMs !== undefined) env.REQUEST_TIMEOUT_MS = String(options.requestTimeoutMs);
  if (options.baseUrl !== undefined) {
    const fixture = referenceFixture(options.contract);
    env.BASE_URL = options.baseUrl;
    env.API_KEY = fixture.apiKey ?? '';
    env.USER_ID = fixture.existingUserId;
    env.FORBIDDEN_USER_ID = fixture.forbiddenUserId ?? '';
  }
  return env;
}

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

/** A fresh report directory for one run, under the OS temp dir. */
export function newReportDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `conformance-e2e-${label.replace(/[^A-Za-z0-9_-]/g, '_')}-`));
}

export async function runConformanceSuite(options: SuiteRunOptions): Promise<SuiteRun> {
  const reportDir = newReportDir(options.label);
  const started = performance.now();
  // Its own process group, so a hard kill reaches npx, the Playwright runner and its workers.
  const child = spawn('npx', ['playwright', 'test', '--project', options.contract], {
    cwd: REPO_ROOT,
    env: childEnv(options, reportDir),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < MAX_OUTPUT) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let killed = false;
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(() => {
    killed = true;
    killGroup('SIGKILL');
  }, options.killAfterMs);
  const { exitCode, signal } = await new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => {
      child.once('error', (error) => {
        output += `\n[spawn error] ${error.message}`;
        resolve({ exitCode: null, signal: null });
      });
      child.once('close', (code, sig) => resolve({ exitCode: code, signal: sig }));
    },
  );
  clearTimeout(timer);
  // Workers left behind by a killed runner belong to the same group.
  if (killed) killGroup('SIGKILL');
  const wallMs = Math.round(performance.now() - started);

  const jsonPath = join(reportDir, 'conformance.json');
  let report: ConformanceJson | undefined;
  let reportError: string | undefined;
  if (existsSync(jsonPath)) {
    try {
      report = JSON.parse(readFileSync(jsonPath, 'utf8')) as ConformanceJson;
    } catch (error) {
      reportError = `conformance.json does not parse: ${(error as Error).message}`;
    }
  } else {
    reportError = `no conformance.json in ${reportDir}`;
  }
  return {
    scenarioTimes: junitTimes(join(reportDir, 'junit.xml')),
    exitCode,
    signal,
    killed,
    wallMs,
    output,
    reportDir,
    report,
    reportError,
    htmlWritten: existsSync(join(reportDir, 'index.html')),
  };
}
