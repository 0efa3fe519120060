/**
 * The few lines a developer reads at the end of a run, one per contract, in aligned columns:
 *   credira          NOT CONFORMANT  21/24 must passed · 2 warnings · 1 skipped
 * "x/y must passed" counts must checks that ran (skipped ones are counted separately).
 */
import path from 'node:path';
import type { ConformanceReport } from './model';

const VERDICT_WIDTH = 'NOT CONFORMANT'.length + 2;

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

export function renderConsoleSummary(model: ConformanceReport, reportDir: string): string {
  // Names padded to the widest one (at least 15, the length of "problem-details") plus two spaces.
  const nameWidth = Math.max(15, ...model.contracts.map((c) => c.name.length)) + 2;
  const lines = [
    `Conformance of ${model.run.target}: ${model.run.conformant ? 'CONFORMANT' : 'NOT CONFORMANT'}`,
  ];
  for (const contract of model.contracts) {
    const c = contract.counts;
    lines.push(
      contract.name.padEnd(nameWidth) +
        (contract.conformant ? 'CONFORMANT' : 'NOT CONFORMANT').padEnd(VERDICT_WIDTH) +
        `${c.mustPassed}/${c.mustPassed + c.mustFailed} must passed · ${plural(c.shouldWarnings, 'warning')} · ${c.skipped} skipped`,
    );
  }
  if (model.contracts.length === 0) lines.push('No contract was checked in this run.');
  lines.push(`Conformance report: ${path.join(reportDir, 'index.html')}`);
  return `${lines.join('\n')}\n`;
}
