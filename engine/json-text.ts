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
