/**
 * Starts the reference server (optionally with a variant) as a child process on 127.0.0.1, port 0,
 * and reads its port from the one line it prints. Every wait is bounded; `stop()` ends exactly that
 * process (by its PID) and waits for it, killing it if SIGTERM is not enough.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './reference-fixtures';

const LISTENING = /reference listening on (http:\/\/127\.0\.0\.1:(\d+))/;

export interface RunningReference {
  baseUrl: string;
  port: number;
  pid: number;
  /** What the server wrote to stderr so far (hook errors, startup problems). */
  stderr: () => string;
  stop: () => Promise<void>;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** Ends one child by PID: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, graceMs)) return;
  child.kill('SIGKILL');
  await waitForExit(child, graceMs);
}

export async function startReference(
  options: { variant?: string; startTimeoutMs?: number } = {},
): Promise<RunningReference> {
  const args = [join(REPO_ROOT, 'reference', 'server.js'), '--host', '127.0.0.1', '--port', '0'];
  if (options.variant) args.push('--variant', options.variant);
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timeoutMs = options.startTimeoutMs ?? 10_000;
  try {
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reference did not report its port within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const found = LISTENING.exec(stdout);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`reference exited (${signal ?? code}) before listening: ${stderr.trim()}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return {
      baseUrl: match[1] ?? '',
      port: Number(match[2]),
      pid: child.pid ?? -1,
      stderr: () => stderr,
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** A port on 127.0.0.1 that was free a moment ago and has nothing listening now. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
