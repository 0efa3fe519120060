/**
 * Playwright fixtures of the conformance suite. Each project is a contract (`use.contractName`); the
 * contract, its schemas, the target and the transport's connection pool are made once per worker.
 */
import { test as base } from '@playwright/test';
import { loadSettings } from './config';
import { type LoadedContract, loadContractByName } from './contract-loader';
import { createRedactor, type Redactor } from './redaction';
import { credentialSecrets } from './scenarios';
import { type KnownIdentity, resolveTarget, type Target } from './target';
import { createTransport, type Transport } from './transport';

export interface ConformanceOptions {
  contractName: string;
  /** The key and users of a target the suite runs itself (the built-in reference); unset for a real target. */
  knownIdentity: KnownIdentity | undefined;
}

interface WorkerFixtures {
  contract: LoadedContract;
  target: Target;
  transport: Transport;
  redactor: Redactor;
}

export const test = base.extend<object, ConformanceOptions & WorkerFixtures>({
  contractName: ['', { option: true, scope: 'worker' }],
  knownIdentity: [undefined, { option: true, scope: 'worker' }],
  contract: [
    async ({ contractName }, use) => {
      // The runner validated every contract; Ajv compiles each schema on first use.
      const contract = loadContractByName(contractName, { validated: true });
      if (!contract) throw new Error(`No contract named "${contractName}" in contracts/`);
      await use(contract);
    },
    { scope: 'worker' },
  ],
  target: [
    async ({ contract, knownIdentity }, use) => {
      // Validated by playwright.config.ts in the runner process already; read again in the worker.
      const settings = loadSettings(process.env);
      const baseUrl = settings.baseUrl ?? `http://127.0.0.1:${process.env.REFERENCE_PORT}`;
      await use(resolveTarget(settings, contract, baseUrl, knownIdentity));
    },
    { scope: 'worker' },
  ],
  transport: [
    async ({ target }, use) => {
      const transport = createTransport({
        timeoutMs: target.timeoutMs,
        maxBodyBytes: target.maxBodyBytes,
        ...(target.tls ? { tls: target.tls } : {}),
      });
      await use(transport);
      await transport.close();
    },
    { scope: 'worker' },
  ],
  redactor: [
    async ({ contract, target }, use) =>
      use(createRedactor(credentialSecrets(target.apiKey, contract.credential?.forms))),
    { scope: 'worker' },
  ],
});
