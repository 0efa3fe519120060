/**
 * The conformance report model: what conformance.json holds and what the HTML and the console render,
 * plus the one display vocabulary (outcomes, verdicts, their labels) both renderers use.
 * Pure: no I/O, no clock, no env — the reporter gathers those and passes them in, so the same
 * input (one run, or sharded blobs merged) always gives the same model.
 */
import { compareCodeUnits } from '../engine/json-text';
import type { Probe } from '../engine/probe';
import { compareFindings } from '../engine/sampling/aggregate';
import {
  type CheckRecord,
  type CheckStatus,
  type Discrepancy,
  SCENARIO_NAMES,
  type Severity,
} from '../engine/types';

export type { CheckStatus, Severity };

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

/** One check of one scenario: the wire record without its contract (the section says it), violations filled in. */
export type ReportCheck = Omit<CheckRecord, 'contract' | 'violations'> & { violations?: ReportViolation[] };

export interface ContractCounts {
  mustPassed: number;
  mustFailed: number;
  /** Failed `should` checks: reported, but they do not break conformance. */
  shouldWarnings: number;
  skipped: number;
  /** Checks whose scenario never ran (dead target, interrupted run), whatever their severity. */
  notRun: number;
  total: number;
}

/** Discovery: the one request that found out whether the target speaks a contract. */
export type ProbeReport = Omit<Probe, 'contract'>;

/** One sampled user whose response broke a rule. */
export interface SampleExample {
  id: string;
  expected?: string;
  received?: string;
  curl?: string;
}

/** Sampling input: one rule broken by `count` of the sampled users. */
export interface SampleFindingInput {
  check: string;
  severity: Severity;
  instancePath: string;
  keyword: string;
  count: number;
  examples: SampleExample[];
}

/** Sampling input: many users read, each checked against the contract. */
export interface SampleReport {
  users: number;
  failedUsers: number;
  findings: SampleFindingInput[];
}

export interface SampleFinding {
  check: string;
  severity: Severity;
  instancePath: string;
  keyword: string;
  count: number;
  /** count / users, 0..1. */
  share: number;
  /** Ids of the example users (the documented shape); their expected/received/curl are in exampleDetails. */
  examples: string[];
  exampleDetails: SampleExample[];
}

export interface ContractSample {
  users: number;
  failedUsers: number;
  /** Most frequent first (see compareFindings). */
  findings: SampleFinding[];
}

export interface ContractReport {
  name: string;
  /** From the contract's `x-conformance.source`; null when the contract file was not found. */
  vendor: string | null;
  sourceDoc: string | null;
  /** Whether the target speaks this contract; a contract that is not served is not judged. */
  served: boolean;
  /** Null when not served. False on a failed must check, a must check that never ran, or a must sampling finding. */
  conformant: boolean | null;
  probe: ProbeReport | null;
  counts: ContractCounts;
  sample?: ContractSample;
  discrepancies: Discrepancy[];
  /** Failed must first, then not run, warnings, skipped, passed (see compareChecks). */
  checks: ReportCheck[];
}

/** How the contracts of a run were chosen: Playwright's --project, $CONTRACT, probing the target, every contract, or every contract against the built-in reference. */
export type ContractSelection = 'project' | 'CONTRACT' | 'discovery' | 'all' | 'reference';

export interface RunInfo {
  target: string;
  /** ISO 8601, UTC. */
  startedAt: string;
  durationMs: number;
  suiteVersion: string;
  selection: ContractSelection;
  /** Why the target never answered; null when it did. */
  deadTarget: string | null;
  contracts: string[];
  /** The served contracts, i.e. those with a verdict. */
  judged: string[];
  /** At least one contract judged, and every judged contract conformant. */
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
  /** Default true. */
  served?: boolean;
  probe?: ProbeReport | null;
  sample?: SampleReport;
}

export interface ReportInput {
  target: string;
  startedAt: Date | string;
  durationMs: number;
  suiteVersion: string;
  /** Default 'all'. */
  selection?: ContractSelection;
  /** Default null. */
  deadTarget?: string | null;
  /** In display order (the reporter passes config project order, which sharded runs share). */
  contracts: ContractInput[];
}

// ---------------------------------------------------------------- display vocabulary

/** How a check reads to a human: a failed `should` is a warning, not a failure. */
export type DisplayOutcome = 'pass' | 'fail' | 'warning' | 'skipped' | 'not-run';

export interface OutcomeLabel {
  symbol: string;
  /** Matrix cells and detail badges. */
  badge: string;
  /** Section headings and filters. */
  heading: string;
  /** After a count: 1 warning, 2 warnings. */
  one: string;
  many: string;
}

