/**
 * The reference server's published test data (reference/fixtures.json): the key and ids a run of
 * the suite against the reference (or one of its variants) needs, per contract.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

export interface ReferenceFixture {
  apiKey: string | null;
  existingUserId: string;
  forbiddenUserId: string | null;
}

export function referenceFixture(contract: string): ReferenceFixture {
  const all = JSON.parse(readFileSync(join(REPO_ROOT, 'reference', 'fixtures.json'), 'utf8')) as Record<
    string,
    ReferenceFixture | undefined
  >;
  const fixture = all[contract];
  if (!fixture) throw new Error(`reference/fixtures.json has no entry for contract "${contract}"`);
  return fixture;
}

/** The five contract names the reference serves, in fixtures.json order. */
export function referenceContracts(): string[] {
  return Object.keys(JSON.parse(readFileSync(join(REPO_ROOT, 'reference', 'fixtures.json'), 'utf8')));
}
