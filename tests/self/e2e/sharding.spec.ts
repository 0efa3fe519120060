/**
 * Sharding as README.md describes it: `--shard=1/2` and `--shard=2/2` with `--reporter=blob` (each
 * its own PLAYWRIGHT_BLOB_OUTPUT_DIR), both zips gathered in one directory, then
 * `npx playwright merge-reports --config merge.config.ts <dir>`. The merged conformance.json must say
 * what a single run's says: same contracts, verdicts, counts and the same (contract, scenario, check,
 * severity, status) records; timings, durations and ports are ignored. Every run is against the
 * built-in reference (each starts its own, via webServer, on a free port).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, type TestInfo, test } from '@playwright/test';
import {
  blobZips,
  type CliRun,
  type CliRunOptions,
  cleanUpAfterPass,
  describeRun,
  expectExit,
  readConformanceJson,
  runAndAttach,
} from './support/cli-run';
import type { ConformanceJson } from './support/conformance-report';
import { allContracts } from './support/contract-routes';

const KILL_AFTER_MS = 240_000;

const dirs: string[] = [];
test.afterEach(() => cleanUpAfterPass(test.info(), dirs));

const run = (testInfo: TestInfo, options: CliRunOptions): Promise<CliRun> =>
  runAndAttach(testInfo, options, dirs);

function report(result: CliRun): ConformanceJson {
  const { report: parsed, error } = readConformanceJson(result.reportDir);
  expect(error, describeRun(result)).toBeUndefined();
  return parsed as ConformanceJson;
}

/** What must survive sharding: everything but timings, durations and the target's port. */
function comparable(json: ConformanceJson) {
  return {
    conformant: json.run.conformant,
    contracts: json.contracts
      .map((contract) => ({
        name: contract.name,
        conformant: contract.conformant,
        counts: contract.counts,
        checks: contract.checks
          .map((c) => [contract.name, c.scenario, c.check, c.severity, c.status, c.reason ?? ''].join(' | '))
          .sort(),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

test('--shard=1/2 + --shard=2/2 blobs merged with merge.config.ts give the conformance.json of a single run', async () => {
  const testInfo = test.info();
  test.setTimeout(2 * KILL_AFTER_MS + 60_000);
  const root = mkdtempSync(join(tmpdir(), 'conformance-e2e-sharding-'));
  dirs.push(root);
  const blobDirs = [join(root, 'blob-1'), join(root, 'blob-2')];

  // The shards and the single run are independent: at once.
  const [shard1, shard2, single] = await Promise.all([
    ...blobDirs.map((blobDir, index) =>
      run(testInfo, {
        args: ['test', `--shard=${index + 1}/2`, '--reporter=blob'],
        env: { PLAYWRIGHT_BLOB_OUTPUT_DIR: blobDir },
        killAfterMs: KILL_AFTER_MS,
        label: `shard-${index + 1}-of-2`,
      }),
    ),
    run(testInfo, { args: ['test'], killAfterMs: KILL_AFTER_MS, label: 'shard-single-run' }),
  ]);
  for (const result of [shard1, shard2, single]) expectExit(result as CliRun, 0);
  // Each shard ran a part of the tests, together all of them.
  const testsRun = (result: CliRun | undefined) =>
    Number(/Running (\d+) tests?/.exec(result?.stdout ?? '')?.[1]);
  const total = testsRun(single);
  expect(total, describeRun(single as CliRun)).toBeGreaterThan(0);
  for (const shard of [shard1, shard2]) {
    expect(testsRun(shard), `a shard runs part of the tests\n${describeRun(shard as CliRun)}`).toBeLessThan(
      total,
    );
  }
  expect(testsRun(shard1) + testsRun(shard2), 'the shards together run every test').toBe(total);

  const allBlobs = join(root, 'all-blobs');
  mkdirSync(allBlobs);
  for (const [index, blobDir] of blobDirs.entries()) {
    const zips = blobZips(blobDir);
    expect(zips, `one blob zip from shard ${index + 1} in ${blobDir}`).toHaveLength(1);
    for (const zip of zips) copyFileSync(zip, join(allBlobs, basename(zip)));
  }
  expect(readdirSync(allBlobs), 'two distinct blob zips').toHaveLength(2);

  const merged = await run(testInfo, {
    args: ['merge-reports', '--config', 'merge.config.ts', allBlobs],
    killAfterMs: KILL_AFTER_MS,
    label: 'shard-merged',
  });
  expectExit(merged, 0);
  for (const file of ['conformance.json', 'index.html', 'junit.xml']) {
    expect(existsSync(join(merged.reportDir, file)), `merge wrote ${file}\n${describeRun(merged)}`).toBe(
      true,
    );
  }

  const mergedReport = report(merged);
  const singleReport = report(single as CliRun);
  expect(singleReport.contracts.map((c) => c.name).sort(), 'the single run covers every contract').toEqual(
    allContracts(),
  );
  expect(comparable(mergedReport), 'merged shards vs single run').toEqual(comparable(singleReport));
  expect([...(mergedReport.run.contracts as string[])].sort(), 'run.contracts').toEqual(
    [...(singleReport.run.contracts as string[])].sort(),
  );
});
