/**
 * The suite's command-line interface, end to end: the real `npx playwright test` in a child process
 * (cwd = repo root, hermetic environment, own report dir, hard kill timeout), as README.md tells
 * users to run it.
 *   - against the built-in reference: exit 0, every contract conformant, report files and console summary;
 *   - `--project` selects contracts;
 *   - bad configuration stops the run before any request, with one message naming the variable, the
 *     bad value and what is expected (a counting server proves that nothing was requested);
 *   - a wrong API_KEY fails with a message that says what to check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type TestInfo, test } from '@playwright/test';
import {
  type CliRun,
  type CliRunOptions,
  cleanUpAfterPass,
  describeRun,
  expectFinished,
  runAndAttach,
} from './support/cli-run';
import { type ConformanceJson, describeFailures, failedChecks } from './support/conformance-report';
import { allContracts } from './support/contract-routes';
import { describeRequests, type LocalServer, startCountingServer } from './support/local-servers';
import { referenceFixture } from './support/reference-fixtures';
import { startReference } from './support/reference-server';

/** Hard kill of a run of every contract / of one contract / of a run that must stop at once. */
const KILL_FULL_RUN_MS = 180_000;
const KILL_ONE_CONTRACT_MS = 90_000;
const KILL_CONFIG_ERROR_MS = 60_000;

const dirs: string[] = [];
test.afterEach(() => cleanUpAfterPass(test.info(), dirs));

const run = (testInfo: TestInfo, options: CliRunOptions): Promise<CliRun> =>
  runAndAttach(testInfo, options, dirs);

function expectAllConformant(report: ConformanceJson, contracts: string[], diagnostics: string): void {
  expect(report.contracts.map((c) => c.name).sort(), diagnostics).toEqual([...contracts].sort());
  for (const contract of report.contracts) {
    const failures = describeFailures(failedChecks(contract, 'must'));
    expect(contract.counts.mustFailed, `${contract.name} must failures:\n${failures}`).toBe(0);
    expect(contract.conformant, `${contract.name} is not conformant:\n${failures}`).toBe(true);
  }
  expect(report.run.conformant, diagnostics).toBe(true);
}

test('built-in reference, every contract: exit 0, all conformant, index.html, junit.xml and console summary', async () => {
  const testInfo = test.info();
  test.setTimeout(KILL_FULL_RUN_MS + 30_000);
  const result = await run(testInfo, {
    args: ['test'],
    killAfterMs: KILL_FULL_RUN_MS,
    label: 'cli-reference-all',
  });
  const diagnostics = describeRun(result);
  const report = expectFinished(result, 0);
  const contracts = allContracts();
  expectAllConformant(report, contracts, diagnostics);

  expect(existsSync(join(result.reportDir, 'index.html')), `index.html\n${diagnostics}`).toBe(true);
  const junitPath = join(result.reportDir, 'junit.xml');
  expect(existsSync(junitPath), `junit.xml\n${diagnostics}`).toBe(true);
  const junit = readFileSync(junitPath, 'utf8');
  expect(junit).toContain('<testsuites');
  expect(junit).toMatch(/<testsuites[^>]* failures="0"/);
  // Playwright's JUnit reporter names the project (= contract) of a suite in its hostname.
  for (const name of contracts) {
    expect(junit, `junit.xml has ${name}'s suite`).toMatch(new RegExp(`<testsuite [^>]*hostname="${name}"`));
  }

  // One summary line per contract, its numbers those of conformance.json, then the report's path.
  const lines = result.stdout.split(/\r?\n/);
  for (const contract of report.contracts) {
    const c = contract.counts;
    const pattern = new RegExp(
      `^${contract.name}\\s+CONFORMANT\\s+(\\d+)/(\\d+) must passed · (\\d+) warnings? · (\\d+) skipped$`,
    );
    const matching = lines.filter((line) => pattern.test(line));
    expect(matching, `one summary line for ${contract.name}\n${diagnostics}`).toHaveLength(1);
    const [, passed, ran, warnings, skipped] = pattern.exec(matching[0] ?? '') ?? [];
    expect([passed, ran, warnings, skipped].map(Number), `${contract.name}'s summary line`).toEqual([
      c.mustPassed,
      c.mustPassed + c.mustFailed,
      c.shouldWarnings,
      c.skipped,
    ]);
  }
  expect(result.stdout, diagnostics).toContain(`Conformance report: ${join(result.reportDir, 'index.html')}`);
});

