/**
 * Runs the real Playwright CLI (`npx playwright <args>`, cwd = repo root) as a child process with any
 * arguments: `test` with or without `--project`, `--shard`, `--reporter=blob`, or `merge-reports`.
 * Unlike support/conformance-run.ts (one contract against one target), the caller chooses the
 * arguments and the whole environment of the run. The environment is hermetic (nothing of ours, of
 * the outer Playwright run or of a `.env` file leaks in), stdout and stderr are kept apart (the
 * secrets test searches both), and the child's whole process group is killed after `killAfterMs`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type TestInfo } from '@playwright/test';
import { SETTINGS } from '../../../../engine/config';
import type { ConformanceJson } from './conformance-report';
import { REPO_ROOT } from './reference-fixtures';

/** Every variable the suite reads as configuration (engine/config.ts SETTINGS, the one list). */
export const SUITE_VARIABLES: readonly string[] = SETTINGS.map((setting) => setting.name);

/** Variables the runner hands its workers (global setup, webServer): never inherited from outside. */
const SET_BY_THE_SUITE = ['CONFORMANCE_DEAD_TARGET', 'CONFORMANCE_PROBES'];

/** Inherited variables that would change what Playwright runs or prints (outer run, debugging, CI). */
const NOT_INHERITED =
  /^(PLAYWRIGHT_|PW_|PWDEBUG$|PWTEST_|DOTENV_|TEST_WORKER_INDEX$|TEST_PARALLEL_INDEX$|CI$|DEBUG$)/;

const MAX_STREAM = 2_000_000;

export interface CliRunOptions {
  /** Arguments after `npx playwright`, e.g. `['test', '--project', 'credira']`. */
  args: string[];
  /**
   * Variables of this run. Every suite variable not given here is set to '' (dotenv never overrides an
   * existing variable, so a `.env` in the repo cannot leak in); `undefined` also means ''.
   */
  env?: Record<string, string | undefined>;
  /** CONFORMANCE_REPORT_DIR; default: a new directory under the OS temp dir. */
  reportDir?: string;
  /** The child's process group is killed (SIGKILL) after this long. */
  killAfterMs: number;
  /** For the report directory's name and diagnostics. */
  label: string;
  /**
   * Run from another directory (default: the repo root), with the repo's own CLI (no `npx` lookup
   * where there is no node_modules), e.g. to prove that a user's `.env` there is read.
   */
  cwd?: string;
  /** Suite variables removed from the child's environment rather than blanked (so a `.env` may set them). */
  unset?: string[];
}

const PLAYWRIGHT_CLI = join(REPO_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export interface CliRun {
  /** The command line, for diagnostics (variables of the run listed, values of secrets included). */
  command: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when the hard kill timeout fired. */
  killed: boolean;
  wallMs: number;
  stdout: string;
  stderr: string;
  reportDir: string;
}

export function hermeticEnv(options: CliRunOptions, reportDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (NOT_INHERITED.test(name) || SUITE_VARIABLES.includes(name)) continue;
    env[name] = value;
  }
  for (const name of SUITE_VARIABLES) env[name] = '';
  for (const name of SET_BY_THE_SUITE) delete env[name];
  env.FORCE_COLOR = '0';
  env.CONFORMANCE_REPORT_DIR = reportDir;
  // CONFORMANCE_WORKERS stays empty: the suite's default worker count, as users run it.
  for (const [name, value] of Object.entries(options.env ?? {})) env[name] = value ?? '';
  return env;
}

/** A fresh report directory for one run, under the OS temp dir. */
export function newReportDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `conformance-e2e-${label.replace(/[^A-Za-z0-9_-]/g, '_')}-`));
}

