/**
 * For `npx playwright merge-reports --config merge.config.ts <blob-dir>`: the same reporters as a
 * single run, so shards merge into the same conformance report.
 */
import { defineConfig } from '@playwright/test';
import { config as loadDotenv } from 'dotenv';
import { resolveReportDir } from './engine/config';
import { conformanceReporters } from './reporters/reporter-list';

loadDotenv({ quiet: true });

export default defineConfig({
  testDir: './tests',
  reporter: conformanceReporters(resolveReportDir(process.env)),
});