/** The only labels of outcomes, for the HTML and the console alike. */
export const OUTCOME_LABELS: Readonly<Record<DisplayOutcome, OutcomeLabel>> = {
  fail: { symbol: '✗', badge: 'FAIL', heading: 'Failures', one: 'failure', many: 'failures' },
  'not-run': { symbol: '○', badge: 'NOT RUN', heading: 'Not run', one: 'not run', many: 'not run' },
  warning: { symbol: '!', badge: 'WARNING', heading: 'Warnings', one: 'warning', many: 'warnings' },
  skipped: { symbol: '–', badge: 'SKIPPED', heading: 'Skipped', one: 'skipped', many: 'skipped' },
  pass: { symbol: '✓', badge: 'PASS', heading: 'Passed', one: 'passed', many: 'passed' },
};

/** Worst first: the order of checks in the model and of sections in the HTML. */
export const DISPLAY_OUTCOMES = Object.keys(OUTCOME_LABELS) as DisplayOutcome[];

/** `✗ FAIL`: how an outcome reads in a matrix cell or a badge. */
export function outcomeText(outcome: DisplayOutcome): string {
  return `${OUTCOME_LABELS[outcome].symbol} ${OUTCOME_LABELS[outcome].badge}`;
}

export function displayOutcome(check: Pick<ReportCheck, 'status' | 'severity'>): DisplayOutcome {
  if (check.status === 'passed') return 'pass';
  if (check.status === 'skipped') return 'skipped';
  if (check.status === 'not-run') return 'not-run';
  return check.severity === 'should' ? 'warning' : 'fail';
}

export type Verdict = 'conformant' | 'not-conformant' | 'not-served';

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  conformant: 'CONFORMANT',
  'not-conformant': 'NOT CONFORMANT',
  'not-served': 'not served',
};

export function contractVerdict(contract: Pick<ContractReport, 'conformant'>): Verdict {
  if (contract.conformant === null) return 'not-served';
  return contract.conformant ? 'conformant' : 'not-conformant';
}

