/**
 * Escaping by construction: the `html` tag escapes every interpolated value unless it is already
 * `Html` built by this module. Everything in a report comes from the target under test and is
 * hostile, so there is no way to splice a raw string in by accident.
 */

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Interpolation rules: Html verbatim, arrays flattened, null/undefined/booleans render nothing, the rest escaped. */
function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Only for constants of this codebase (CSS, script); never for data. */
export function trustedHtml(text: string): Html {
  return new Html(text);
}

export interface Clipped {
  text: string;
  truncated: boolean;
  originalLength: number;
}

/** First `max` characters, without splitting a surrogate pair. */
export function clip(text: string, max: number): Clipped {
  if (text.length <= max) return { text, truncated: false, originalLength: text.length };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: text.slice(0, end), truncated: true, originalLength: text.length };
}

/** A short field: clipped with an ellipsis, as no reader needs more of it on screen. */
export function short(text: string | undefined, max: number): string {
  if (text === undefined) return '';
  const c = clip(text, max);
  return c.truncated ? `${c.text}… [${c.originalLength - c.text.length} more characters]` : c.text;
}

/** A cell with a class (`num` right-aligns); any other value is a plain cell. */
export class TableCell {
  constructor(
    readonly content: unknown,
    readonly className: string,
  ) {}
}

export function cell(content: unknown, className: string): TableCell {
  return new TableCell(content, className);
}

/** A row with attributes: `id` (an anchor), `filter` (data-filter, hidden by the status filters). */
export interface TableRow {
  cells: unknown[];
  id?: string;
  filter?: string;
}

export interface TableOptions {
  head: unknown[];
  rows: (unknown[] | TableRow)[];
  caption?: unknown;
  className?: string;
  testId?: string;
  /** The first cell of every row is its header (`<th scope="row">`). */
  rowHeaders?: boolean;
}

function renderCell(value: unknown, header: boolean): Html {
  const content = value instanceof TableCell ? value.content : value;
  const cls = value instanceof TableCell ? value.className : null;
  return header
    ? html`<th scope="row"${cls ? html` class="${cls}"` : null}>${content}</th>`
    : html`<td${cls ? html` class="${cls}"` : null}>${content}</td>`;
}

/** The report's tables: a head row, body rows, everything escaped like any `html` value. */
export function table(options: TableOptions): Html {
  const rows = options.rows.map((row) => {
    const r: TableRow = Array.isArray(row) ? { cells: row } : row;
    const cells = r.cells.map((value, i) => renderCell(value, i === 0 && options.rowHeaders === true));
    return html`<tr${r.id !== undefined ? html` id="${r.id}"` : null}${
      r.filter !== undefined ? html` data-filter="${r.filter}"` : null
    }>${cells}</tr>`;
  });
  return html`<table${options.className ? html` class="${options.className}"` : null}${
    options.testId ? html` data-testid="${options.testId}"` : null
  }>${options.caption !== undefined ? html`<caption>${options.caption}</caption>` : null}<thead><tr>${options.head.map(
    (h) => html`<th scope="col">${h}</th>`,
  )}</tr></thead><tbody>${rows}</tbody></table>`;
}
