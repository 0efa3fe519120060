/**
 * Credentials an attacker would try (OWASP API2, broken authentication): near misses of the real key
 * that a server comparing only a prefix, the length or the format would accept. Each is a secret too:
 * it reveals the real key but for one character, so redaction covers every one.
 */
import type { CredentialScheme } from './contract-loader';
import type { Severity } from './types';

export interface ForgedProbe {
  /** What the probe sends, described without the key. */
  description: string;
  severity: Severity;
  header: string;
  value: string;
}

const CLASSES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/** Another character of the same class (digit, lower, upper); undefined for symbols. */
function sibling(char: string): string | undefined {
  const alphabet = CLASSES.find((c) => c.includes(char));
  return alphabet ? alphabet[(alphabet.indexOf(char) + 1) % alphabet.length] : undefined;
}

/**
 * The key with one character near the middle changed to another of its alphabet. Not the last
 * character: in base64 or a JWT signature it can carry unused bits and decode to the same bytes.
 */
export function nearMiss(key: string): string {
  const middle = Math.floor(key.length / 2);
  for (let distance = 0; distance < key.length; distance++) {
    for (const index of [middle - distance, middle + distance]) {
      const replacement = index >= 0 && index < key.length - 1 ? sibling(key[index] ?? '') : undefined;
      if (replacement !== undefined) return `${key.slice(0, index)}${replacement}${key.slice(index + 1)}`;
    }
  }
  return `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
}

/** The forged keys (without scheme): what redaction must hide besides the real key. */
export function forgedKeys(key: string): string[] {
  const last = key.at(-1) ?? 'A';
  return [nearMiss(key), key.slice(0, -1), `${key}${sibling(last) ?? 'A'}`];
}

/** At most four requests: three near misses (must be refused), the key in another scheme or header (should). */
export function forgedProbes(key: string, credential: CredentialScheme): ForgedProbe[] {
  const form = credential.forms[0] ?? '{key}';
  const [changed = '', truncated = '', appended = ''] = forgedKeys(key);
  const inForm = (value: string) => ({ header: credential.header, value: form.replace('{key}', value) });
  const bearer = credential.header.toLowerCase() === 'authorization';
  return [
    { description: 'the API key with one character changed', severity: 'must', ...inForm(changed) },
    { description: 'the API key without its last character', severity: 'must', ...inForm(truncated) },
    { description: 'the API key with one character appended', severity: 'must', ...inForm(appended) },
    bearer
      ? {
          description: 'the API key in the Basic scheme',
          severity: 'should',
          header: 'Authorization',
          value: `Basic ${key}`,
        }
      : {
          description: `the API key as a Bearer token instead of ${credential.header}`,
          severity: 'should',
          header: 'Authorization',
          value: `Bearer ${key}`,
        },
  ];
}
