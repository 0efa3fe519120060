/**
 * Last-line secret scrubbing over the whole report model. The test side already redacts; this is
 * defense in depth, because a report is shared with vendors and a leaked key cannot be recalled.
 */

// One list of what counts as a credential, shared with the engine's own redaction.
import { REDACTED, SENSITIVE_HEADERS } from '../engine/redact';

export { REDACTED, SENSITIVE_HEADERS };

/**
 * A sensitive header written as text: `Authorization: Bearer x` in a curl line, `"x-api-key": "k"` in
 * a JSON body, `cookie=...`. The value runs to the end of the line, a quote or `&` (next query param).
 * `set-cookie` comes before `cookie` and `proxy-authorization` before `authorization` so the longer
 * name wins.
 */
const HEADER_IN_TEXT =
  /\b(proxy-authorization|authorization|x-api-key|set-cookie|cookie)("?\s*[:=]\s*\[?\s*"?)([^\r\n"'&]+)/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The secret as written raw, URL-encoded and JSON-escaped: all three appear in URLs, curl lines and bodies. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue; // shorter "secrets" would shred ordinary text
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a form that contains another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

function secretsPattern(secrets: readonly string[]): RegExp | null {
  const forms = secretForms(secrets);
  return forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join('|'), 'g');
}

function redactWith(text: string, pattern: RegExp | null): string {
  const withoutSecrets = pattern ? text.replace(pattern, REDACTED) : text;
  // `$API_KEY` is the placeholder curl commands carry on purpose: it reveals nothing and keeps them runnable.
  return withoutSecrets.replace(HEADER_IN_TEXT, (match, name: string, sep: string, value: string) =>
    `${sep}${value}`.includes(REDACTED) || value.includes('$API_KEY') ? match : `${name}${sep}${REDACTED}`,
  );
}

/** Replaces every secret (and every sensitive header value written as text) in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return redactWith(text, secretsPattern(secrets));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function redactHeaders(headers: Record<string, unknown>, pattern: RegExp | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[redactWith(name, pattern)] = SENSITIVE_HEADERS.has(name.toLowerCase())
      ? Array.isArray(value)
        ? value.map(() => REDACTED)
        : REDACTED
      : walk(value, pattern);
  }
  return out;
}

function walk(value: unknown, pattern: RegExp | null): unknown {
  if (typeof value === 'string') return redactWith(value, pattern);
  if (Array.isArray(value)) return value.map((item) => walk(item, pattern));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[redactWith(key, pattern)] =
      key.toLowerCase() === 'headers' && isPlainObject(child)
        ? redactHeaders(child, pattern)
        : walk(child, pattern);
  }
  return out;
}

/**
 * A redacted deep copy of `value`: every string scrubbed, and sensitive entries of every `headers`
 * object (at any depth) replaced. The input is not modified.
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  return walk(value, secretsPattern(secrets)) as T;
}
