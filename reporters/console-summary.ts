/**
 * The few lines a developer reads at the end of a run: which contracts were judged and how they were
 * chosen, then one line per contract in aligned columns:
 *   credira          NOT CONFORMANT  21/24 must passed · 2 warnings · 1 skipped
 *     sample: 1,000 users, 37 failed · /data/email format 37 (3.7 %)
 *   aitronos         not served      GET http://…/v1/user/u1 → 404 text/html: no JSON user at the path
 * "x/y must passed" counts must checks that ran (skipped and not-run ones are counted separately).
 */
import path from 'node:path';
import { describeProbe } from '../engine/probe';
import {
  type ConformanceReport,
  type ContractReport,
  type ContractSample,
  contractVerdict,
  countLabel,
  describeJudged,
  displayPointer,
  formatCount,
  formatShare,
  mustRatio,
  runVerdict,
  VERDICT_LABELS,
} from './model';

const VERDICT_WIDTH = Math.max(...Object.values(VERDICT_LABELS).map((label) => label.length)) + 2;
/** Sampling findings named on the console; the report lists them all. */
const TOP_FINDINGS = 3;

function countsText(contract: ContractReport): string {
  const c = contract.counts;
  const parts = [
    `${mustRatio(c)} must passed`,
    countLabel('warning', c.shouldWarnings),
    countLabel('skipped', c.skipped),
  ];
  if (c.notRun > 0) parts.push(countLabel('not-run', c.notRun));
  return parts.join(' · ');
}

function sampleLine(sample: ContractSample): string {
  // Must findings first (they decide the verdict), each group by count as the model sorts them.
  const findings = [...sample.findings]
    .sort((a, b) => Number(b.severity === 'must') - Number(a.severity === 'must'))
    .slice(0, TOP_FINDINGS)
    .map(
      (f) =>
        `${f.severity === 'must' ? '' : '(should) '}${displayPointer(f.instancePath)} ${f.keyword} ${formatCount(f.count)} (${formatShare(f.share)})`,
    );
  return [
    `  sample: ${formatCount(sample.users)} users, ${formatCount(sample.failedUsers)} failed`,
    ...findings,
  ].join(' · ');
}

function notServedText(contract: ContractReport): string {
  return contract.probe ? describeProbe(contract.probe) : 'not probed';
}

export function renderConsoleSummary(model: ConformanceReport, reportDir: string): string {
  // Names padded to the widest one (at least 15, the length of "problem-details") plus two spaces.
  const nameWidth = Math.max(15, ...model.contracts.map((c) => c.name.length)) + 2;
  const line = (contract: ContractReport, text: string) =>
    contract.name.padEnd(nameWidth) + VERDICT_LABELS[contractVerdict(contract)].padEnd(VERDICT_WIDTH) + text;
  const lines = [
    describeJudged(model.run),
    `Conformance of ${model.run.target}: ${VERDICT_LABELS[runVerdict(model.run)]}`,
  ];
  for (const contract of model.contracts.filter((c) => c.served)) {
    lines.push(line(contract, countsText(contract)));
    if (contract.sample) lines.push(sampleLine(contract.sample));
  }
  for (const contract of model.contracts.filter((c) => !c.served)) {
    lines.push(line(contract, notServedText(contract)));
  }
  if (model.contracts.length === 0) lines.push('No contract was checked in this run.');
  lines.push(`Conformance report: ${path.join(reportDir, 'index.html')}`);
  return `${lines.join('\n')}\n`;
}
