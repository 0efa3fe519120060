/**
 * Reading a run's conformance.json: the part of its shape the e2e tests rely on, finding the check
 * that an expectation names, and one-line descriptions of failures for assertion messages.
 */
import type {
  ConformanceReport,
  ContractReport,
  ReportCheck,
  ReportViolation,
} from '../../../../reporters/model';

// The report's own types: one wire shape, declared once (reporters/model.ts).
export type ReportViolationJson = ReportViolation;
export type ReportCheckJson = ReportCheck;
export type ContractReportJson = ContractReport;
export type ConformanceJson = ConformanceReport;

/** What the suite must report (mirrors the Expectation typedef of reference/variants/index.js). */
export interface CheckExpectation {
  check: string;
  scenario?: string;
  text?: string;
  title?: string;
  severity?: 'must' | 'should';
  /** `not-run`: the scenario was reported as never run (a dead target), the text found in its reason. */
  status?: 'failed' | 'not-run';
}

export function contractReport(report: ConformanceJson, contract: string): ContractReportJson | undefined {
  return report.contracts.find((c) => c.name === contract);
}

export function failedChecks(report: ContractReportJson, severity?: 'must' | 'should'): ReportCheckJson[] {
  return report.checks.filter((c) => c.status === 'failed' && (!severity || c.severity === severity));
}

/** Every piece of a failure an expectation's `text` may be found in. */
function haystacks(check: ReportCheckJson): string[] {
  const texts = [
    check.received ?? '',
    check.reason ?? '',
    ...Object.values(check.detail ?? {}).map((value) => JSON.stringify(value)),
  ];
  for (const v of check.violations ?? []) {
    const missing = v.params?.missingProperty;
    texts.push(v.instancePath, v.message, v.value);
    if (typeof missing === 'string') texts.push(`${v.instancePath}/${missing}`);
  }
  return texts.map((t) => t.toLowerCase());
}

/** True when `check` is the failure the expectation describes. */
export function matchesExpectation(check: ReportCheckJson, expectation: CheckExpectation): boolean {
  if (check.status !== (expectation.status ?? 'failed') || check.check !== expectation.check) return false;
  if (expectation.scenario && check.scenario !== expectation.scenario) return false;
  if (check.severity !== (expectation.severity ?? 'must')) return false;
  if (expectation.title && !(check.title ?? '').toLowerCase().includes(expectation.title.toLowerCase()))
    return false;
  if (expectation.text) {
    const wanted = expectation.text.toLowerCase();
    if (!haystacks(check).some((text) => text.includes(wanted))) return false;
  }
  return true;
}

export function describeExpectation(e: CheckExpectation): string {
  return [
    `${e.severity ?? 'must'} ${e.check}`,
    e.scenario ? `in ${e.scenario}` : 'in any scenario',
    e.title ? `titled "…${e.title}…"` : '',
    e.text ? `mentioning "${e.text}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** One line per failed check: what a reader needs to see why an expectation did not match. */
export function describeFailures(checks: ReportCheckJson[]): string {
  if (checks.length === 0) return '  (no failed check)';
  return checks
    .map((c) => {
      const violations = (c.violations ?? [])
        .map((v) => `${v.instancePath || '(body)'} ${v.keyword} ${v.message}`)
        .join('; ');
      const received = (c.received ?? '').replace(/\s+/g, ' ').slice(0, 200);
      return `  [${c.severity}] ${c.scenario} › ${c.check}: ${c.title ?? ''} — received ${received}${violations ? ` — violations: ${violations}` : ''}`;
    })
    .join('\n');
}
