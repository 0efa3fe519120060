/**
 * Playwright fixtures of the conformance suite. Each project is a contract (`use.contractName`);
 * the contract is loaded and its schemas compiled once per worker, not per test.
 */
import { test as base } from '@playwright/test';
import { loadSettings } from './config';
import { compileAll, type LoadedContract, loadContractByName } from './contract-loader';
import { resolveTarget, type Target } from './target';

export interface ConformanceOptions {
  contractName: string;
}

export const test = base.extend<object, ConformanceOptions & { contract: LoadedContract; target: Target }>({
  contractName: ['', { option: true, scope: 'worker' }],
  contract: [
    async ({ contractName }, use) => {
      const contract = loadContractByName(contractName);
      if (!contract) throw new Error(`No contract named "${contractName}" in contracts/`);
      compileAll(contract);
      await use(contract);
    },
    { scope: 'worker' },
  ],
  target: [
    async ({ contract }, use) => {
      // Validated already by playwright.config.ts in the runner process; read again in the worker.
      const settings = loadSettings(process.env, []);
      await use(resolveTarget(settings, contract, process.env.REFERENCE_PORT));
    },
    { scope: 'worker' },
  ],
});
