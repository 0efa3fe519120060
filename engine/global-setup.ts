/**
 * Runs once in the runner process before any worker: is anybody answering where the selected
 * contracts live at BASE_URL, and which contracts does it serve? Workers inherit the answers through
 * the environment (each shard finds out for itself). Nothing is probed against the built-in
 * reference, which serves every contract.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { loadSettings, type RunSettings, selectedProjects } from './config';
import { type LoadedContract, loadContractByName } from './contract-loader';
import { deadTargetReason, preflightRequest, probeContract } from './discovery';
import { DEAD_TARGET_ENV, describeProbe, PROBES_ENV, type Probe } from './probe';
import { HOLDS_FILE_ENV } from './rate-limit-holds';
import { createRedactor } from './redaction';
import { credentialSecrets } from './scenarios';
import { resolveTarget } from './target';
import { createTransport, type OutgoingRequest } from './transport';

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  delete process.env[DEAD_TARGET_ENV];
  delete process.env[PROBES_ENV];
  // One file per run where every process records the holds (Retry-After) it received; workers inherit the name.
  const holdsDir = mkdtempSync(join(tmpdir(), 'conformance-holds-'));
  process.env[HOLDS_FILE_ENV] = join(holdsDir, 'holds.json');
  const teardown = async () => rmSync(holdsDir, { recursive: true, force: true });
  await discover(config);
  return teardown;
}

async function discover(config: FullConfig): Promise<void> {
  const settings = loadSettings(process.env);
  if (settings.mode === 'reference' || !settings.baseUrl) return;
  const contracts = config.projects.flatMap((project) => loadContractByName(project.name) ?? []);
  // What a probe says quotes the target (a media type, member names): it may echo the key.
  const redactor = createRedactor(
    credentialSecrets(
      settings.apiKey,
      contracts.flatMap((contract) => contract.credential?.forms ?? []),
    ),
  );
  const transport = createTransport({
    timeoutMs: settings.timeoutMs,
    maxBodyBytes: settings.maxBodyBytes,
    ...(settings.tls ? { tls: settings.tls } : {}),
  });
  try {
    const preflight = preflightRequests(contracts, process.argv, settings, settings.baseUrl);
    const found = await deadTargetReason(preflight, transport, settings.timeoutMs);
    const dead = found && redactor.text(found);
    if (dead) {
      process.env[DEAD_TARGET_ENV] = dead;
      process.stdout.write(`\n${dead}: no scenario is run.\n`);
      return;
    }
    if (config.metadata.conformanceSelection !== 'discovery') return;
    const shard = config.shard
      ? ` (shard ${config.shard.current}/${config.shard.total} discovers for itself)`
      : '';
    process.stdout.write(
      `\nNo CONTRACT or --project given: probing which contracts ${settings.baseUrl} serves${shard}…\n`,
    );
    const probes: Probe[] = [];
    for (const contract of contracts) {
      const target = resolveTarget(settings, contract, settings.baseUrl, undefined);
      probes.push(redactor.deep(await probeContract(contract, target, transport)));
    }
    process.env[PROBES_ENV] = JSON.stringify(probes);
    process.stdout.write(probesText(probes, settings.baseUrl));
  } finally {
    await transport.close();
  }
}

/** One request per selected contract: config.projects lists every contract, `--project` only filters what runs. */
function preflightRequests(
  contracts: readonly LoadedContract[],
  argv: readonly string[],
  settings: RunSettings,
  baseUrl: string,
): OutgoingRequest[] {
  const selected = selectedProjects(
    argv,
    contracts.map((contract) => contract.name),
  );
  return contracts
    .filter((contract) => selected.includes(contract.name))
    .map((contract) => preflightRequest(contract, resolveTarget(settings, contract, baseUrl, undefined)));
}

/** One line per probe, then, when none is served, what to do about it. */
export function probesText(probes: readonly Probe[], baseUrl: string): string {
  const width = Math.max(15, ...probes.map((p) => p.contract.length)) + 1;
  const lines = probes.map(
    (p) => `  ${p.contract.padEnd(width)}${p.served ? 'served    ' : 'not served'}  ${describeProbe(p)}`,
  );
  if (probes.length > 0 && !probes.some((p) => p.served)) {
    lines.push(
      `None of the ${probes.length} contracts is served at ${baseUrl}: check BASE_URL (each contract's path is appended to it) and USER_ID, or name the contract the target implements with CONTRACT=<name> (${probes.map((p) => p.contract).join(', ')}) to judge it anyway.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
