/**
 * Debian's Chromium for the report tests (`npx playwright install` is not available here; CI
 * installs the `chromium` package). Tests skip, saying why, when it is missing.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from '@playwright/test';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_MISSING = !existsSync(CHROMIUM_PATH);

export const CHROMIUM_SKIP_REASON = `Debian's Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium; .ci/run installs it)`;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 60_000 });
}