export async function runPlaywright(options: CliRunOptions): Promise<CliRun> {
  const reportDir = options.reportDir ?? newReportDir(options.label);
  const given = Object.entries(options.env ?? {})
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}=${value}`);
  const env = hermeticEnv(options, reportDir);
  for (const name of options.unset ?? []) delete env[name];
  const [program, args] = options.cwd
    ? [process.execPath, [PLAYWRIGHT_CLI, ...options.args]]
    : ['npx', ['playwright', ...options.args]];
  const where = options.cwd ? `cd ${options.cwd} && ` : '';
  const command = `${where}${[...given, 'npx', 'playwright', ...options.args].join(' ')}`;
  const started = performance.now();
  // Its own process group, so a hard kill reaches npx, the runner, its workers and its webServer.
  const child = spawn(program, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    if (stdout.length < MAX_STREAM) stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STREAM) stderr += chunk.toString('utf8');
  });
  let killed = false;
  const killGroup = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(() => {
    killed = true;
    killGroup();
  }, options.killAfterMs);
  const { exitCode, signal } = await new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => {
      child.once('error', (error) => {
        stderr += `\n[spawn error] ${error.message}`;
        resolve({ exitCode: null, signal: null });
      });
      child.once('close', (code, sig) => resolve({ exitCode: code, signal: sig }));
    },
  );
  clearTimeout(timer);
  if (killed) killGroup();
  return {
    command,
    exitCode,
    signal,
    killed,
    wallMs: Math.round(performance.now() - started),
    stdout,
    stderr,
    reportDir,
  };
}

/** conformance.json of a report directory, parsed, or why not. */
export function readConformanceJson(
  reportDir: string,
): { report: ConformanceJson; error?: undefined } | { report?: undefined; error: string } {
  const path = join(reportDir, 'conformance.json');
  if (!existsSync(path)) return { error: `no conformance.json in ${reportDir}` };
  try {
    return { report: JSON.parse(readFileSync(path, 'utf8')) as ConformanceJson };
  } catch (error) {
    return { error: `${path} does not parse: ${(error as Error).message}` };
  }
}

/** Every file under `dir`, recursively (absolute paths). */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files;
}

const tail = (text: string, chars: number): string =>
  text.length <= chars ? text : `… (${text.length - chars} characters before)\n${text.slice(-chars)}`;

/** What a reader of a failed assertion needs: the command, how it ended, and the end of its output. */
export function describeRun(run: CliRun, chars = 6000): string {
  const ended = run.killed
    ? `KILLED after ${run.wallMs} ms`
    : `exit ${run.exitCode ?? `signal ${run.signal}`} after ${run.wallMs} ms`;
  return [
    `$ ${run.command}`,
    `${ended}; report dir ${run.reportDir}`,
    '--- stdout ---',
    tail(run.stdout.trimEnd(), chars),
    '--- stderr ---',
    tail(run.stderr.trimEnd(), chars),
    '---',
  ].join('\n');
}

/** Attaches the run's command, stdout and stderr to the test (always; cheap, and read only on failure). */
export async function attachRun(testInfo: TestInfo, run: CliRun, name = run.reportDir): Promise<void> {
  const label = name.replace(/^.*\//, '');
  await testInfo.attach(`${label}.txt`, {
    body: `$ ${run.command}\nexit ${run.exitCode ?? run.signal}${run.killed ? ' (killed)' : ''} after ${run.wallMs} ms\n\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`,
    contentType: 'text/plain',
  });
}

/**
 * For `test.afterEach`: removes the directories of a test that passed; a failed test keeps them, and
 * says where they are, for inspection.
 */
export function cleanUpAfterPass(testInfo: TestInfo, dirs: string[]): void {
  if (testInfo.status === testInfo.expectedStatus) {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  } else if (dirs.length > 0) {
    testInfo.annotations.push({ type: 'kept for inspection', description: dirs.join(', ') });
  }
  dirs.length = 0;
}

/** Runs the CLI, keeps its report dir for cleanUpAfterPass (`dirs`) and attaches its output to the test. */
export async function runAndAttach(
  testInfo: TestInfo,
  options: CliRunOptions,
  dirs: string[],
): Promise<CliRun> {
  const result = await runPlaywright(options);
  dirs.push(result.reportDir);
  await attachRun(testInfo, result, options.label);
  return result;
}

/** The run ended by itself (not killed), with this exit code. */
export function expectExit(result: CliRun, exitCode: number): void {
  const diagnostics = describeRun(result);
  expect(result.killed, `the run was killed\n${diagnostics}`).toBe(false);
  expect(result.exitCode, `exit code\n${diagnostics}`).toBe(exitCode);
}

/** The run ended by itself, with this exit code, and wrote a conformance.json that parses. */
export function expectFinished(result: CliRun, exitCode: number): ConformanceJson {
  expectExit(result, exitCode);
  const { report, error } = readConformanceJson(result.reportDir);
  expect(error, describeRun(result)).toBeUndefined();
  return report as ConformanceJson;
}

/** The blob zips a `--reporter=blob` run wrote to `dir` (none when it wrote nothing). */
export function blobZips(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.zip'))
        .map((name) => join(dir, name))
    : [];
}
