/**
 * The conformance report model: what conformance.json holds and what the HTML renders.
 * Pure: no I/O, no clock, no env — the reporter gathers those and passes them in, so the same
 * input (one run, or sharded blobs merged) always gives the same model.
 */
import {
  type CheckRecord,
  type Discrepancy,
  type Exchange,
  SCENARIO_NAMES,
  type Severity,
} from '../engine/types';

export type CheckStatus = CheckRecord['status'];

/** A violation as reported: every field present so readers need no defaults. */
export interface ReportViolation {
  instancePath: string;
  keyword: string;
  message: string;
  value: string;
  params: Record<string, unknown>;
  schemaPath: string;
  clause: string | null;
}

/** One check of one scenario. `scenario` is a string, not ScenarioName: synthetic records use the test title. */
export interface ReportCheck {
  scenario: string;
  check: string;
  description: string;
  severity: Severity;
  status: CheckStatus;
  reason?: string;
  title?: string;
  expected?: string;
  received?: string;
  violations?: ReportViolation[];
  clause: string;
  curl?: string;
  exchange?: Exchange;
}

export interface ContractCounts {
  mustPassed: number;
  mustFailed: number;
  /** Failed `should` checks: reported, but they do not break conformance. */
  shouldWarnings: number;
  skipped: number;
  total: number;
}

export interface ContractReport {
  name: string;
  /** From the contract's `x-conformance.source`; null when the contract file was not found. */
  vendor: string | null;
  sourceDoc: string | null;
  conformant: boolean;
  counts: ContractCounts;
  discrepancies: Discrepancy[];
  /** Failed must first, then warnings, skipped, passed (see compareChecks). */
  checks: ReportCheck[];
}

export interface RunInfo {
  target: string;
  /** ISO 8601, UTC. */
  startedAt: string;
  durationMs: number;
  suiteVersion: string;
  contracts: string[];
  conformant: boolean;
}

export interface ConformanceReport {
  run: RunInfo;
  contracts: ContractReport[];
}

/** The part of a contract's `x-conformance` the report uses; anything may be missing in a hand-edited file. */
export interface ContractMeta {
  source?: { file?: string; vendor?: string };
  discrepancies?: Discrepancy[];
}

export interface ContractInput {
  name: string;
  /** Null when the contract file is missing: the report still lists the contract's checks. */
  meta: ContractMeta | null;
  records: CheckRecord[];
}

export interface ReportInput {
  target: string;
  startedAt: Date | string;
  durationMs: number;
  suiteVersion: string;
  /** In display order (the reporter passes config project order, which sharded runs share). */
  contracts: ContractInput[];
}

/** How a check reads to a human: a failed `should` is a warning, not a failure. */
export type CheckOutcome = 'pass' | 'fail' | 'warning' | 'skipped';

export function checkOutcome(check: Pick<ReportCheck, 'status' | 'severity'>): CheckOutcome {
  if (check.status === 'passed') return 'pass';
  if (check.status === 'skipped') return 'skipped';
  return check.severity === 'should' ? 'warning' : 'fail';
}

const OUTCOME_RANK: Record<CheckOutcome, number> = { fail: 0, warning: 1, skipped: 2, pass: 3 };

/** Position of a scenario in SCENARIO_NAMES; unknown scenarios (synthetic titles) sort after the known ones. */
export function scenarioRank(scenario: string): number {
  const index = (SCENARIO_NAMES as readonly string[]).indexOf(scenario);
  return index === -1 ? SCENARIO_NAMES.length : index;
}

/** Code-unit comparison: locale-independent, so every machine orders the same way. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareScenarios(a: string, b: string): number {
  return scenarioRank(a) - scenarioRank(b) || compareStrings(a, b);
}

export function compareChecks(a: ReportCheck, b: ReportCheck): number {
  return (
    OUTCOME_RANK[checkOutcome(a)] - OUTCOME_RANK[checkOutcome(b)] ||
    compareScenarios(a.scenario, b.scenario) ||
    compareStrings(a.check, b.check)
  );
}

export function countChecks(checks: readonly ReportCheck[]): ContractCounts {
  const counts: ContractCounts = { mustPassed: 0, mustFailed: 0, shouldWarnings: 0, skipped: 0, total: 0 };
  for (const check of checks) {
    counts.total++;
    const outcome = checkOutcome(check);
    if (outcome === 'skipped') counts.skipped++;
    else if (outcome === 'fail') counts.mustFailed++;
    else if (outcome === 'warning') counts.shouldWarnings++;
    else if (check.severity === 'must') counts.mustPassed++;
  }
  return counts;
}

function toReportViolation(v: Partial<ReportViolation>): ReportViolation {
  return {
    instancePath: v.instancePath ?? '',
    keyword: v.keyword ?? '',
    message: v.message ?? '',
    value: v.value ?? '',
    params: v.params ?? {},
    schemaPath: v.schemaPath ?? '',
    clause: v.clause ?? null,
  };
}

/** Copies only the report's fields (drops `contract`, which the section already says) in a fixed key order. */
function toReportCheck(record: CheckRecord): ReportCheck {
  const check: ReportCheck = {
    scenario: record.scenario,
    check: record.check,
    description: record.description ?? '',
    severity: record.severity,
    status: record.status,
    clause: record.clause ?? '',
  };
  if (record.reason !== undefined) check.reason = record.reason;
  if (record.title !== undefined) check.title = record.title;
  if (record.expected !== undefined) check.expected = record.expected;
  if (record.received !== undefined) check.received = record.received;
  if (record.violations !== undefined) check.violations = record.violations.map(toReportViolation);
  if (record.curl !== undefined) check.curl = record.curl;
  if (record.exchange !== undefined) check.exchange = record.exchange;
  return check;
}

function buildContract(input: ContractInput): ContractReport {
  // Array.prototype.sort is stable, so duplicates keep the order they were recorded in.
  const checks = input.records.map(toReportCheck).sort(compareChecks);
  const counts = countChecks(checks);
  return {
    name: input.name,
    vendor: input.meta?.source?.vendor ?? null,
    sourceDoc: input.meta?.source?.file ?? null,
    conformant: counts.mustFailed === 0,
    counts,
    discrepancies: (input.meta?.discrepancies ?? []).map((d) => ({
      id: String(d.id ?? ''),
      doc: String(d.doc ?? ''),
      decision: String(d.decision ?? ''),
    })),
    checks,
  };
}

export function buildReportModel(input: ReportInput): ConformanceReport {
  const contracts = input.contracts.map(buildContract);
  const startedAt = input.startedAt instanceof Date ? input.startedAt.toISOString() : input.startedAt;
  return {
    run: {
      target: input.target,
      startedAt,
      durationMs: Math.round(input.durationMs),
      suiteVersion: input.suiteVersion,
      contracts: contracts.map((c) => c.name),
      // A run that checked no contract at all proves nothing, so it is not called conformant.
      conformant: contracts.length > 0 && contracts.every((c) => c.conformant),
    },
    contracts,
  };
}
