/** Small helpers on HTTP and JSON text, each with one home. */
import { MIN_CUT_LENGTH } from './redaction';

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

/** What ends a word of an excerpt: blanks, quotes, brackets, commas (a key is spelled without them). */
const SEPARATOR = /[\s"'<>{}[\](),]/;

/**
 * The first `max` characters of `text`, cut before the word the cut would leave shorter than
 * MIN_CUT_LENGTH: the redactor recognises a key cut short from that many characters on, so an excerpt
 * never shows fewer of them (nor loses more than that many characters of evidence).
 */
export function cutShort(text: string, max: number): string {
  if (text.length <= max || SEPARATOR.test(text.charAt(max))) return text.slice(0, max);
  let start = max;
  while (start > 0 && max - start < MIN_CUT_LENGTH && !SEPARATOR.test(text.charAt(start - 1))) start--;
  return max - start < MIN_CUT_LENGTH ? text.slice(0, start) : text.slice(0, max);
}
