/** Small helpers on HTTP and JSON text, each with one home. */

/** `Application/JSON; charset=UTF-8` → `application/json` (RFC 9110 §8.3.1: parameters aside, case-insensitive). */
export function mediaEssence(contentType: string | undefined): string | undefined {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence ? essence : undefined;
}

/** One RFC 6901 reference token: `~1` → `/`, `~0` → `~`. */
export const decodePointerSegment = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** RFC 6901 JSON pointer lookup; undefined when a segment is missing. */
export function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let node: unknown = value;
  for (const token of pointer.slice(1).split('/')) {
    const key = decodePointerSegment(token);
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Code-unit order: locale-independent, so every machine sorts the same way. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Characters a credential is spelled with: base64(url), URL, JSON and HTML escapes. */
const CREDENTIAL_CHAR = /[\w+/=.~%\\&#;-]/;
/** A cut never backs off further than this: a longer run is no key, and the redactor knows cut keys. */
const MAX_BACK_OFF = 2048;

/**
 * The first `max` characters of `text`, ended before any run of credential characters the cut would
 * split: an excerpt never shows the first characters of a key it cuts short (the redactor cannot tell
 * a few characters of a key from ordinary text).
 */
export function cutShort(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  if (CREDENTIAL_CHAR.test(text.charAt(end))) {
    while (end > 0 && max - end < MAX_BACK_OFF && CREDENTIAL_CHAR.test(text.charAt(end - 1))) end--;
    if (max - end >= MAX_BACK_OFF) end = max;
  }
  return text.slice(0, end);
}