test('--project credira runs only credira', async () => {
  const testInfo = test.info();
  test.setTimeout(KILL_ONE_CONTRACT_MS + 30_000);
  const result = await run(testInfo, {
    args: ['test', '--project', 'credira'],
    killAfterMs: KILL_ONE_CONTRACT_MS,
    label: 'cli-project-credira',
  });
  const diagnostics = describeRun(result);
  const report = expectFinished(result, 0);
  expectAllConformant(report, ['credira'], diagnostics);
  expect(report.run.contracts, diagnostics).toEqual(['credira']);
  for (const other of allContracts().filter((name) => name !== 'credira')) {
    expect(result.stdout, `${other} did not run`).not.toContain(`[${other}]`);
  }
});

interface ConfigErrorCase {
  title: string;
  args: string[];
  /** The run's variables; `target` is the counting server's URL. */
  env: (target: string) => Record<string, string>;
  /** The variable (or option) the message names. */
  names: string;
  /** Everything the one line naming it must also say: the bad value and what is expected. */
  says: (string | RegExp)[];
  /** README: bad configuration exits 2; Playwright's own refusal of `--project` exits 1. */
  exitCode: number;
  /** Set while the suite is known to get this case wrong: the test is then expected to fail. */
  knownIssue?: string;
}

const credira = referenceFixture('credira');

const CONFIG_ERRORS: ConfigErrorCase[] = [
  {
    title: 'BASE_URL=ftp://x',
    args: ['test'],
    env: () => ({ BASE_URL: 'ftp://x', API_KEY: 'some-key', USER_ID: 'user_1' }),
    names: 'BASE_URL',
    says: ['"ftp://x"', /expected an http\(s\) URL/],
    exitCode: 2,
  },
  {
    title: 'BASE_URL set without USER_ID',
    args: ['test'],
    env: (target) => ({ BASE_URL: target, API_KEY: 'some-key' }),
    names: 'USER_ID',
    says: ['is not set', /USER_ID must name an existing user/],
    exitCode: 2,
  },
  {
    title: 'no API_KEY for a contract that needs one (--project credira)',
    args: ['test', '--project', 'credira'],
    env: (target) => ({ BASE_URL: target, USER_ID: credira.existingUserId }),
    names: 'API_KEY',
    says: ['is not set', '"credira"', /require a credential/],
    exitCode: 2,
  },
  {
    // Playwright matches --project case-insensitively (and with * wildcards); the config's check must too.
    title: 'no API_KEY for a contract that needs one (--project Credira)',
    args: ['test', '--project', 'Credira'],
    env: (target) => ({ BASE_URL: target, USER_ID: credira.existingUserId }),
    names: 'API_KEY',
    says: ['is not set', '"credira"', /require a credential/],
    exitCode: 2,
  },
  {
    title: 'REQUEST_TIMEOUT_MS=abc',
    args: ['test'],
    env: (target) => ({
      BASE_URL: target,
      API_KEY: 'some-key',
      USER_ID: 'user_1',
      REQUEST_TIMEOUT_MS: 'abc',
    }),
    names: 'REQUEST_TIMEOUT_MS',
    says: ['"abc"', /expected a whole number of milliseconds/],
    exitCode: 2,
  },
  {
    // A typo in --project is a configuration error like a typo in CONTRACT (Playwright's own: exit 1, a stack).
    title: 'unknown --project credria',
    args: ['test', '--project', 'credria'],
    env: (target) => ({ BASE_URL: target, API_KEY: 'some-key', USER_ID: 'user_1' }),
    names: '--project',
    says: [
      '"credria"',
      `expected a contract name from ${allContracts()
        .map((n) => `"${n}"`)
        .join(', ')}`,
    ],
    exitCode: 2,
  },
];

