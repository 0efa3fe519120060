import { readFileSync } from 'node:fs';
/**
 * What the e2e tests' own servers need to know about the contracts: which request belongs to which
 * contract (path template and method), whether it needs a credential, and the doc's 200 sample.
 * Read through the engine's own contract loader, so a sixth contract is picked up by itself.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { contractNames, loadContracts } from '../../../../engine/contract-loader';

export interface ContractRoute {
  name: string;
  method: string;
  /** Matches the path (no query) of a request of this contract, any id. */
  pattern: RegExp;
  needsCredential: boolean;
  /** The doc's sample of a 200 body (`examples.docSample`, else the first example), if any. */
  sample: unknown;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function sampleOf(contract: ReturnType<typeof loadContracts>[number]): unknown {
  const document = JSON.parse(readFileSync(contract.file, 'utf8')) as OpenAPIV3_1.Document;
  const item = document.paths?.[contract.path] as Record<string, OpenAPIV3_1.OperationObject>;
  const ok = item?.[contract.method.toLowerCase()]?.responses?.['200'] as
    | OpenAPIV3_1.ResponseObject
    | undefined;
  for (const media of Object.values(ok?.content ?? {})) {
    if (media.example !== undefined) return media.example;
    const examples = (media.examples ?? {}) as Record<string, { value?: unknown }>;
    const example = examples.docSample ?? Object.values(examples)[0];
    if (example?.value !== undefined) return example.value;
  }
  return undefined;
}

export function contractRoutes(): ContractRoute[] {
  return loadContracts().map((contract) => ({
    name: contract.name,
    method: contract.method,
    pattern: new RegExp(
      `^${contract.path
        .split(/\{[^}]+\}/)
        .map(escapeRegExp)
        .join('[^/]+')}$`,
    ),
    needsCredential: contract.credential !== null,
    sample: sampleOf(contract),
  }));
}

/** The contract a request path belongs to (whatever the method: the suite also probes other methods). */
export function routeFor(routes: ContractRoute[], url: string): ContractRoute | undefined {
  const pathname = new URL(url, 'http://x').pathname;
  return routes.find((route) => route.pattern.test(pathname));
}

/** Names of every contract (the Playwright projects), sorted as the suite lists them. */
export function allContracts(): string[] {
  return contractNames();
}

/** Names of the contracts whose operation needs a credential. */
export function contractsWithAuth(): string[] {
  return contractRoutes()
    .filter((route) => route.needsCredential)
    .map((route) => route.name);
}

/**
 * The sample with every leaf of the wrong JSON type (string → number, number → string, boolean →
 * string, null → object), keeping objects and arrays so each leaf is a violation of its own.
 */
export function mistyped(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? { not: 'an array' } : value.map(mistyped);
  if (value === null) return { not: 'null' };
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, mistyped(child)]));
  }
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}
