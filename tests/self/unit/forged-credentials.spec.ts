/**
 * The forged credentials (OWASP API2 probes): near misses of the key that stay plausible (same length,
 * same alphabet, the last character untouched), and the four probes each contract's scheme gets.
 */
import { expect, test } from '@playwright/test';
import { type CredentialScheme, loadContracts } from '../../../engine/contract-loader';
import { forgedKeys, forgedProbes, nearMiss } from '../../../engine/forged-credentials';

const CLASSES = [/^[0-9]$/, /^[a-z]$/, /^[A-Z]$/];
const classOf = (char: string) => CLASSES.findIndex((pattern) => pattern.test(char));

/** Indices where two strings of one length differ. */
const differences = (a: string, b: string) => [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));

interface KeyRow {
  name: string;
  key: string;
  /** Where the changed character must be. */
  changedAt: number;
}

const DELOS_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOjQxMjcsImV4cCI6MTg5MzQ1NjAwMH0.gXTiSSTF-y8rEQtmZTM7Mm9icCAE1uzQBmk8RCRkc4g';

const keyRows: KeyRow[] = [
  { name: 'hex', key: '8f3a61d2c94b07e5', changedAt: 8 },
  { name: 'prefixed live key', key: 'klm_live_8f3a61d2c94b07e5a1d6c3f8', changedAt: 16 },
  { name: 'base64 with / + =, a symbol in the middle', key: 'ab+/=+cd==', changedAt: 6 },
  { name: 'base64 whose only letters are far from the middle', key: 'Q+//==//+=', changedAt: 0 },
  { name: 'JWT-like with . and -', key: DELOS_JWT, changedAt: Math.floor(DELOS_JWT.length / 2) },
  { name: 'JWT-like with the middle on a dot', key: 'aaa.bbb', changedAt: 2 },
  { name: 'the middle on a dash, nearer the start wins a tie', key: 'x1-2y', changedAt: 1 },
  { name: 'digits wrap 9 → 0', key: '99999', changedAt: 2 },
  { name: 'lower case wraps z → a', key: 'zzzz', changedAt: 2 },
  { name: 'upper case wraps Z → A', key: 'ZZZZZZ', changedAt: 3 },
  { name: 'two characters: the first changes, never the last', key: 'ab', changedAt: 0 },
];

test.describe('nearMiss', () => {
  for (const row of keyRows) {
    test(`${row.name}: one character of the same class changed, not the last`, () => {
      const forged = nearMiss(row.key);
      expect(forged).not.toBe(row.key);
      expect(forged).toHaveLength(row.key.length);
      expect(forged.at(-1)).toBe(row.key.at(-1));
      // Nor the last one before base64 padding, which may carry bits a decoder ignores.
      const core = row.key.replace(/=+$/, '');
      if (core !== row.key) expect(forged.slice(0, core.length).at(-1)).toBe(core.at(-1));
      expect(differences(row.key, forged)).toEqual([row.changedAt]);
      const before = row.key[row.changedAt] ?? '';
      const after = forged[row.changedAt] ?? '';
      expect(classOf(before), `${before} is a digit or letter`).toBeGreaterThanOrEqual(0);
      expect(classOf(after)).toBe(classOf(before));
    });
  }

  // No character but the last can change within its class: the last one changes, the length stays.
  for (const key of ['-._~+/=', '====', '----a', 'x']) {
    test(`edge case ${JSON.stringify(key)}: only the last character differs`, () => {
      const forged = nearMiss(key);
      expect(forged).not.toBe(key);
      expect(forged).toHaveLength(key.length);
      expect(differences(key, forged)).toEqual([key.length - 1]);
    });
  }

  test('a key ending in A gets another last character', () => {
    expect(nearMiss('==A')).toBe('==B');
  });
});

