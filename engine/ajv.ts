/**
 * The one Ajv instance of a process: JSON Schema 2020-12 (OpenAPI 3.1's dialect), strict mode on.
 * OpenAPI's own schema keywords are registered as annotations instead of turning strict mode off,
 * so a typo such as `requried` in a contract still fails loudly.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';

/**
 * Stricter than ajv-formats' `email`: the top-level label must be alphabetic or an IDN A-label
 * (every TLD delegated in the IANA root zone is), so `test@email.com1011` (seed 000's own sample, which
 * the klaim contract therefore checks as a should only) is rejected.
 */
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/**
 * ISO 8601 extended date-time with an optional offset (a Java LocalDateTime as Spring writes it, e.g.
 * `2024-01-15T10:30:00` or `…00.123456`). Stricter than ajv-formats' `iso-date-time`, which also takes
 * a space or a lower-case `t`/`z`: ISO 8601 has neither. Calendar ranges are still checked by ajv-formats.
 */
const ISO_DATE_TIME_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const lenient = fullFormats['iso-date-time'] as { validate: (value: string) => boolean };
const isoDateTime = (value: string): boolean => ISO_DATE_TIME_SHAPE.test(value) && lenient.validate(value);

/**
 * RFC 3339 §5.6 date-time. Stricter than ajv-formats' `date-time`, which also takes an offset without
 * its colon (`+0000`, `+00`) and any whitespace as the separator: RFC 3339 has `time-numoffset = ("+" /
 * "-") time-hour ":" time-minute`, and the only liberties its §5.6 NOTE grants are a lower-case `t`/`z`
 * and, "for the sake of readability", a space in place of `T`. Calendar and range checks (Feb 30,
 * hour 24, leap second 23:59:60 in UTC only) are still ajv-formats'.
 */
const RFC3339_DATE_TIME_SHAPE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const lenientDateTime = fullFormats['date-time'] as { validate: (value: string) => boolean };
const rfc3339DateTime = (value: string): boolean =>
  RFC3339_DATE_TIME_SHAPE.test(value) && lenientDateTime.validate(value);

/** Keywords the OpenAPI 3.1 base dialect adds to JSON Schema; they annotate and never validate. */
const OPENAPI_ANNOTATIONS = ['example', 'discriminator', 'xml', 'externalDocs'] as const;

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    // `type: ["string", "null"]` is how OpenAPI 3.1 says nullable.
    allowUnionTypes: true,
    // Report every violation, not just the first.
    allErrors: true,
    verbose: true,
  });
  addFormats(ajv);
  ajv.addFormat('email', EMAIL);
  ajv.addFormat('date-time', { type: 'string', validate: rfc3339DateTime });
  ajv.addFormat('iso-date-time', { type: 'string', validate: isoDateTime });
  for (const keyword of OPENAPI_ANNOTATIONS)
    ajv.addKeyword({ keyword, schemaType: ['object', 'string', 'number', 'boolean', 'array', 'null'] });
  return ajv;
}

let instance: Ajv2020 | undefined;

/** The shared instance; schemas are added to it once per process by the contract loader. */
export function getAjv(): Ajv2020 {
  instance ??= createAjv();
  return instance;
}
