/**
 * The conformance report as one self-contained HTML file: inline CSS, no network, readable without
 * JavaScript and printable. Pure: model in, string out. Every value is escaped by the `html` tag.
 */

import { CHECKS } from '../engine/checks';
import { SCENARIO_CHECK, TEST_ERROR_CHECK } from './collect-records';
import { escapeHtml, type Html, html, short, trustedHtml } from './html';
import { CONTENT_SECURITY_POLICY, FILTER_SCRIPT, REPORT_CSS } from './html-assets';
import {
  type CheckOutcome,
  type ConformanceReport,
  type ContractReport,
  checkOutcome,
  compareScenarios,
  type ReportCheck,
} from './model';
import {
  DEFAULT_LIMITS,
  type DetailLimits,
  type ExchangeIndex,
  formatCount,
  renderCheckDetail,
  violationsPerCheck,
} from './render-detail';

const SYNTHETIC_CHECKS = [SCENARIO_CHECK, TEST_ERROR_CHECK];

const OUTCOME_LABEL: Record<CheckOutcome, string> = {
  pass: '✓ PASS',
  fail: '✗ FAIL',
  warning: '! WARN',
  skipped: '– SKIP',
};

/** Prefix of a detail's id/data-testid per outcome; `failure-` is what browser tests look for. */
const DETAIL_PREFIX: Record<CheckOutcome, string> = {
  pass: 'passed',
  fail: 'failure',
  warning: 'warning',
  skipped: 'skipped',
};

function href(id: string): string {
  return `#${encodeURIComponent(id)}`;
}

function verdict(conformant: boolean, attrs: { testId: string; big?: boolean }): Html {
  return html`<p class="verdict ${conformant ? 'ok' : 'ko'}${attrs.big ? ' big' : ''}" data-testid="${attrs.testId}">${
    conformant ? 'CONFORMANT' : 'NOT CONFORMANT'
  }</p>`;
}

