/**
 * HTML for one failed or warned check: what was expected and received, the schema violations, the
 * exchange and how to reproduce it. Sizes are capped here (conformance.json keeps everything), so
 * a hostile or huge response cannot blow up the page.
 */
import type { Exchange, RecordedRequest, RecordedResponse } from '../engine/types';
import { clip, type Html, html, short, table } from './html';
import {
  displayPointer,
  formatCount,
  outcomeText,
  type ReportCheck,
  type ReportViolation,
  type SampleExample,
} from './model';

export interface DetailLimits {
  /** Characters of a (pretty-printed) body shown. */
  body: number;
  /** Violation rows shown per check, at most. */
  violations: number;
  /**
   * Violation rows in the whole document. With hundreds of failures each check gets an equal share
   * (never fewer than 10 rows), which keeps a 300-failure report around a megabyte.
   */
  violationBudget: number;
}

export const DEFAULT_LIMITS: DetailLimits = { body: 8 * 1024, violations: 50, violationBudget: 5000 };

/** Rows per check when `checksWithViolations` checks share the budget. */
export function violationsPerCheck(limits: DetailLimits, checksWithViolations: number): number {
  const share = Math.floor(limits.violationBudget / Math.max(1, checksWithViolations));
  return Math.min(limits.violations, Math.max(10, share));
}

const MAX_HEADERS = 100;

/** Exchanges already rendered in this document: checks of one scenario share one exchange, shown once. */
export type ExchangeIndex = Map<string, { id: string; label: string }>;

function prettyBody(text: string): string {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed) || trimmed.length > 2_000_000) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text; // not JSON after all: show as received
  }
}

function renderBody(text: string, limit: number): Html {
  if (text === '') return html`<p class="muted">(empty body)</p>`;
  const shown = clip(prettyBody(text), limit);
  return html`<pre>${shown.text}</pre>${
    shown.truncated
      ? html`<p class="note">Body truncated: showing the first ${formatCount(shown.text.length)} of
          ${formatCount(shown.originalLength)} characters; conformance.json has it in full.</p>`
      : null
  }`;
}

function renderHeaders(headers: Record<string, string>): Html {
  const entries = Object.entries(headers);
  if (entries.length === 0) return html`<p class="muted">(no headers)</p>`;
  const rows = entries
    .slice(0, MAX_HEADERS)
    .map(([name, value]) => [
      html`<code>${short(name, 200)}</code>`,
      html`<code>${short(String(value), 1024)}</code>`,
    ]);
  return html`${table({ head: ['Header', 'Value'], rows, className: 'headers', rowHeaders: true })}${
    entries.length > MAX_HEADERS
      ? html`<p class="note">${entries.length - MAX_HEADERS} more headers not shown.</p>`
      : null
  }`;
}

function renderRequest(request: RecordedRequest, limits: DetailLimits): Html {
  return html`<dt>Request</dt><dd><p><code>${short(request.method, 40)} ${short(request.url, 2048)}</code></p>
    ${renderHeaders(request.headers ?? {})}${request.body !== undefined ? renderBody(request.body, limits.body) : null}</dd>`;
}

function renderResponse(response: RecordedResponse, limits: DetailLimits): Html {
  return html`<dt>Response</dt><dd><p><code>${response.status} ${short(response.statusText, 200)}</code>
    <span class="muted">· ${Math.round(response.durationMs)} ms</span></p>
    ${renderHeaders(response.headers ?? {})}${renderBody(response.bodyText ?? '', limits.body)}</dd>`;
}

function exchangeSummary(exchange: Exchange): string {
  const request = `${exchange.request.method} ${exchange.request.url}`;
  if (exchange.response) return `${request} → ${exchange.response.status} ${exchange.response.statusText}`;
  if (exchange.transportError) return `${request} → ${exchange.transportError.kind} error`;
  return `${request} → ${exchange.rateLimit?.notSent ? 'not sent: rate limited' : 'no response'}`;
}

function renderExchange(exchange: Exchange, anchor: string, limits: DetailLimits): Html {
  return html`<dl class="exchange" id="${anchor}">
    ${renderRequest(exchange.request, limits)}
    ${exchange.response ? renderResponse(exchange.response, limits) : null}
    ${
      exchange.transportError
        ? html`<dt>Transport error</dt><dd><code>${exchange.transportError.kind}</code>: ${short(exchange.transportError.message, 2000)}</dd>`
        : null
    }${
      exchange.rateLimit?.notSent
        ? html`<dt>Response</dt><dd>Not sent: rate limited (the target had asked to be called
          ${Math.ceil(exchange.rateLimit.askedMs / 1000)} s later).</dd>`
        : null
    }</dl>`;
}

