/**
 * The conformance suite: one Playwright project per contract file in contracts/.
 * Configuration comes from the environment (and `.env`); see README.md and .env.example.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadSettings, type RunSettings, selectedProjects } from './engine/config';
import { MAX_CREDENTIAL_FORMS } from './engine/conformance-extension.schema';
import { contractNames, loadContracts } from './engine/contract-loader';
import type { ConformanceOptions } from './engine/fixtures';
import { referenceBaseUrl } from './engine/target';
import { conformanceReporters } from './reporters/reporter-list';

loadDotenv({ quiet: true });

function failFast(error: unknown): never {
  // Printed once, without a stack trace: the message says everything a user needs.
  console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

// Workers load this file too. The runner process has already validated every contract and the
// `--project` selection (workers lack it in their argv), so a worker only needs the project names.
const inWorker = process.env.TEST_WORKER_INDEX !== undefined;
let names: string[];
let settings: RunSettings;
try {
  let needingKey: string[] = [];
  if (inWorker) {
    names = contractNames();
  } else {
    const contracts = loadContracts();
    names = contracts.map((c) => c.name);
    needingKey = selectedProjects(process.argv, names).filter(
      (name) => contracts.find((c) => c.name === name)?.credential,
    );
  }
  settings = loadSettings(process.env, needingKey);
} catch (error) {
  if (error instanceof ConfigError || (error instanceof Error && error.name === 'ContractError'))
    failFast(error);
  throw error;
}

/** A free port on 127.0.0.1, found once in the runner process; workers inherit it through the environment. */
function freePort(): string {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 5000 }).trim();
}

if (settings.mode === 'reference') {
  // `||=`: an empty REFERENCE_PORT (e.g. `REFERENCE_PORT=` in .env) means "pick one", not port "".
  process.env.REFERENCE_PORT ||= freePort();
  process.env.CONFORMANCE_TARGET = `built-in reference (${referenceBaseUrl(process.env.REFERENCE_PORT)})`;
}
const referencePort = process.env.REFERENCE_PORT;

export default defineConfig<ConformanceOptions>({
  testDir: './tests',
  testMatch: 'conformance.spec.ts',
  // One worker per contract: a worker is started per project anyway, and splitting a project over two
  // workers would start twice as many (measured on 2 cores: 7.3 s instead of 10.7 s for the five contracts).
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // A retry would repeat requests against someone's staging: never.
  retries: 0,
  workers: process.env.CONFORMANCE_WORKERS ? Number(process.env.CONFORMANCE_WORKERS) : 2,
  // Every request is bounded by REQUEST_TIMEOUT_MS; a scenario makes at most one request per credential form.
  timeout: settings.timeoutMs * MAX_CREDENTIAL_FORMS + 10_000,
  // Under the report dir, so parallel runs with their own report dirs never share (and wipe) it.
  outputDir: join(settings.reportDir, 'artifacts'),
  reporter: conformanceReporters(settings.reportDir),
  // Survives blob reports, so a merged report still names its target.
  metadata: { conformanceTarget: settings.baseUrl ?? process.env.CONFORMANCE_TARGET },
  use: {
    // Traces and screenshots would hold request headers: off.
    trace: 'off',
    screenshot: 'off',
    video: 'off',
  },
  projects: names.map((name) => ({ name, use: { contractName: name } })),
  ...(settings.mode === 'reference' && referencePort
    ? {
        webServer: {
          command: `node reference/server.js --host 127.0.0.1 --port ${referencePort}`,
          url: `${referenceBaseUrl(referencePort)}/__health`,
          reuseExistingServer: false,
          timeout: 15_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      }
    : {}),
});
