/**
 * Id lists for sampled runs against the reference population: the published ids of a contract
 * (reference/ids/<contract>.txt, whose n-th id is population user n), a seeded shuffle (so list order
 * differs from population order), the share-of-users rule of a defect, and writing a list to a file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './reference-fixtures';

/** The ids of reference/ids/<contract>.txt in file order: position n holds population user n. */
export function populationIds(contract: string): string[] {
  return readFileSync(join(REPO_ROOT, 'reference', 'ids', `${contract}.txt`), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** mulberry32: a tiny seeded PRNG in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `items` in a seeded random order (Fisher–Yates): the same seed, the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Which population users a defect variant spoils: those whose index is `at` modulo `every`. */
export interface ShareRule {
  every: number;
  at: number;
}

/** The ids of `list` (in list order) whose population index follows the rule. */
export function idsOfRule(contract: string, list: readonly string[], rule: ShareRule): string[] {
  const indexOf = new Map(populationIds(contract).map((id, index) => [id, index]));
  return list.filter((id) => {
    const index = indexOf.get(id);
    if (index === undefined) throw new Error(`${id} is not a ${contract} population id`);
    return index % rule.every === rule.at;
  });
}

/** Writes the ids one per line after a `#` comment line (as reference/ids files are); returns the path. */
export function writeIdFile(dir: string, name: string, ids: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `# ${ids.length} ids written by tests/self/e2e/sampling.spec.ts\n${ids.join('\n')}\n`);
  return path;
}
