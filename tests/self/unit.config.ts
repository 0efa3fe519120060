import { defineConfig } from '@playwright/test';

/** Unit tests of the engine, contracts and reporters: Playwright Test used as a plain test runner. */
export default defineConfig({
  testDir: './unit',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: '../../test-results/unit',
});
