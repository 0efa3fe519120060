import { defineConfig } from '@playwright/test';

/**
 * End-to-end self-tests: Playwright Test used as a runner for tests that start the reference server
 * (or a variant of it) and run the real suite against it as a child process.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // One test may run the whole suite as a child process more than once (start-up included).
  timeout: 240_000,
  reporter: [['list'], ['./e2e/support/mutation-summary-reporter.ts']],
  outputDir: '../../test-results/e2e',
});
