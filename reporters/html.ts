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
