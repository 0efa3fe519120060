#!/usr/bin/env node
// @ts-check
/**
 * Writes reference/ids/<contract>.txt: the ids of the reference's generated population
 * (reference/population.js), one per line after a `#` comment line, for runs over many users.
 *
 *   node scripts/population-ids.mjs            rewrite the files
 *   node scripts/population-ids.mjs --check    exit 1 when a file is missing or stale (nothing written)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
/** @type {typeof import('../reference/population.js')} */
const { populationIdFileText } = require('../reference/population.js');
/** @type {typeof import('../reference/dialects/index.js')} */
const { dialects } = require('../reference/dialects/index.js');

const check = process.argv.includes('--check');
const unknown = process.argv.slice(2).filter((arg) => arg !== '--check');
if (unknown.length > 0) {
  console.error(
    `unknown argument ${JSON.stringify(unknown[0])}; usage: node scripts/population-ids.mjs [--check]`,
  );
  process.exit(2);
}

const dir = join(ROOT, 'reference', 'ids');
let stale = 0;
for (const contract of Object.values(dialects).map((dialect) => dialect.name)) {
  const file = join(dir, `${contract}.txt`);
  const text = populationIdFileText(contract);
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
      console.error(`${file} is stale: run node scripts/population-ids.mjs`);
      stale++;
    }
  } else {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
