/**
 * The reporters of a conformance run, shared by playwright.config.ts and merge.config.ts so a
 * sharded-then-merged run writes exactly what a single run writes.
 */
import { join } from 'node:path';
import type { ReporterDescription } from '@playwright/test';

export function conformanceReporters(reportDir: string): ReporterDescription[] {
  return [
    ['list'],
    // The contract (project) in each test name, so CI tools keying on classname+name keep contracts apart.
    ['junit', { outputFile: join(reportDir, 'junit.xml'), includeProjectInTestName: true }],
    ['./reporters/conformance-reporter.ts', { outputDir: reportDir }],
  ];
}
