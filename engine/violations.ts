import type { ErrorObject } from 'ajv';
import { cutShort } from './json-text';
import type { Violation } from './types';

const VALUE_EXCERPT_CHARS = 200;

/** JSON of a value, cut to a readable excerpt. */
export function excerpt(value: unknown, max = VALUE_EXCERPT_CHARS): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${cutShort(text, max)}… (${text.length} chars)` : text;
}

function descriptionOf(schema: unknown): string | undefined {
  if (schema && typeof schema === 'object' && 'description' in schema) {
    const { description } = schema as { description: unknown };
    if (typeof description === 'string') return description;
  }
  return undefined;
}

/** The doc clause behind an error: the description of the property concerned, else of the schema that failed. */
function clauseOf(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const property =
    typeof error.params.missingProperty === 'string'
      ? error.params.missingProperty
      : typeof error.params.additionalProperty === 'string'
        ? error.params.additionalProperty
        : undefined;
  return (property && descriptionOf(parent?.properties?.[property])) ?? descriptionOf(parent);
}

/** ajv errors → violations, keeping ajv's own fields. Needs `verbose: true` for data and parentSchema. */
export function toViolations(errors: readonly ErrorObject[] | null | undefined): Violation[] {
  return (errors ?? []).map((error) => {
    const violation: Violation = {
      instancePath: error.instancePath,
      schemaPath: error.schemaPath,
      keyword: error.keyword,
      params: error.params as Record<string, unknown>,
      message: error.message ?? error.keyword,
      value: excerpt(error.data),
    };
    const clause = clauseOf(error);
    if (clause) violation.clause = clause;
    return violation;
  });
}

/** One line per violation: `/data/email  format  must match format "email"  (received "x")  — doc: …`. */
export function formatViolation(v: Violation): string {
  const path = v.instancePath === '' ? '(body)' : v.instancePath;
  const shown =
    v.keyword === 'required' || v.keyword === 'additionalProperties' ? '' : `  (received ${v.value})`;
  // The field's own doc clause, so each violation says which line of the doc it breaks.
  const clause = v.clause ? `  — doc: ${v.clause}` : '';
  return `${path}  ${v.keyword}  ${v.message}${shown}${clause}`;
}