test.describe('forgedKeys', () => {
  for (const key of [...keyRows.map((r) => r.key), '-._~+/=', '====']) {
    test(`three distinct near misses of ${JSON.stringify(key.slice(0, 20))}`, () => {
      const [changed, truncated, appended, ...rest] = forgedKeys(key);
      // base64 `=` padding stays at the end; the cut and the extension are made before it.
      const padding = /[^=](=+)$/.exec(key)?.[1] ?? '';
      const core = key.slice(0, key.length - padding.length);
      expect(rest).toEqual([]);
      expect(changed).toBe(nearMiss(key));
      // A prefix of the key: a server comparing only as far as what was sent must still refuse it.
      expect(truncated).toBe(core.slice(0, -1));
      expect(key.startsWith(truncated ?? '')).toBe(true);
      // Two characters: a lenient base64 decoder drops one extra character of some JWT signatures.
      expect(appended).toHaveLength(key.length + 2);
      expect(appended?.startsWith(core)).toBe(true);
      expect(appended?.endsWith(padding)).toBe(true);
      expect(new Set([key, changed, truncated, appended]).size).toBe(4);
    });
  }

  test('the appended characters keep the class of the last one', () => {
    expect(forgedKeys('abc9')[2]).toBe('abc901');
    expect(forgedKeys('abcz')[2]).toBe('abczab');
    expect(forgedKeys('abc=')[2]).toBe('abcde=');
  });

  // A server that base64-decodes the key and compares every byte must see three other secrets.
  for (const key of [
    'q1Zk8m+u/3Yd0Xb9Lw2Jc7Tr5Ne4Ha6Gf1Sp0Vo8Ui=',
    'c2VjcmV0LWtleS0x',
    'YWJjZA==',
    'Zm9v/YmFy+YmF6==',
  ]) {
    test(`each near miss of ${key} decodes to other bytes (base64, padding ignored by decoders)`, () => {
      const bytes = Buffer.from(key, 'base64');
      for (const forged of forgedKeys(key)) {
        expect(Buffer.from(forged, 'base64').equals(bytes), `${forged} decodes like ${key}`).toBe(false);
        expect(Buffer.from(forged, 'base64url').equals(Buffer.from(key, 'base64url')), forged).toBe(false);
      }
    });
  }
});

test.describe('forgedProbes', () => {
  const contracts = loadContracts();
  const credentialOf = (name: string): CredentialScheme => {
    const credential = contracts.find((c) => c.name === name)?.credential;
    if (!credential) throw new Error(`${name} has no credential`);
    return credential;
  };
  const KEY = 'sk_test_4e7b2c91a06d58f3';

  interface ProbeRow {
    contract: string;
    header: string;
    /** The first documented form, as the forged keys are sent in it. */
    form: (key: string) => string;
    last: { header: string; value: string; description: string };
  }

  /** A Bearer contract: near misses as Bearer tokens, then the key in the Basic scheme. */
  const BEARER_ROW: Pick<ProbeRow, 'form' | 'last'> = {
    form: (key) => `Bearer ${key}`,
    last: { header: 'Authorization', value: `Basic ${KEY}`, description: 'the API key in the Basic scheme' },
  };

  const probeRows: ProbeRow[] = [
    {
      contract: 'klaim',
      header: 'Authorization',
      ...BEARER_ROW,
    },
    {
      contract: 'credira',
      header: 'Authorization',
      ...BEARER_ROW,
    },
    {
      // Two documented forms; the forged keys use the one passed in (the one the target accepts).
      contract: 'delos',
      header: 'Authorization',
      ...BEARER_ROW,
    },
    {
      contract: 'aitronos',
      header: 'X-API-Key',
      form: (key) => key,
      last: {
        header: 'Authorization',
        value: `Bearer ${KEY}`,
        description: 'the API key as a Bearer token instead of X-API-Key',
      },
    },
  ];

  for (const row of probeRows) {
    test(`${row.contract}: three near misses (must) in ${row.header}, then the key in another scheme (should)`, () => {
      const credential = credentialOf(row.contract);
      const probes = forgedProbes(KEY, credential, credential.forms[0] ?? '{key}');
      expect(probes.map((p) => p.severity)).toEqual(['must', 'must', 'must', 'should']);
      const [changed, truncated, appended] = forgedKeys(KEY);
      expect(probes.slice(0, 3).map((p) => [p.header, p.value])).toEqual(
        [changed, truncated, appended].map((k) => [row.header, row.form(k ?? '')]),
      );
      expect(probes[3]).toEqual({
        ...row.last,
        severity: 'should',
        title: 'Undocumented credential form accepted',
      });
    });
  }

  test('every probe sends something other than the documented credential, and no description holds a key', () => {
    for (const row of probeRows) {
      const credential = credentialOf(row.contract);
      for (const probe of forgedProbes(KEY, credential, credential.forms[0] ?? '{key}')) {
        expect(probe.header === row.header && probe.value === row.form(KEY)).toBe(false);
        expect(probe.description).not.toContain(KEY.slice(0, -1));
      }
    }
  });

  test('at most four probes, whatever the key (the request budget of the scenario)', () => {
    for (const key of [...keyRows.map((r) => r.key), '-._~+/=', 'x']) {
      expect(forgedProbes(key, credentialOf('credira'), 'Bearer {key}').length).toBeLessThanOrEqual(4);
    }
  });
});