/** Gives every check a unique anchor, and each scenario × check cell the anchor of its worst record. */
function assignAnchors(contract: ContractReport) {
  const anchors = new Map<ReportCheck, string>();
  const cells = new Map<string, ReportCheck>();
  const used = new Set<string>();
  for (const check of contract.checks) {
    const base = `${DETAIL_PREFIX[checkOutcome(check)]}-${contract.name}-${check.scenario}-${check.check}`;
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
    ${item(c.skipped, 'skipped', c.skipped ? 's-skipped' : '')}${item(c.total, 'checks in total', '')}</ul>`;
}

const CHECK_ORDER = CHECKS.map((check) => check.name);

/** `responseSchemaConformance` → `response<wbr>Schema<wbr>Conformance`: narrow columns wrap between words only. */
function camelBreaks(name: string): Html {
  return trustedHtml(
    name
      .split(/(?=[A-Z])/)
      .map(escapeHtml)
      .join('<wbr>'),
  );
}

function renderMatrix(
  contract: ContractReport,
  cells: Map<string, ReportCheck>,
  anchors: Map<ReportCheck, string>,
): Html {
  const scenarios = [...new Set(contract.checks.map((c) => c.scenario))].sort(compareScenarios);
  // Synthetic whole-scenario columns (see collect-records) first, then checks in the order they run
  // (transport, status, auth, media type, JSON, schema, …), unknown names last by name.
  const rank = (name: string) =>
    SYNTHETIC_CHECKS.includes(name)
      ? -1
      : CHECK_ORDER.indexOf(name) >= 0
        ? CHECK_ORDER.indexOf(name)
        : CHECK_ORDER.length;
  const checks = [...new Set(contract.checks.map((c) => c.check))].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const rows = scenarios.map((scenario) => {
    const tds = checks.map((name) => {
      const check = cells.get(`${scenario}\u0000${name}`);
      if (!check) return html`<td class="s-none"><span>—<span class="muted"> n/a</span></span></td>`;
      const outcome = checkOutcome(check);
      const target = anchors.get(check) ?? '';
      return html`<td class="s-${outcome}" data-testid="cell-${contract.name}-${scenario}-${name}" data-status="${outcome}"><a href="${href(target)}" aria-label="${scenario} ${name}: ${outcome}">${OUTCOME_LABEL[outcome]}</a></td>`;
    });
    return html`<tr><th scope="row"><code>${scenario}</code></th>${tds}</tr>`;
  });
  if (rows.length === 0) return html`<p class="muted">No checks were recorded for this contract.</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Scenario by check matrix of ${contract.name}">
  <table class="matrix" data-testid="matrix-${contract.name}">
  <caption>Scenario × check (rows: scenarios, columns: checks)</caption>
  <thead><tr><th scope="col">Scenario</th>${checks.map((name) => html`<th scope="col">${name === SCENARIO_CHECK ? '(whole scenario)' : html`<code>${camelBreaks(name)}</code>`}</th>`)}</tr></thead>
  <tbody>${rows}</tbody></table></div>`;
}

function renderSkipped(checks: ReportCheck[], anchors: Map<ReportCheck, string>): Html {
  if (checks.length === 0) return html`<p class="muted">No skipped checks.</p>`;
  const rows = checks.map(
    (
      c,
    ) => html`<tr id="${anchors.get(c)}" data-filter="skipped"><td><code>${c.scenario}</code></td><td><code>${c.check}</code></td>
      <td>${c.severity}</td><td>${short(c.reason ?? 'no reason recorded', 2000)}</td></tr>`,
  );
  return html`<table><thead><tr><th scope="col">Scenario</th><th scope="col">Check</th><th scope="col">Severity</th><th scope="col">Reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderPassed(checks: ReportCheck[], anchors: Map<ReportCheck, string>): Html {
  if (checks.length === 0) return html`<p class="muted">No passed checks.</p>`;
  const rows = checks.map(
    (
      c,
    ) => html`<tr id="${anchors.get(c)}" data-filter="pass"><td><code>${c.scenario}</code></td><td><code>${c.check}</code></td>
      <td>${c.severity}</td><td>${short(c.description, 500)}</td><td><small>${short(c.clause, 300)}</small></td></tr>`,
  );
  return html`<table><thead><tr><th scope="col">Scenario</th><th scope="col">Check</th><th scope="col">Severity</th><th scope="col">What it asserts</th><th scope="col">Doc clause</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderDiscrepancies(contract: ContractReport): Html {
  const body =
    contract.discrepancies.length > 0
      ? html`<p>Where the source doc is ambiguous or wrong, the contract records the reading it takes.
      Checks built on these rules are interpretations, open to discussion with the vendor.</p>
      <table><thead><tr><th scope="col">Id</th><th scope="col">What the doc says</th><th scope="col">What the contract does</th></tr></thead>
      <tbody>${contract.discrepancies.map(
        (d) =>
          html`<tr><td><code>${short(d.id, 200)}</code></td><td><blockquote>${short(d.doc, 4000)}</blockquote></td><td>${short(d.decision, 4000)}</td></tr>`,
      )}</tbody></table>`
      : html`<p class="muted">${
          contract.vendor === null ? 'None recorded, or the contract file was not found.' : 'None recorded.'
        }</p>`;
  return html`<div data-testid="discrepancies-${contract.name}">${body}</div>`;
}

function renderContract(
  contract: ContractReport,
  exchanges: ExchangeIndex,
  limits: DetailLimits,
  violationRows: number,
): Html {
  const { anchors, cells } = assignAnchors(contract);
  const by = (outcome: CheckOutcome) => contract.checks.filter((c) => checkOutcome(c) === outcome);
  const details = (outcome: 'fail' | 'warning') =>
    by(outcome).map((check) => {
      const id = anchors.get(check) ?? '';
      return renderCheckDetail(check, outcome, { id, testId: id, exchanges, limits, violationRows });
    });
  const failures = details('fail');
  const warnings = details('warning');
  const source = [contract.vendor, contract.sourceDoc].filter((s) => s !== null).join(' · ');
  const sectionId = `contract-${contract.name}`;
  return html`<section class="contract" id="${sectionId}" data-testid="${sectionId}" aria-labelledby="${sectionId}-title">
  <h2 id="${sectionId}-title">${contract.name}${source ? html` <small>${source}</small>` : null}</h2>
  ${verdict(contract.conformant, { testId: `verdict-${contract.name}` })}
  ${renderScorecard(contract)}
  <h3>Scenario × check matrix</h3>
  ${renderMatrix(contract, cells, anchors)}
  <h3>Failures (${failures.length})</h3>
  ${failures.length ? failures : html`<p class="muted">No failed must checks.</p>`}
  <h3>Warnings (${warnings.length})</h3>
  ${warnings.length ? warnings : html`<p class="muted">No warnings.</p>`}
  <h3>Skipped (${contract.counts.skipped})</h3>
  ${renderSkipped(by('skipped'), anchors)}
  <h3>Recorded doc discrepancies (${contract.discrepancies.length})</h3>
  ${renderDiscrepancies(contract)}
  <h3>Passed (${by('pass').length})</h3>
  ${renderPassed(by('pass'), anchors)}
</section>`;
}

function renderOverview(model: ConformanceReport): Html {
  const rows = model.contracts.map((c) => {
    const ran = c.counts.mustPassed + c.counts.mustFailed;
    return html`<tr><th scope="row"><a href="${href(`contract-${c.name}`)}">${c.name}</a></th><td>${c.vendor ?? '—'}</td>
      <td class="${c.conformant ? 'ok' : 'ko'}">${c.conformant ? 'CONFORMANT' : 'NOT CONFORMANT'}</td>
      <td class="num">${c.counts.mustPassed}/${ran}</td><td class="num">${c.counts.shouldWarnings}</td><td class="num">${c.counts.skipped}</td></tr>`;
  });
  return html`<table><caption>Contracts</caption><thead><tr><th scope="col">Contract</th><th scope="col">Vendor</th>
    <th scope="col">Verdict</th><th scope="col">Must passed</th><th scope="col">Warnings</th><th scope="col">Skipped</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
}

function renderFilters(): Html {
  const box = (value: CheckOutcome, label: string) =>
    html`<label><input type="checkbox" name="show" value="${value}" checked> ${label}</label>`;
  return html`<form id="filters" hidden aria-label="Filter details by status"><strong>Show:</strong>
    ${box('fail', 'Failures')}${box('warning', 'Warnings')}${box('skipped', 'Skipped')}${box('pass', 'Passed')}</form>`;
}

export function renderHtml(model: ConformanceReport, limits: DetailLimits = DEFAULT_LIMITS): string {
  const run = model.run;
  const exchanges: ExchangeIndex = new Map();
  const withViolations = model.contracts
    .flatMap((c) => c.checks)
    .filter((c) => c.status === 'failed' && (c.violations?.length ?? 0) > 0).length;
  const violationRows = violationsPerCheck(limits, withViolations);
  const verdictText = run.conformant ? 'CONFORMANT' : 'NOT CONFORMANT';
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${verdictText} — get-user conformance of ${short(run.target, 200)}</title>
<style>${trustedHtml(REPORT_CSS)}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to results</a>
<header>
<h1>Get user by id — conformance report</h1>
${verdict(run.conformant, { testId: 'overall-verdict', big: true })}
<dl class="meta">
  <dt>Target</dt><dd><code>${short(run.target, 2048)}</code></dd>
  <dt>Started</dt><dd><time datetime="${run.startedAt}">${run.startedAt}</time></dd>
  <dt>Duration</dt><dd>${(run.durationMs / 1000).toFixed(1)} s</dd>
  <dt>Suite version</dt><dd>${run.suiteVersion}</dd>
  <dt>Contracts</dt><dd>${run.contracts.length ? run.contracts.join(', ') : 'none'}</dd>
</dl>
${renderOverview(model)}
<p class="muted">A contract is conformant when no <strong>must</strong> check failed; failed <strong>should</strong>
checks are warnings. Full data: <code>conformance.json</code> next to this file.</p>
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
