/**
 * The conformance suite: one Playwright project per selected contract (contracts/*.openapi.json).
 * Configuration comes from the environment (and `.env`); see README.md and .env.example.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadSettings, type RunSettings } from './engine/config';
import { ContractError, loadContracts } from './engine/contract-loader';
import type { ConformanceOptions } from './engine/fixtures';
import { parseIdFileText } from './engine/sampling/id-list';
import {
  planSample,
  SAMPLE_ENV,
  samplePlanFromEnv,
  shardsOf,
  spreadSample,
} from './engine/sampling/sample-plan';
import type { KnownIdentity } from './engine/target';
import { conformanceReporters } from './reporters/reporter-list';

loadDotenv({ quiet: true });

function failFast(error: unknown): never {
  // Printed once, without a stack trace: the message says everything a user needs.
  console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

/** The runner's choice of projects, handed to its workers (whose argv lacks `--project`). */
const PROJECTS_ENV = 'CONFORMANCE_PROJECTS';
let settings: RunSettings;
let names: string[];
let how: string | undefined;
const fromRunner = process.env.TEST_WORKER_INDEX !== undefined ? process.env[PROJECTS_ENV] : undefined;
try {
  if (fromRunner) {
    // A worker: the runner validated everything and chose the projects; a worker only reads them.
    settings = loadSettings(process.env);
    ({ names, how } = JSON.parse(fromRunner) as { names: string[]; how: string });
  } else {
    const contracts = loadContracts();
    let listed: string[] = [];
    settings = loadSettings(process.env, {
      contracts: contracts.map((c) => ({ name: c.name, sendsKey: c.credential !== null })),
      argv: process.argv,
      parseIdList: (text) => {
        listed = parseIdFileText(text, 'USER_IDS_FILE');
        return listed;
      },
    });
    how = settings.selection?.how;
    // `--project` is Playwright's to filter; CONTRACT narrows the projects themselves.
    names = how === 'CONTRACT' ? (settings.selection?.names ?? []) : contracts.map((c) => c.name);
    process.env[PROJECTS_ENV] = JSON.stringify({ names, how });
    // Workers read the settings without the id file: they inherit its first id as USER_ID.
    if (settings.userId && !process.env.USER_ID?.trim()) process.env.USER_ID = settings.userId;
    const { userIds, userIdsFile, concurrency, ratePerSecond } = settings.sampling;
    if (userIds || userIdsFile) {
      const plan = planSample(userIds ?? listed, {
        concurrency,
        ratePerSecond,
        workers: settings.workers,
        projects: settings.selection?.names.length ?? names.length,
        shards: shardsOf(process.argv),
      });
      process.env[SAMPLE_ENV] = JSON.stringify(plan);
    }
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContractError) failFast(error);
  throw error;
}

const reference = settings.mode === 'reference';
const sample = samplePlanFromEnv();
/** The key and users of the built-in reference, per dialect: the suite knows them because it runs it. */
const referenceIdentities: Record<
  string,
  { apiKey: string; existingUserId: string; forbiddenUserId: string | null }
> = reference ? JSON.parse(readFileSync(join(__dirname, 'reference', 'fixtures.json'), 'utf8')) : {};
const identityOf = (name: string): KnownIdentity | undefined => {
  const fixture = referenceIdentities[name];
  return fixture
    ? {
        apiKey: fixture.apiKey,
        userId: fixture.existingUserId,
        forbiddenUserId: fixture.forbiddenUserId ?? undefined,
      }
    : undefined;
};

export default defineConfig<ConformanceOptions>({
  testDir: './tests',
  testMatch: 'conformance.spec.ts',
  // A project's scenarios stay on one worker: a worker is started per project anyway, and splitting one
  // would start more. Only a sample's batches run in parallel (see tests/conformance.spec.ts).
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // A retry would repeat requests against someone's staging: never.
  retries: 0,
  workers: settings.workers,
  // Each scenario sets its own bound from its request plan; this one covers the scenarios that send nothing.
  timeout: 30_000,
  // Under the report dir, so parallel runs with their own report dirs never share (and wipe) it.
  outputDir: join(settings.reportDir, 'artifacts'),
  reporter: conformanceReporters(settings.reportDir),
  globalSetup: './engine/global-setup.ts',
  // Survives blob reports, so a merged report still names its target and how contracts were chosen.
  metadata: {
    conformanceTarget: settings.baseUrl ?? 'built-in reference',
    conformanceSelection: reference ? 'reference' : how === 'all' ? 'discovery' : how,
  },
  use: {
    // Traces and screenshots would hold request headers: off.
    trace: 'off',
    screenshot: 'off',
    video: 'off',
  },
  projects: names.map((name) => ({
    name,
    // Sampling: a contract's tests stay on the workers its sample needs (see engine/sampling/sample-plan.ts).
    ...(sample ? { workers: spreadSample(sample.machine).workersPerProject } : {}),
    use: { contractName: name, knownIdentity: identityOf(name) },
  })),
  ...(reference
    ? {
        webServer: {
          command: `node reference/server.js --host 127.0.0.1 --port ${settings.referencePort ?? 0}`,
          // The port the server got is read from its "listening on" line into REFERENCE_PORT, which workers inherit.
          wait: { stdout: /reference listening on http:\/\/127\.0\.0\.1:(?<reference_port>\d+)/ },
          reuseExistingServer: false,
          timeout: 15_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      }
    : {}),
});
