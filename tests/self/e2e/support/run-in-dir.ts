/**
 * Runs the real Playwright CLI like cli-run.ts's runPlaywright (hermetic environment, own process
 * group, hard kill), but from another working directory and with some suite variables *unset* rather
 * than blank: what a user's `.env` there is read for (dotenv never overrides a variable that exists,
 * even an empty one). The CLI is the repo's own (`node_modules/@playwright/test/cli.js`), so no `npx`
 * lookup happens in a directory without node_modules.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type CliRun, type CliRunOptions, hermeticEnv, newReportDir } from './cli-run';
import { REPO_ROOT } from './reference-fixtures';

export interface DirRunOptions extends CliRunOptions {
  cwd: string;
  /** Suite variables removed from the child's environment (so `.env` in `cwd` may set them). */
  unset: string[];
}

const MAX_STREAM = 2_000_000;
const PLAYWRIGHT_CLI = join(REPO_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export async function runPlaywrightIn(options: DirRunOptions): Promise<CliRun> {
  const reportDir = options.reportDir ?? newReportDir(options.label);
  const env = hermeticEnv(options, reportDir);
  for (const name of options.unset) delete env[name];
  const given = Object.entries(options.env ?? {}).filter(([, value]) => value);
  const command = `(cd ${options.cwd} && ${given.map(([n, v]) => `${n}=${v} `).join('')}playwright ${options.args.join(' ')})`;
  const started = performance.now();
  const child = spawn(process.execPath, [PLAYWRIGHT_CLI, ...options.args], {
    cwd: options.cwd,
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
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(() => {
    killed = true;
    killGroup();
  }, options.killAfterMs);
  const ended = await new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      stderr += `\n[spawn error] ${error.message}`;
      resolve({ exitCode: null, signal: null });
    });
    child.once('close', (exitCode, signal) => resolve({ exitCode, signal }));
  });
  clearTimeout(timer);
  if (killed) killGroup();
  const wallMs = Math.round(performance.now() - started);
  return { command, ...ended, killed, wallMs, stdout, stderr, reportDir };
}
