/**
 * The conformance report as one self-contained HTML file: inline CSS, no network, readable without
 * JavaScript and printable. Pure: model in, string out. Every value is escaped by the `html` tag.
 */

import { CHECKS } from '../engine/checks';
import { compareCodeUnits } from '../engine/json-text';
import { SCENARIO_CHECK, TEST_ERROR_CHECK } from './collect-records';
import { cell, escapeHtml, type Html, html, short, type TableRow, table, trustedHtml } from './html';
import { CONTENT_SECURITY_POLICY, FILTER_SCRIPT, REPORT_CSS } from './html-assets';
import {
  type ConformanceReport,
  type ContractReport,
  type ContractSample,
  compareScenarios,
  contractVerdict,
  DISPLAY_OUTCOMES,
  type DisplayOutcome,
  describeJudged,
  displayOutcome,
  displayPointer,
  formatCount,
  formatShare,
  mustRatio,
  OUTCOME_LABELS,
  outcomeText,
  type ProbeReport,
  type ReportCheck,
  runVerdict,
  type Severity,
  VERDICT_LABELS,
  type Verdict,
} from './model';
import {
  DEFAULT_LIMITS,
  type DetailLimits,
  type ExchangeIndex,
  renderCheckDetail,
  renderSampleExample,
  violationsPerCheck,
} from './render-detail';

const SYNTHETIC_CHECKS = [SCENARIO_CHECK, TEST_ERROR_CHECK];
const CHECK_ORDER = CHECKS.map((check) => check.name);

/** Sampling rows and examples shown per contract; conformance.json keeps them all. */
const MAX_FINDINGS = 100;
const MAX_EXAMPLES = 5;

/** Prefix of a detail's id/data-testid per outcome; `failure-` is what browser tests look for. */
const DETAIL_PREFIX: Record<DisplayOutcome, string> = {
  pass: 'passed',
  fail: 'failure',
  warning: 'warning',
  skipped: 'skipped',
  'not-run': 'not-run',
};

const VERDICT_CLASS: Record<Verdict, string> = {
  conformant: 'ok',
  'not-conformant': 'ko',
  'not-served': 'na',
};

function href(id: string): string {
  return `#${encodeURIComponent(id)}`;
}

function verdict(value: Verdict, attrs: { testId: string; big?: boolean }): Html {
  return html`<p class="verdict ${VERDICT_CLASS[value]}${attrs.big ? ' big' : ''}" data-testid="${attrs.testId}">${VERDICT_LABELS[value]}</p>`;
}

/** `responseSchemaConformance` → `response<wbr>Schema<wbr>Conformance`: narrow columns wrap between words only. */
function camelBreaks(name: string): Html {
  return trustedHtml(
    name
      .split(/(?=[A-Z])/)
      .map(escapeHtml)
      .join('<wbr>'),
  );
}

