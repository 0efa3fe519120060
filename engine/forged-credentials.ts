/**
 * Credentials an attacker would try (OWASP API2, broken authentication): near misses of the real key
 * that a server comparing only a prefix, the length or the format would accept. Each is a secret too:
 * it reveals the real key but for one character, so redaction covers every one.
 */
import { type CredentialScheme, inCredentialForm } from './contract-loader';
import type { Severity } from './types';

export interface ForgedProbe {
  /** The failure's title when the probe is served. */
  title: string;
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

/** Base64 `=` padding decodes to nothing: near misses change what comes before it. */
const paddingOf = (key: string): string => {
  const core = key.replace(/=+$/, '');
  return core === '' ? '' : key.slice(core.length);
};

/**
 * The key with one character near the middle changed to another of its alphabet. Not the last
 * character before any padding: in base64 or a JWT signature it can carry unused bits and decode to
 * the same bytes.
 */
export function nearMiss(key: string): string {
  const middle = Math.floor(key.length / 2);
  const last = key.length - paddingOf(key).length - 1;
  for (let distance = 0; distance < key.length; distance++) {
    for (const index of [middle - distance, middle + distance]) {
      const replacement = index >= 0 && index < last ? sibling(key[index] ?? '') : undefined;
      if (replacement !== undefined) return `${key.slice(0, index)}${replacement}${key.slice(index + 1)}`;
    }
  }
  return `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
}

/**
 * The forged keys (without scheme): what redaction must hide besides the real key. Two characters are
 * appended, not one: a lenient base64 decoder drops a single extra character of a JWT signature whose
 * length is a multiple of four, so one would decode to the very same signature. A padded base64 key
 * loses its padding with its last character (still a prefix of the key, other bytes), and is extended
 * before its padding: after it a decoder stops, and the bytes would be the real ones.
 */
export function forgedKeys(key: string): string[] {
  const padding = paddingOf(key);
  const core = key.slice(0, key.length - padding.length);
  const last = sibling(core.at(-1) ?? 'A') ?? 'A';
  return [nearMiss(key), core.slice(0, -1), `${core}${last}${sibling(last) ?? 'B'}${padding}`];
}

/**
 * At most four requests: three near misses in the credential form the target accepts (must be
 * refused), and the real key in an undocumented scheme or header (should: some servers accept it).
 */
export function forgedProbes(key: string, credential: CredentialScheme, form: string): ForgedProbe[] {
  const [changed = '', truncated = '', appended = ''] = forgedKeys(key);
  const padded = paddingOf(key) !== '';
  const inForm = (value: string) => ({ header: credential.header, value: inCredentialForm(form, value) });
  const forged = 'Forged credential accepted';
  const undocumented = 'Undocumented credential form accepted';
  const bearer = credential.header.toLowerCase() === 'authorization';
  return [
    {
      title: forged,
      description: 'the API key with one character changed',
      severity: 'must',
      ...inForm(changed),
    },
    {
      title: forged,
      description: padded
        ? 'the API key without its last character and its = padding'
        : 'the API key without its last character',
      severity: 'must',
      ...inForm(truncated),
    },
    {
      title: forged,
      description: padded
        ? 'the API key with two characters inserted before its = padding'
        : 'the API key with two characters appended',
      severity: 'must',
      ...inForm(appended),
    },
    bearer
      ? {
          title: undocumented,
          description: 'the API key in the Basic scheme',
          severity: 'should',
          header: 'Authorization',
          value: `Basic ${key}`,
        }
      : {
          title: undocumented,
          description: `the API key as a Bearer token instead of ${credential.header}`,
          severity: 'should',
          header: 'Authorization',
          value: `Bearer ${key}`,
        },
  ];
}
