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
  { format: 'date-time', value: '2024-01-15T10:30:00', valid: false, why: 'RFC 3339 needs an offset' },
  { format: 'date', value: '2025-11-15', valid: true, why: 'full-date' },
  { format: 'uuid', value: '0f4df2de-fffb-4a24-9891-381ecf4f0f87', valid: true, why: 'seed 004 id' },
];

for (const row of rows) {
  test(`${row.format}: ${JSON.stringify(row.value)} is ${row.valid ? 'valid' : 'invalid'} (${row.why})`, () => {
    const validate = getAjv().compile({ type: 'string', format: row.format });
    expect(validate(row.value)).toBe(row.valid);
  });
}