export function runVerdict(run: Pick<RunInfo, 'conformant'>): Verdict {
  return run.conformant ? 'conformant' : 'not-conformant';
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `3 warnings`, `1 warning`, `2 not run`. */
export function countLabel(outcome: DisplayOutcome, n: number): string {
  const label = OUTCOME_LABELS[outcome];
  return `${formatCount(n)} ${n === 1 ? label.one : label.many}`;
}

/** 0.037 → "3.7 %". */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** "x/y must passed" counts the must checks that ran. */
export function mustRatio(counts: ContractCounts): string {
  return `${formatCount(counts.mustPassed)}/${formatCount(counts.mustPassed + counts.mustFailed)}`;
}

/** A JSON pointer as a reader sees it: the root is "(root)", not an empty string. */
export function displayPointer(pointer: string): string {
  return pointer === '' ? '(root)' : pointer;
}

const SELECTION_TEXT: Record<ContractSelection, string> = {
  project: "chosen with Playwright's --project",
  CONTRACT: 'chosen with the CONTRACT variable',
  discovery: 'found by probing the target for each contract',
  all: 'every contract (neither CONTRACT nor --project given)',
  reference: 'against the built-in reference',
};

/** Which contracts were judged and how they were chosen; after discovery, how to pin the choice. */
export function describeJudged(
  run: Pick<RunInfo, 'judged' | 'contracts' | 'selection' | 'deadTarget'>,
): string {
  if (run.deadTarget !== null) return `Judged: none — the target never answered (${run.deadTarget})`;
  if (run.judged.length === 0) {
    return `Judged: none — the target serves none of the ${run.contracts.length} contract(s) ${
      run.selection === 'discovery' ? 'probed' : 'selected'
    }; check BASE_URL and USER_ID, or name the contract with CONTRACT=<name>`;
  }
  const pin =
    run.selection !== 'discovery'
      ? ''
      : run.judged.length === 1
        ? `; pin it with CONTRACT=${run.judged[0]}`
        : `; pin one with CONTRACT=<name> (${run.judged.join(', ')})`;
  return `Judged: ${run.judged.join(', ')} (${SELECTION_TEXT[run.selection]}${pin})`;
}

// ---------------------------------------------------------------- ordering

const OUTCOME_RANK = Object.fromEntries(DISPLAY_OUTCOMES.map((o, i) => [o, i])) as Record<
  DisplayOutcome,
  number
>;

/** Position of a scenario in SCENARIO_NAMES; unknown scenarios (synthetic titles) sort after the known ones. */
export function scenarioRank(scenario: string): number {
  const index = (SCENARIO_NAMES as readonly string[]).indexOf(scenario);
  return index === -1 ? SCENARIO_NAMES.length : index;
}

export function compareScenarios(a: string, b: string): number {
  return scenarioRank(a) - scenarioRank(b) || compareCodeUnits(a, b);
}

export function compareChecks(a: ReportCheck, b: ReportCheck): number {
  return (
    OUTCOME_RANK[displayOutcome(a)] - OUTCOME_RANK[displayOutcome(b)] ||
    compareScenarios(a.scenario, b.scenario) ||
    compareCodeUnits(a.check, b.check)
  );
}

// ---------------------------------------------------------------- building

export function countChecks(checks: readonly ReportCheck[]): ContractCounts {
  const counts: ContractCounts = {
    mustPassed: 0,
    mustFailed: 0,
    shouldWarnings: 0,
    skipped: 0,
    notRun: 0,
    total: 0,
  };
  for (const check of checks) {
    counts.total++;
    const outcome = displayOutcome(check);
    if (outcome === 'skipped') counts.skipped++;
    else if (outcome === 'not-run') counts.notRun++;
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
  if (record.detail !== undefined) check.detail = record.detail;
  if (record.violations !== undefined) check.violations = record.violations.map(toReportViolation);
  if (record.curl !== undefined) check.curl = record.curl;
  if (record.exchange !== undefined) check.exchange = record.exchange;
  return check;
}

function toSampleExample(example: SampleExample): SampleExample {
  const out: SampleExample = { id: String(example.id) };
  if (example.expected !== undefined) out.expected = example.expected;
  if (example.received !== undefined) out.received = example.received;
  if (example.curl !== undefined) out.curl = example.curl;
  return out;
}

function toContractSample(sample: SampleReport): ContractSample {
  const findings = sample.findings.map((f): SampleFinding => {
    const details = f.examples.map(toSampleExample);
    return {
      check: f.check,
      severity: f.severity,
      instancePath: f.instancePath,
      keyword: f.keyword,
      count: f.count,
      share: sample.users > 0 ? Math.min(1, Math.max(0, f.count / sample.users)) : 0,
      examples: details.map((e) => e.id),
      exampleDetails: details,
    };
  });
  return { users: sample.users, failedUsers: sample.failedUsers, findings: findings.sort(compareFindings) };
}

/** Not proven conformant: a failed must, a must that never ran, or a must rule broken by sampled users. */
function isConformant(checks: readonly ReportCheck[], sample: ContractSample | undefined): boolean {
  const unproven = checks.some(
    (c) => c.severity === 'must' && (c.status === 'failed' || c.status === 'not-run'),
  );
  return !unproven && !(sample?.findings.some((f) => f.severity === 'must' && f.count > 0) ?? false);
}

function toProbeReport(probe: ProbeReport): ProbeReport {
  return {
    method: probe.method,
    url: probe.url,
    status: probe.status,
    mediaType: probe.mediaType,
    served: probe.served,
    reason: probe.reason,
  };
}

function buildContract(input: ContractInput): ContractReport {
  // Array.prototype.sort is stable, so duplicates keep the order they were recorded in.
  const checks = input.records.map(toReportCheck).sort(compareChecks);
  const served = input.served ?? true;
  const sample = input.sample ? toContractSample(input.sample) : undefined;
  return {
    name: input.name,
    vendor: input.meta?.source?.vendor ?? null,
    sourceDoc: input.meta?.source?.file ?? null,
    served,
    conformant: served ? isConformant(checks, sample) : null,
    probe: input.probe ? toProbeReport(input.probe) : null,
    counts: countChecks(checks),
    ...(sample ? { sample } : {}),
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
  const judged = contracts.filter((c) => c.served);
  const startedAt = input.startedAt instanceof Date ? input.startedAt.toISOString() : input.startedAt;
  return {
    run: {
      target: input.target,
      startedAt,
      durationMs: Math.round(input.durationMs),
      suiteVersion: input.suiteVersion,
      selection: input.selection ?? 'all',
      deadTarget: input.deadTarget ?? null,
      contracts: contracts.map((c) => c.name),
      judged: judged.map((c) => c.name),
      // A run that judged no contract at all proves nothing, so it is not called conformant.
      conformant: judged.length > 0 && judged.every((c) => c.conformant === true),
    },
    contracts,
  };
}
