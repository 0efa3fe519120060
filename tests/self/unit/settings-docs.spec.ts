/** Every setting the suite reads is documented where users look: the README's table and .env.example. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SETTINGS } from '../../../engine/config';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const envExample = readFileSync(join(root, '.env.example'), 'utf8');

for (const { name } of SETTINGS) {
  test(`${name} is in the README's settings table and in .env.example`, () => {
    expect(readme).toContain(`| \`${name}\` |`);
    expect(envExample).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
}