/** Gives every check a unique anchor, and each scenario × check cell the anchor of its worst record. */
function assignAnchors(contract: ContractReport) {
  const anchors = new Map<ReportCheck, string>();
  const cells = new Map<string, ReportCheck>();
  const used = new Set<string>();
  for (const check of contract.checks) {
    const base = `${DETAIL_PREFIX[displayOutcome(check)]}-${contract.name}-${check.scenario}-${check.check}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    anchors.set(check, id);
    // Checks are sorted worst first, so the first record of a cell is the one the cell shows.
    const cellKey = `${check.scenario}\u0000${check.check}`;
    if (!cells.has(cellKey)) cells.set(cellKey, check);
  }
  return { anchors, cells };
}

function renderScorecard(contract: ContractReport): Html {
  const c = contract.counts;
  const item = (value: number, label: string, cls: string) =>
    html`<li class="${cls}"><b>${formatCount(value)}</b>${label}</li>`;
  return html`<ul class="scorecard" aria-label="Counts">
    ${item(c.mustPassed, 'must passed', 's-pass')}${item(c.mustFailed, 'must failed', c.mustFailed ? 's-fail' : '')}
    ${item(c.shouldWarnings, c.shouldWarnings === 1 ? 'warning' : 'warnings', c.shouldWarnings ? 's-warning' : '')}
    ${item(c.skipped, 'skipped', c.skipped ? 's-skipped' : '')}${c.notRun ? item(c.notRun, 'not run', 's-not-run') : null}
    ${item(c.total, 'checks in total', '')}</ul>`;
}

/** Synthetic whole-scenario rows first, then checks in the order they run, unknown names last by name. */
function checkRank(name: string): number {
  if (SYNTHETIC_CHECKS.includes(name)) return -1;
  const index = CHECK_ORDER.indexOf(name);
  return index === -1 ? CHECK_ORDER.length : index;
}

/** A check is in the must group when any of its records is a must (severity can depend on the scenario). */
function matrixGroups(checks: readonly ReportCheck[]): Record<Severity, string[]> {
  const names = [...new Set(checks.map((c) => c.check))].sort(
    (a, b) => checkRank(a) - checkRank(b) || compareCodeUnits(a, b),
  );
  const must = new Set(checks.filter((c) => c.severity === 'must').map((c) => c.check));
  return { must: names.filter((n) => must.has(n)), should: names.filter((n) => !must.has(n)) };
}

const GROUP_TITLE: Record<Severity, string> = {
  must: 'Must: a failure breaks conformance',
  should: 'Should: a failure is a warning',
};

/**
 * Checks as rows (grouped must, then should), scenarios as columns: there are few scenarios and many
 * checks, so a fixed layout at the page's width fits without horizontal scrolling.
 */
function renderMatrix(
  contract: ContractReport,
  cells: Map<string, ReportCheck>,
  anchors: Map<ReportCheck, string>,
  headingId: string,
): Html {
  if (contract.checks.length === 0)
    return html`<p class="muted">No checks were recorded for this contract.</p>`;
  const scenarios = [...new Set(contract.checks.map((c) => c.scenario))].sort(compareScenarios);
  const groups = matrixGroups(contract.checks);
  const row = (name: string) => {
    const tds = scenarios.map((scenario) => {
      const check = cells.get(`${scenario}\u0000${name}`);
      if (!check) return html`<td class="s-none"><span>—<span class="muted"> n/a</span></span></td>`;
      const outcome = displayOutcome(check);
      return html`<td class="s-${outcome}" data-testid="cell-${contract.name}-${scenario}-${name}" data-status="${outcome}"><a href="${href(anchors.get(check) ?? '')}" aria-label="${scenario} ${name}: ${outcome}">${outcomeText(outcome)}</a></td>`;
    });
    const title = name === SCENARIO_CHECK ? '(whole scenario)' : html`<code>${camelBreaks(name)}</code>`;
    return html`<tr><th scope="row">${title}</th>${tds}</tr>`;
  };
  const group = (severity: Severity) =>
    groups[severity].length === 0
      ? null
      : html`<tbody data-group="${severity}"><tr class="group"><th scope="rowgroup" colspan="${scenarios.length + 1}">${GROUP_TITLE[severity]}</th></tr>${groups[severity].map(row)}</tbody>`;
  return html`<table class="matrix" data-testid="matrix-${contract.name}" aria-labelledby="${headingId}">
  <colgroup><col class="check-col">${scenarios.map(() => html`<col>`)}</colgroup>
  <thead><tr><th scope="col">Check \\ scenario</th>${scenarios.map((s) => html`<th scope="col"><code>${camelBreaks(s)}</code></th>`)}</tr></thead>
  ${group('must')}${group('should')}</table>`;
}

/** Skipped and not-run checks: why each did not give a verdict. */
function renderReasons(
  contract: string,
  checks: ReportCheck[],
  anchors: Map<ReportCheck, string>,
  outcome: DisplayOutcome,
): Html {
  if (checks.length === 0) return html`<p class="muted">None.</p>`;
  const rows = checks.map(
    (c): TableRow => ({
      id: anchors.get(c),
      filter: outcome,
      cells: [
        html`<code>${c.scenario}</code>`,
        html`<code>${c.check}</code>`,
        c.severity,
        short(c.reason ?? 'no reason recorded', 2000),
      ],
    }),
  );
  return table({ head: ['Scenario', 'Check', 'Severity', 'Reason'], rows, testId: `${outcome}-${contract}` });
}

function renderPassed(checks: ReportCheck[], anchors: Map<ReportCheck, string>): Html {
  if (checks.length === 0) return html`<p class="muted">No passed checks.</p>`;
  const rows = checks.map(
    (c): TableRow => ({
      id: anchors.get(c),
      filter: 'pass',
      cells: [
        html`<code>${c.scenario}</code>`,
        html`<code>${c.check}</code>`,
        c.severity,
        short(c.description, 500),
        html`<small>${short(c.clause, 300)}</small>`,
      ],
    }),
  );
  return table({ head: ['Scenario', 'Check', 'Severity', 'What it asserts', 'Doc clause'], rows });
}

function renderDiscrepancies(contract: ContractReport): Html {
  const body =
    contract.discrepancies.length > 0
      ? html`<p>Where the source doc is ambiguous or wrong, the contract records the reading it takes.
      Checks built on these rules are interpretations, open to discussion with the vendor.</p>
      ${table({
        head: ['Id', 'What the doc says', 'What the contract does'],
        rows: contract.discrepancies.map((d) => [
          html`<code>${short(d.id, 200)}</code>`,
          html`<blockquote>${short(d.doc, 4000)}</blockquote>`,
          short(d.decision, 4000),
        ]),
      })}`
      : html`<p class="muted">${
          contract.vendor === null ? 'None recorded, or the contract file was not found.' : 'None recorded.'
        }</p>`;
  return html`<div data-testid="discrepancies-${contract.name}">${body}</div>`;
}

/** `404 text/html`; a dash when no answer came (the reason says why). */
function probeAnswer(probe: ProbeReport): string {
  return probe.status === null ? '—' : `${probe.status} ${probe.mediaType ?? '(no media type)'}`;
}

function renderProbe(contract: ContractReport): Html | null {
  const probe = contract.probe;
  if (!probe) return null;
  return html`<dl class="meta probe" data-testid="probe-${contract.name}">
    <dt>Discovery probe</dt><dd><code>${short(probe.method, 40)} ${short(probe.url, 2048)}</code> → ${short(probeAnswer(probe), 300)}</dd>
    <dt>${probe.served ? 'Served' : 'Not served'}</dt><dd>${short(probe.reason, 2000)}</dd></dl>`;
}

/** `sample-credira-2`: the anchor of a finding's examples; `-1`, `-2`, … after it for each example. */
function findingAnchor(contract: string, index: number): string {
  return `sample-${contract}-${index + 1}`;
}

/** The share as a bar (CSS width; the page needs no script for it) and as text. */
function shareBar(share: number, severity: Severity): Html {
  const percent = (share * 100).toFixed(1);
  return html`<span class="bar ${severity}" aria-hidden="true"><span style="width:${percent}%"></span></span> ${formatShare(share)}`;
}

function renderSample(contract: ContractReport, sample: ContractSample): Html {
  const shown = sample.findings.slice(0, MAX_FINDINGS);
  const rows = shown.map((f, i) => {
    const anchor = findingAnchor(contract.name, i);
    const examples = f.examples
      .slice(0, MAX_EXAMPLES)
      .map((id, j) => html`<a href="${href(`${anchor}-${j + 1}`)}"><code>${short(id, 100)}</code></a> `);
    return [
      html`<a href="${href(anchor)}"><code>${short(displayPointer(f.instancePath), 300)}</code> ${short(f.keyword, 60)}</a>`,
      html`<code>${f.check}</code>`,
      f.severity,
      cell(formatCount(f.count), 'num'),
      cell(shareBar(f.share, f.severity), 'share'),
      examples.length ? examples : html`<span class="muted">none recorded</span>`,
    ];
  });
  const details = shown.map(
    (f, i) => html`<section class="finding" id="${findingAnchor(contract.name, i)}">
    <h4><code>${short(displayPointer(f.instancePath), 300)}</code> ${short(f.keyword, 60)} · <code>${f.check}</code>
      <span class="sev">${f.severity.toUpperCase()}</span> · ${formatCount(f.count)} users (${formatShare(f.share)})</h4>
    ${f.exampleDetails
      .slice(0, MAX_EXAMPLES)
      .map((e, j) => renderSampleExample(e, `${findingAnchor(contract.name, i)}-${j + 1}`))}</section>`,
  );
  return html`<div data-testid="sample-${contract.name}">
  <p>${formatCount(sample.users)} users read, ${formatCount(sample.failedUsers)} broke at least one rule.
    Most frequent findings first; a <strong>must</strong> finding breaks conformance.</p>
  ${
    sample.findings.length === 0
      ? html`<p class="muted">No findings: every sampled user conformed.</p>`
      : table({
          head: ['Finding', 'Check', 'Severity', 'Users', 'Share of users', 'Examples'],
          rows,
          className: 'findings',
          testId: `findings-${contract.name}`,
        })
  }
  ${sample.findings.length > MAX_FINDINGS ? html`<p class="note">${formatCount(sample.findings.length - MAX_FINDINGS)} more findings not shown; conformance.json lists them all.</p>` : null}
  ${details}</div>`;
}

function renderContract(
  contract: ContractReport,
  exchanges: ExchangeIndex,
  limits: DetailLimits,
  violationRows: number,
): Html {
  const { anchors, cells } = assignAnchors(contract);
  const by = (outcome: DisplayOutcome) => contract.checks.filter((c) => displayOutcome(c) === outcome);
  const details = (outcome: 'fail' | 'warning') =>
    by(outcome).map((check) => {
      const id = anchors.get(check) ?? '';
      return renderCheckDetail(check, outcome, { id, testId: id, exchanges, limits, violationRows });
    });
  const failures = details('fail');
  const warnings = details('warning');
  const notRun = by('not-run');
  const source = [contract.vendor, contract.sourceDoc].filter((s) => s !== null).join(' · ');
  const sectionId = `contract-${contract.name}`;
  const heading = (outcome: DisplayOutcome, n: number) =>
    html`<h3>${OUTCOME_LABELS[outcome].heading} (${n})</h3>`;
  const head = html`<h2 id="${sectionId}-title">${contract.name}${source ? html` <small>${source}</small>` : null}</h2>
  ${verdict(contractVerdict(contract), { testId: `verdict-${contract.name}` })}`;
  if (!contract.served && contract.checks.length === 0) {
    return html`<section class="contract" id="${sectionId}" data-testid="${sectionId}" aria-labelledby="${sectionId}-title">
  ${head}
  ${renderProbe(contract) ?? html`<p class="muted">The target does not serve this contract; nothing was checked.</p>`}
</section>`;
  }
  return html`<section class="contract" id="${sectionId}" data-testid="${sectionId}" aria-labelledby="${sectionId}-title">
  ${head}
  ${renderScorecard(contract)}
  ${renderProbe(contract)}
  <h3 id="${sectionId}-matrix">Scenario × check matrix</h3>
  ${renderMatrix(contract, cells, anchors, `${sectionId}-matrix`)}
  ${contract.sample ? html`<h3>Sampling (${formatCount(contract.sample.users)} users)</h3>${renderSample(contract, contract.sample)}` : null}
  ${heading('fail', failures.length)}
  ${failures.length ? failures : html`<p class="muted">No failed must checks.</p>`}
  ${notRun.length ? html`${heading('not-run', notRun.length)}${renderReasons(contract.name, notRun, anchors, 'not-run')}` : null}
  ${heading('warning', warnings.length)}
  ${warnings.length ? warnings : html`<p class="muted">No warnings.</p>`}
  ${heading('skipped', contract.counts.skipped)}
  ${renderReasons(contract.name, by('skipped'), anchors, 'skipped')}
  <h3>Recorded doc discrepancies (${contract.discrepancies.length})</h3>
  ${renderDiscrepancies(contract)}
  ${heading('pass', by('pass').length)}
  ${renderPassed(by('pass'), anchors)}
</section>`;
}

function contractLink(c: ContractReport): Html {
  return html`<a href="${href(`contract-${c.name}`)}">${c.name}</a>`;
}

/** For vendors: which dialects the target speaks and how well, and why it does not speak the others. */
function renderCompatibility(model: ConformanceReport): Html {
  const served = model.contracts.filter((c) => c.served);
  const notServed = model.contracts.filter((c) => !c.served);
  // A sampling column only when a contract was sampled: a must finding alone can break conformance.
  const sampled = served.some((c) => c.sample);
  const servedRows = served.map((c) => {
    const v = contractVerdict(c);
    const ran = c.counts.mustPassed + c.counts.mustFailed;
    const row = [
      contractLink(c),
      c.vendor ?? '—',
      cell(VERDICT_LABELS[v], VERDICT_CLASS[v]),
      cell(
        html`${mustRatio(c.counts)}${ran ? html` <small>(${formatShare(c.counts.mustPassed / ran)})</small>` : null}`,
        'num',
      ),
      cell(formatCount(c.counts.shouldWarnings), 'num'),
      cell(formatCount(c.counts.skipped), 'num'),
      cell(formatCount(c.counts.notRun), c.counts.notRun ? 'num s-not-run' : 'num'),
    ];
    if (sampled) {
      row.push(
        c.sample
          ? cell(`${formatCount(c.sample.failedUsers)} of ${formatCount(c.sample.users)} failed`, 'num')
          : '—',
      );
    }
    return row;
  });
  const notServedRows = notServed.map((c) =>
    c.probe
      ? [
          contractLink(c),
          c.vendor ?? '—',
          html`<code>${short(c.probe.method, 40)} ${short(c.probe.url, 2048)}</code>`,
          short(probeAnswer(c.probe), 300),
          short(c.probe.reason, 2000),
        ]
      : [contractLink(c), c.vendor ?? '—', html`<span class="muted">not probed</span>`, '—', '—'],
  );
  return html`<section class="compat" data-testid="compat-summary" aria-labelledby="compat-title">
  <h2 id="compat-title">Compatibility</h2>
  <p data-testid="judged">${describeJudged(model.run)}.</p>
  ${
    served.length
      ? table({
          caption: `Dialects the target speaks (${served.length})`,
          head: [
            'Contract',
            'Vendor',
            'Verdict',
            'Must passed',
            'Warnings',
            'Skipped',
            'Not run',
            ...(sampled ? ['Sampled users'] : []),
          ],
          rows: servedRows,
          rowHeaders: true,
          testId: 'compat-served',
        })
      : null
  }
  ${
    notServed.length
      ? table({
          caption: `Dialects it does not speak (${notServed.length})`,
          head: ['Contract', 'Vendor', 'Probe', 'Answer', 'Why not served'],
          rows: notServedRows,
          rowHeaders: true,
          testId: 'compat-not-served',
        })
      : null
  }
  </section>`;
}

function renderFilters(): Html {
  const box = (value: DisplayOutcome) =>
    html`<label><input type="checkbox" name="show" value="${value}" checked> ${OUTCOME_LABELS[value].heading}</label>`;
  return html`<form id="filters" hidden aria-label="Filter details by status"><strong>Show:</strong>
    ${DISPLAY_OUTCOMES.map(box)}</form>`;
}

export function renderHtml(model: ConformanceReport, limits: DetailLimits = DEFAULT_LIMITS): string {
  const run = model.run;
  const exchanges: ExchangeIndex = new Map();
  const withViolations = model.contracts
    .flatMap((c) => c.checks)
    .filter((c) => c.status === 'failed' && (c.violations?.length ?? 0) > 0).length;
  const violationRows = violationsPerCheck(limits, withViolations);
  const runLabel = VERDICT_LABELS[runVerdict(run)];
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${runLabel} — get-user conformance of ${short(run.target, 200)}</title>
<style>${trustedHtml(REPORT_CSS)}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to results</a>
<header>
<h1>Get user by id — conformance report</h1>
${
  run.deadTarget !== null
    ? html`<p class="dead" data-testid="dead-target" role="alert"><strong>The target never answered:</strong> ${short(run.deadTarget, 2000)}. No contract could be judged.</p>`
    : null
}
${verdict(runVerdict(run), { testId: 'overall-verdict', big: true })}
${renderCompatibility(model)}
<dl class="meta">
  <dt>Target</dt><dd><code>${short(run.target, 2048)}</code></dd>
  <dt>Started</dt><dd><time datetime="${run.startedAt}">${run.startedAt}</time></dd>
  <dt>Duration</dt><dd>${(run.durationMs / 1000).toFixed(1)} s</dd>
  <dt>Suite version</dt><dd>${run.suiteVersion}</dd>
</dl>
<p class="muted">A contract is conformant when no <strong>must</strong> check failed or went unrun; failed
<strong>should</strong> checks are warnings. A contract the target does not serve is not judged. Full data:
<code>conformance.json</code> next to this file.</p>
</header>
${renderFilters()}
<main id="main">
${model.contracts.length ? model.contracts.map((c) => renderContract(c, exchanges, limits, violationRows)) : html`<p>No contract was checked in this run.</p>`}
</main>
<script>${trustedHtml(FILTER_SCRIPT)}</script>
</body>
</html>
`;
  return doc.text;
}
