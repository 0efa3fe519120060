/** The target of one contract's run: where to send requests, with which key and ids. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunSettings } from './config';
import type { LoadedContract } from './contract-loader';

export interface Target {
  origin: 'reference' | 'external';
  baseUrl: string;
  apiKey: string | undefined;
  userId: string;
  unknownUserId: string;
  forbiddenUserId: string | undefined;
  malformedUserId: string | null;
  timeoutMs: number;
}

/** What the reference implementation publishes about its fixtures (reference/fixtures.json). */
interface ReferenceFixture {
  apiKey: string;
  existingUserId: string;
  /** null where the dialect has no notion of a forbidden user (no authentication). */
  forbiddenUserId: string | null;
}

export const REFERENCE_FIXTURES = resolve(__dirname, '..', 'reference', 'fixtures.json');

function referenceFixture(contract: string): ReferenceFixture {
  const all = JSON.parse(readFileSync(REFERENCE_FIXTURES, 'utf8')) as Record<
    string,
    ReferenceFixture | undefined
  >;
  const fixture = all[contract];
  if (!fixture) {
    throw new Error(
      `The built-in reference has no fixtures for contract "${contract}" (known: ${Object.keys(all).join(', ')}); set BASE_URL to test it against a real target`,
    );
  }
  return fixture;
}

export function referenceBaseUrl(port: string | number): string {
  return `http://127.0.0.1:${port}`;
}

export function resolveTarget(
  settings: RunSettings,
  contract: LoadedContract,
  referencePort: string | undefined,
): Target {
  const ids = {
    unknownUserId: settings.unknownUserId ?? contract.x.ids.unknown,
    malformedUserId: settings.malformedUserId ?? contract.x.ids.malformed,
    timeoutMs: settings.timeoutMs,
  };
  if (settings.mode === 'reference') {
    if (!referencePort)
      throw new Error(
        'REFERENCE_PORT is not set: the reference server was not started by playwright.config.ts',
      );
    const fixture = referenceFixture(contract.name);
    return {
      origin: 'reference',
      baseUrl: referenceBaseUrl(referencePort),
      apiKey: fixture.apiKey,
      userId: fixture.existingUserId,
      forbiddenUserId: fixture.forbiddenUserId ?? undefined,
      ...ids,
    };
  }
  return {
    origin: 'external',
    baseUrl: settings.baseUrl ?? '',
    apiKey: settings.apiKey,
    userId: settings.userId ?? '',
    forbiddenUserId: settings.forbiddenUserId,
    ...ids,
  };
}