test.describe('bad configuration stops the run before any request', () => {
  for (const c of CONFIG_ERRORS) {
    test(c.title, async () => {
      const testInfo = test.info();
      test.setTimeout(KILL_CONFIG_ERROR_MS + 30_000);
      if (c.knownIssue) test.fail(true, `known issue: ${c.knownIssue}`);
      const counting: LocalServer = await startCountingServer();
      let result: CliRun;
      try {
        result = await run(testInfo, {
          args: c.args,
          env: c.env(counting.baseUrl),
          killAfterMs: KILL_CONFIG_ERROR_MS,
          label: `cli-config-${c.names}`,
        });
      } finally {
        await counting.close();
      }
      const diagnostics = describeRun(result);
      expect(result.killed, `the run was killed\n${diagnostics}`).toBe(false);
      expect(result.exitCode, `exit code\n${diagnostics}`).toBe(c.exitCode);
      expect(
        counting.requests,
        `requests the target got:\n${describeRequests(counting.requests)}\n${diagnostics}`,
      ).toHaveLength(0);
      expect(result.stdout, `no test started\n${diagnostics}`).not.toMatch(/Running \d+ tests?/);
      expect(
        existsSync(join(result.reportDir, 'conformance.json')),
        'no report of a run that never ran',
      ).toBe(false);

      // One message: the one line that names the variable says its value and what is expected.
      const output = `${result.stdout}\n${result.stderr}`;
      const naming = output.split(/\r?\n/).filter((line) => line.includes(c.names));
      expect(naming, `exactly one line names ${c.names}\n${diagnostics}`).toHaveLength(1);
      const line = naming[0] ?? '';
      for (const part of c.says) {
        if (typeof part === 'string') expect(line, `the message says ${part}`).toContain(part);
        else expect(line, `the message says ${part}`).toMatch(part);
      }
      if (c.exitCode === 2) {
        expect(
          output.match(/Configuration error/g),
          `one configuration message\n${diagnostics}`,
        ).toHaveLength(1);
        expect(output, `no stack trace\n${diagnostics}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      }
    });
  }
});

test('BASE_URL without API_KEY runs a contract without auth (--project problem-details)', async () => {
  const testInfo = test.info();
  test.setTimeout(KILL_ONE_CONTRACT_MS + 30_000);
  const reference = await startReference();
  let result: CliRun;
  try {
    result = await run(testInfo, {
      args: ['test', '--project', 'problem-details'],
      env: { BASE_URL: reference.baseUrl, USER_ID: referenceFixture('problem-details').existingUserId },
      killAfterMs: KILL_ONE_CONTRACT_MS,
      label: 'cli-no-key-problem-details',
    });
  } finally {
    await reference.stop();
  }
  const diagnostics = describeRun(result);
  expect(`${result.stdout}\n${result.stderr}`, diagnostics).not.toContain('Configuration error');
  const report = expectFinished(result, 0);
  expectAllConformant(report, ['problem-details'], diagnostics);
});

test('a wrong API_KEY fails existingUser with 401 and says to check API_KEY', async () => {
  const testInfo = test.info();
  test.setTimeout(KILL_ONE_CONTRACT_MS + 30_000);
  const reference = await startReference();
  let result: CliRun;
  try {
    result = await run(testInfo, {
      args: ['test', '--project', 'credira'],
      env: {
        BASE_URL: reference.baseUrl,
        API_KEY: 'crd_test_wrong_key_0000',
        USER_ID: credira.existingUserId,
        FORBIDDEN_USER_ID: credira.forbiddenUserId ?? '',
      },
      killAfterMs: KILL_ONE_CONTRACT_MS,
      label: 'cli-wrong-key',
    });
  } finally {
    await reference.stop();
  }
  const diagnostics = describeRun(result);
  const report = expectFinished(result, 1);
  expect(report.contracts.map((c) => c.name)).toEqual(['credira']);
  expect(report.contracts[0]?.conformant, diagnostics).toBe(false);
  // The failure as Playwright's list reporter prints it.
  expect(result.stdout, diagnostics).toMatch(
    /existingUser › statusCodeConformance[^\n]*\n\s*Expected: 200\b[^\n]*\n\s*Received: 401\b[^\n]*check API_KEY/,
  );
  for (const text of [
    'existingUser',
    'statusCodeConformance',
    'Expected: 200',
    'Received: 401',
    'check API_KEY',
  ]) {
    expect(result.stdout, `stdout names ${text}`).toContain(text);
  }
});