function renderViolations(violations: readonly ReportViolation[], limit: number): Html | null {
  if (violations.length === 0) return null;
  // Compact rows (no schemaPath, no indentation): with hundreds of failures, rows dominate the size.
  const rows = violations
    .slice(0, limit)
    .map((v) => [
      html`<code>${short(displayPointer(v.instancePath), 300)}</code>`,
      short(v.keyword, 60),
      short(v.message, 300),
      html`<code>${short(v.value, 300)}</code>`,
    ]);
  // Violations under one schema node usually quote the same clause: list each once, not per row.
  const clauses = [...new Set(violations.map((v) => v.clause).filter((c): c is string => !!c))];
  return html`${table({
    head: ['Path', 'Keyword', 'Message', 'Offending value'],
    rows,
    caption: `Schema violations (${violations.length})`,
    className: 'violations',
  })}${
    violations.length > limit
      ? html`<p class="note">${formatCount(violations.length - limit)} more violations not shown; conformance.json lists them all, with schema paths.</p>`
      : null
  }${
    clauses.length > 0
      ? html`<p>Doc clauses these violations rest on:</p>${clauses.slice(0, 10).map((c) => html`<blockquote>${short(c, 1000)}</blockquote>`)}`
      : null
  }`;
}

export interface DetailContext {
  /** Element id (and data-testid) of this detail. */
  id: string;
  testId: string;
  exchanges: ExchangeIndex;
  limits: DetailLimits;
  /** Violation rows this check may show (see violationsPerCheck). */
  violationRows: number;
}

/** A failed (must) or warned (should) check. */
export function renderCheckDetail(check: ReportCheck, outcome: 'fail' | 'warning', ctx: DetailContext): Html {
  let exchangeHtml: Html | null = null;
  if (check.exchange) {
    const key = JSON.stringify(check.exchange);
    const seen = ctx.exchanges.get(key);
    if (seen) {
      exchangeHtml = html`<p><code>${short(exchangeSummary(check.exchange), 2100)}</code> — request and response are
        shown with <a href="#${encodeURIComponent(seen.id)}">${seen.label}</a>.</p>`;
    } else {
      const id = `exchange-${ctx.exchanges.size + 1}`;
      ctx.exchanges.set(key, { id, label: `${check.scenario} › ${check.check}` });
      exchangeHtml = renderExchange(check.exchange, id, ctx.limits);
    }
  }
  return html`<article class="detail ${outcome}" id="${ctx.id}" data-testid="${ctx.testId}" data-filter="${outcome}">
  <h4><span class="badge s-${outcome}">${outcomeText(outcome)}</span> <code>${check.scenario}</code> › <code>${check.check}</code>
    <span class="sev">${check.severity.toUpperCase()}</span>${check.title ? html` — ${short(check.title, 300)}` : null}</h4>
  ${check.description ? html`<p class="muted">${short(check.description, 1000)}</p>` : null}
  ${renderExpectedReceived(check)}
  ${renderViolations(check.violations ?? [], ctx.violationRows)}
  ${exchangeHtml}
  ${renderCurl(check.curl)}
  ${check.clause ? html`<p><strong>Doc clause</strong></p><blockquote>${short(check.clause, 2000)}</blockquote>` : null}
</article>`;
}

function renderExpectedReceived(item: { expected?: string; received?: string }): Html | null {
  if (item.expected === undefined && item.received === undefined) return null;
  return html`<dl>
    ${item.expected !== undefined ? html`<dt>Expected</dt><dd><pre>${short(item.expected, 4000)}</pre></dd>` : null}
    ${item.received !== undefined ? html`<dt>Received</dt><dd><pre>${short(item.received, 4000)}</pre></dd>` : null}
  </dl>`;
}

function renderCurl(curl: string | undefined): Html | null {
  return curl ? html`<p><strong>Reproduce with curl</strong></p><pre>${short(curl, 8192)}</pre>` : null;
}

/** One sampled user behind a finding: its id, what was expected and received, and the curl to see it. */
export function renderSampleExample(example: SampleExample, id: string): Html {
  return html`<article class="example" id="${id}" data-testid="${id}">
  <h5>User <code>${short(example.id, 300)}</code></h5>
  ${renderExpectedReceived(example)}
  ${renderCurl(example.curl)}
</article>`;
}
