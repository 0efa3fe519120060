/** The formats the shared Ajv instance tightens beyond ajv-formats (engine/ajv.ts), table-driven. */
import { expect, test } from '@playwright/test';
import { getAjv } from '../../../engine/ajv';

const rows: { format: string; value: string; valid: boolean; why: string }[] = [
  { format: 'email', value: 'john.doe@company.com', valid: true, why: 'plain address' },
  { format: 'email', value: 'a+b@sub.example.co.uk', valid: true, why: 'plus tag, subdomains' },
  { format: 'email', value: 'x@xn--bcher-kva.example', valid: true, why: 'IDN label' },
  { format: 'email', value: 'x@example.xn--p1ai', valid: true, why: 'IDN top-level label' },
  { format: 'email', value: 'test@email.com1011', valid: false, why: "seed 000's example: numeric TLD" },
  { format: 'email', value: 'john.doe at company.com', valid: false, why: 'no @' },
  { format: 'email', value: 'john@localhost', valid: false, why: 'no top-level label' },
  { format: 'email', value: '', valid: false, why: 'empty' },
  { format: 'iso-date-time', value: '2024-01-15T10:30:00', valid: true, why: 'Spring LocalDateTime' },
  { format: 'iso-date-time', value: '2024-01-15T10:30:00.123456', valid: true, why: 'fractional seconds' },
  { format: 'iso-date-time', value: '2024-01-15T10:30:00Z', valid: true, why: 'UTC offset' },
  { format: 'iso-date-time', value: '2024-01-15T10:30:00+01:00', valid: true, why: 'numeric offset' },
  { format: 'iso-date-time', value: '2024-01-15 10:30:00', valid: false, why: 'space instead of T' },
  { format: 'iso-date-time', value: '2024-01-15t10:30:00z', valid: false, why: 'lower-case t and z' },
  { format: 'iso-date-time', value: '2024-02-30T10:30:00', valid: false, why: 'no such day' },
  { format: 'iso-date-time', value: '2024-01-15T10:30', valid: false, why: 'no seconds' },
  { format: 'iso-date-time', value: '15/01/2024 10:30:00', valid: false, why: 'not ISO 8601' },
  // RFC 3339 §5.6: time-offset = "Z" / time-numoffset; time-numoffset = ("+" / "-") time-hour ":" time-minute.
  { format: 'date-time', value: '2024-01-15T10:30:00Z', valid: true, why: 'Z offset' },
  { format: 'date-time', value: '2024-01-15T10:30:00z', valid: true, why: 'lower-case z (§5.6 NOTE)' },
  { format: 'date-time', value: '2024-01-15t10:30:00z', valid: true, why: 'lower-case t and z (§5.6 NOTE)' },
  { format: 'date-time', value: '2024-01-15T10:30:00+00:00', valid: true, why: '+00:00' },
  { format: 'date-time', value: '2024-01-15T10:30:00-00:00', valid: true, why: '-00:00 (§4.3)' },
  { format: 'date-time', value: '2024-01-15T11:30:00+01:00', valid: true, why: 'numeric offset' },
  { format: 'date-time', value: '2024-01-15T16:00:00+05:30', valid: true, why: 'offset with minutes' },
  { format: 'date-time', value: '2024-01-15 10:30:00Z', valid: true, why: 'space separator (§5.6 NOTE)' },
  { format: 'date-time', value: '2024-01-15T10:30:00.5Z', valid: true, why: 'one fractional digit' },
  { format: 'date-time', value: '2024-01-15T10:30:00.123+01:00', valid: true, why: 'microseconds' },
  { format: 'date-time', value: '2016-12-31T23:59:60Z', valid: true, why: 'leap second at 23:59:60 UTC' },
  { format: 'date-time', value: '2024-02-29T10:30:00Z', valid: true, why: 'leap day' },
  { format: 'date-time', value: '2024-01-15T10:30:00', valid: false, why: 'RFC 3339 needs an offset' },
  { format: 'date-time', value: '2024-01-15T10:30:00+0000', valid: false, why: 'offset without its colon' },
  { format: 'date-time', value: '2024-01-15T10:30:00+00', valid: false, why: 'offset hours only' },
  { format: 'date-time', value: '2024-01-15T10:30:00+01', valid: false, why: 'offset hours only, not UTC' },
  { format: 'date-time', value: '2024-01-15T10:30:00 +00:00', valid: false, why: 'space before the offset' },
  { format: 'date-time', value: '2024-01-15\t10:30:00Z', valid: false, why: 'tab separator' },
  { format: 'date-time', value: '2024-01-15  10:30:00Z', valid: false, why: 'two spaces' },
  { format: 'date-time', value: '2024-01-15T10:30:00.Z', valid: false, why: 'a dot without digits' },
  { format: 'date-time', value: '2024-01-15T10:30Z', valid: false, why: 'no seconds' },
  { format: 'date-time', value: '2024-02-30T10:30:00Z', valid: false, why: 'Feb 30' },
  { format: 'date-time', value: '2023-02-29T10:30:00Z', valid: false, why: 'Feb 29 of a common year' },
  { format: 'date-time', value: '2024-13-15T10:30:00Z', valid: false, why: 'month 13' },
  { format: 'date-time', value: '2024-01-15T24:00:00Z', valid: false, why: 'hour 24' },
  { format: 'date-time', value: '2024-01-15T10:30:00+24:00', valid: false, why: 'offset hour 24' },
  { format: 'date-time', value: '2024-01-15T10:30:00+01:60', valid: false, why: 'offset minute 60' },
  { format: 'date-time', value: '2016-12-31T12:59:60Z', valid: false, why: 'leap second not at 23:59 UTC' },
  { format: 'date-time', value: '2024-01-15', valid: false, why: 'date only' },
  { format: 'date-time', value: '20240115T103000Z', valid: false, why: 'ISO 8601 basic format' },
  { format: 'date', value: '2025-11-15', valid: true, why: 'full-date' },
  { format: 'uuid', value: '0f4df2de-fffb-4a24-9891-381ecf4f0f87', valid: true, why: 'seed 004 id' },
];

for (const row of rows) {
  test(`${row.format}: ${JSON.stringify(row.value)} is ${row.valid ? 'valid' : 'invalid'} (${row.why})`, () => {
    const validate = getAjv().compile({ type: 'string', format: row.format });
    expect(validate(row.value)).toBe(row.valid);
  });
}
