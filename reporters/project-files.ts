/**
 * What the reporter reads from the project on disk: contract metadata and the suite version.
 * Looked up from Playwright's rootDir upwards and from the cwd, because under merge-reports rootDir
 * may be the (absent) directory of the machine that ran the shards.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContractMeta } from './model';

/** rootDir, its ancestors up to the first one holding package.json, then cwd; without duplicates. */
export function searchDirs(rootDir: string | undefined, cwd = process.cwd()): string[] {
  const dirs: string[] = [];
  if (rootDir) {
    let dir = path.resolve(rootDir);
    for (;;) {
      dirs.push(dir);
      const parent = path.dirname(dir);
      if (existsSync(path.join(dir, 'package.json')) || parent === dir) break;
      dir = parent;
    }
  }
  dirs.push(path.resolve(cwd));
  return [...new Set(dirs)];
}

function findFile(dirs: readonly string[], relative: string): string | undefined {
  return dirs.map((dir) => path.join(dir, relative)).find((file) => existsSync(file));
}

/**
 * The `x-conformance` source and discrepancies of `contracts/<name>.openapi.json`; null when the file
 * does not exist. Throws when it exists but cannot be read, since then the report would hide rules.
 */
export function loadContractMeta(name: string, dirs: readonly string[]): ContractMeta | null {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return null; // a project name, not a path
  const file = findFile(dirs, path.join('contracts', `${name}.openapi.json`));
  if (!file) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read contract ${file}: ${(error as Error).message}`);
  }
  const ext = (doc as { 'x-conformance'?: unknown })?.['x-conformance'];
  if (typeof ext !== 'object' || ext === null) return { discrepancies: [] };
  const { source, discrepancies } = ext as ContractMeta;
  return {
    ...(typeof source === 'object' && source !== null ? { source } : {}),
    discrepancies: Array.isArray(discrepancies) ? discrepancies : [],
  };
}

/** `version` of the suite's package.json, or "unknown". */
export function readSuiteVersion(dirs: readonly string[]): string {
  const file = findFile(dirs, 'package.json');
  if (!file) return 'unknown';
  try {
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
