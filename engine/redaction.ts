/**
 * The one credential redaction of the suite: engine records, error texts, curl commands and every
 * report. Targets are untrusted and echo the key back in any spelling, so a secret is matched
 * character by character, each character raw or escaped (URL, JSON, HTML, mixed at will), and also
 * as the stable middle of any base64 text that contains it, and as a hex dump. Matching ignores case: transports
 * lower-case header names (a base64 spelling in a header name too), and an upper-cased key still gives
 * most of it away. A secret cut short by an excerpt (`…`) goes as well: what remains of it is a secret.
 */
import { Buffer } from 'node:buffer';

export const REDACTED = '[REDACTED]';

/** Shorter "secrets" would shred ordinary text: they are ignored here and refused by configuration. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Excerpts end with `…` and may cut a secret short: its first characters (or base64 digits) still go
 * when at least this many remain. Fewer could be ordinary text; the engine's own excerpts never end
 * in a word that short (json-text.ts `cutShort`).
 */
export const MIN_CUT_LENGTH = 4;
/** The same for an encoded spelling (base64, hex), whose digits ordinary ids and numbers are made of. */
const MIN_ENCODED_CUT_LENGTH = 8;

/** Where a secret was cut: the `…`, perhaps after half an escape (`\u00`, `%2`, `&#4`). */
const AT_A_CUT = '(?=[\\\\%&#;\\w]{0,12}\\s*…)';

/** A base64 core shorter than this could occur in unrelated base64 text by chance. */
const MIN_BASE64_CORE_LENGTH = 6;

/** Header names whose values are credentials wherever they appear. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
]);

export function secretTooShort(secret: string): boolean {
  return secret.length < MIN_SECRET_LENGTH;
}

export interface Redactor {
  /** True when no usable secret was given (sensitive headers are masked all the same). */
  readonly isEmpty: boolean;
  /** Every spelling of every secret, and every sensitive header value written as text, replaced. */
  text(text: string): string;
  /** Sensitive header values masked; secrets redacted from the other values and from every name. */
  headers(headers: Record<string, string>): Record<string, string>;
  /** A redacted deep copy: every string and key, and every `headers` object at any depth as by `headers()`. */
  deep<T>(value: T): T;
}

/**
 * A sensitive header written as text: `Authorization: Bearer x` in a curl line, `"x-api-key": "k"` in
 * a JSON body, `cookie=...`. The value runs to the end of the line, a quote or `&` (next query param).
 * `set-cookie` comes before `cookie` and `proxy-authorization` before `authorization` so the longer
 * name wins.
 */
const HEADER_IN_TEXT =
  /\b(proxy-authorization|authorization|x-api-key|set-cookie|cookie)("?\s*[:=]\s*\[?\s*"?)([^\r\n"'&]+)/gi;

/** `$API_KEY` is the placeholder curl commands carry on purpose: it reveals nothing and keeps them runnable. */
const CURL_PLACEHOLDER = '$API_KEY';

/** HTML named character references of ASCII characters (HTML Living Standard). */
const NAMED_ENTITIES: Readonly<Record<string, readonly string[]>> = {
  '\t': ['Tab'],
  '\n': ['NewLine'],
  '!': ['excl'],
  '"': ['quot', 'QUOT'],
  '#': ['num'],
  $: ['dollar'],
  '%': ['percnt'],
  '&': ['amp', 'AMP'],
  "'": ['apos'],
  '(': ['lpar'],
  ')': ['rpar'],
  '*': ['ast', 'midast'],
  '+': ['plus'],
  ',': ['comma'],
  '.': ['period'],
  '/': ['sol'],
  ':': ['colon'],
  ';': ['semi'],
  '<': ['lt', 'LT'],
  '=': ['equals'],
  '>': ['gt', 'GT'],
  '?': ['quest'],
  '@': ['commat'],
  '[': ['lsqb', 'lbrack'],
  '\\': ['bsol'],
  ']': ['rsqb', 'rbrack'],
  '^': ['Hat'],
  _: ['lowbar', 'UnderBar'],
  '`': ['grave', 'DiacriticalGrave'],
  '{': ['lcub', 'lbrace'],
  '|': ['vert', 'verbar', 'VerticalLine'],
  '}': ['rcub', 'rbrace'],
};

/** JSON's two-character escapes (`\/` is optional in JSON and PHP's default). */
const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  '\b': 'b',
  '\f': 'f',
  '\n': 'n',
  '\r': 'r',
  '\t': 't',
};

const BACKSLASH = '\\\\';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function alternatives(patterns: readonly string[]): string {
  const unique = [...new Set(patterns)];
  return unique.length === 1 ? (unique[0] as string) : `(?:${unique.join('|')})`;
}

/** `n` in hex, at least `width` digits, each letter digit in either case. */
function hexPattern(n: number, width: number): string {
  return n
    .toString(16)
    .padStart(width, '0')
    .replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

function codeUnits(ch: string): number[] {
  return Array.from({ length: ch.length }, (_, i) => ch.charCodeAt(i));
}

/** `\u0041`, `\x41`, `\/`: the part after the backslash. */
function backslashEscapes(ch: string): string[] {
  const out = [
    codeUnits(ch)
      .map((unit) => `u${hexPattern(unit, 4)}`)
      .join(BACKSLASH),
  ];
  const point = ch.codePointAt(0) ?? 0;
  if (point <= 0xff) out.push(`x${hexPattern(point, 2)}`);
  const short = JSON_SHORT_ESCAPES[ch];
  if (short !== undefined) out.push(escapeRegExp(short));
  return out;
}

/** `%2F`, double-encoded `%252F` too: the UTF-8 bytes after the first `%`. */
function percentEscape(ch: string): string {
  return [...Buffer.from(ch, 'utf8')].map((byte) => hexPattern(byte, 2)).join('%(?:25)?');
}

/** `&#47;`, `&#x2F;`, `&sol;`, double-escaped `&amp;#47;` too: the part after the first `&`. */
function htmlEscapes(ch: string): string[] {
  const point = ch.codePointAt(0) ?? 0;
  return [
    `#(?:0*${point}|[xX]0*${hexPattern(point, 1)});?`,
    ...(NAMED_ENTITIES[ch] ?? []).map((name) => `${name};`),
  ];
}

/** The character raw or escaped in any of the ways above; letters in either case when `anyCase`. */
function charPattern(ch: string, anyCase: boolean): string {
  const variants = anyCase
    ? [...new Set([ch, ch.toLowerCase(), ch.toUpperCase()])].filter((v) => [...v].length === 1)
    : [ch];
  const raw = variants.length > 1 ? `[${variants.map(escapeRegExp).join('')}]` : escapeRegExp(ch);
  return alternatives([
    raw,
    ...(ch === ' ' ? ['\\+'] : []), // form encoding
    `${BACKSLASH}${alternatives(variants.flatMap(backslashEscapes))}`,
    `%(?:25)?${alternatives(variants.map(percentEscape))}`,
    `&(?:amp;)?${alternatives(variants.flatMap(htmlEscapes))}`,
  ]);
}

/** Bytes of `text` after `prefixLength` unknown bytes, base64-encoded: the characters that only they decide. */
function base64Core(text: string, prefixLength: number, alphabet: 'base64' | 'base64url'): string {
  const bytes = Buffer.from(text, 'utf8');
  const encoded = Buffer.concat([Buffer.alloc(prefixLength), bytes]).toString(alphabet);
  const firstBit = 8 * prefixLength;
  return encoded.slice(Math.ceil(firstBit / 6), Math.floor((firstBit + 8 * bytes.length) / 6));
}

function base64Cores(text: string, alphabet: 'base64' | 'base64url'): string[] {
  return [0, 1, 2]
    .map((prefixLength) => base64Core(text, prefixLength, alphabet))
    .filter((core) => core.length >= MIN_BASE64_CORE_LENGTH);
}

/** A base64 core in either alphabet, its `+` and `/` possibly escaped (a base64 text in a URL or JSON). */
function coreTokens(core: string): string[] {
  return [...core].map((ch) => {
    if (ch === '+' || ch === '-') return alternatives([charPattern('+', false), '-']);
    if (ch === '/' || ch === '_') return alternatives([charPattern('/', false), '_']);
    return ch;
  });
}

function jsonEscapedSlash(secret: string): string {
  return JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/');
}

/** The texts whose base64 may carry the secret: the secret itself, and as a JSON or URL value (a JWT payload, a query string). */
function base64Sources(secret: string): string[] {
  return [...new Set([secret, jsonEscapedSlash(secret), encodeURIComponent(secret)])];
}

/** A secret in any spelling, as a sequence of one pattern per character. */
function secretTokenSequences(secret: string): string[][] {
  const sources = base64Sources(secret);
  const cores = sources.flatMap((source) => base64Cores(source, 'base64'));
  return [
    [...secret].map((ch) => charPattern(ch, true)),
    ...cores.map(coreTokens),
    // A hex dump of its bytes, in either case (the pattern ignores case).
    ...sources.map((source) => [...Buffer.from(source, 'utf8').toString('hex')]),
    // A whole encoding of the secret goes whole, its last (partial) character and padding too.
    ...sources.flatMap((source) => {
      const encoded = Buffer.from(source, 'utf8').toString('base64');
      const padding = encoded.match(/=*$/)?.[0] ?? '';
      const unpadded = coreTokens(encoded.slice(0, encoded.length - padding.length));
      return [unpadded, [...unpadded, ...[...padding].map((ch) => charPattern(ch, false))]];
    }),
  ];
}

interface TrieNode {
  ends: boolean;
  /** Tokens from the root: how much of a secret this node has matched. */
  depth: number;
  children: Map<string, TrieNode>;
}

function trieOf(sequences: readonly (readonly string[])[]): TrieNode {
  const root: TrieNode = { ends: false, depth: 0, children: new Map() };
  for (const tokens of sequences) {
    let node = root;
    for (const token of tokens) {
      let child = node.children.get(token);
      if (!child) {
        child = { ends: false, depth: node.depth + 1, children: new Map() };
        node.children.set(token, child);
      }
      node = child;
    }
    node.ends = true;
  }
  return root;
}

/**
 * One alternation whose branches share their common prefixes (a key and its forged variants mostly
 * do), so the engine never walks one prefix twice. An ending that has longer continuations makes them
 * optional and greedy: where a key and that key truncated both match, the whole goes. From depth
 * `endsFrom` on, every node is an ending (every prefix that long matches).
 */
function trieSource(node: TrieNode, endsFrom = Number.POSITIVE_INFINITY): string {
  const branches = [...node.children].map(([token, child]) => token + trieSource(child, endsFrom));
  if (branches.length === 0) return '';
  const ends = node.ends || node.depth >= endsFrom;
  const body = branches.length === 1 && !ends ? (branches[0] as string) : `(?:${branches.join('|')})`;
  return ends ? `${body}?` : body;
}

function usableSecrets(secrets: readonly (string | undefined)[]): string[] {
  return [...new Set(secrets)].filter(
    (secret): secret is string => secret !== undefined && !secretTooShort(secret),
  );
}

function buildPattern(secrets: readonly string[]): RegExp | null {
  // Longest first, so that of two branches matching at one place the longer is tried first.
  const sequences = secrets.flatMap(secretTokenSequences).sort((a, b) => b.length - a.length);
  return sequences.length === 0 ? null : new RegExp(trieSource(trieOf(sequences)), 'gi');
}

/** `Bearer <key>` is cut where its key is (its base64 too: the key's cores cover every alignment). */
function bareSecrets(secrets: readonly string[]): string[] {
  return secrets.filter((secret) => !secrets.some((other) => secret.endsWith(` ${other}`)));
}

/**
 * Secrets cut short right before a `…`: the first MIN_CUT_LENGTH or more characters of the key where a
 * word starts, or MIN_ENCODED_CUT_LENGTH digits of an encoding. Its own pattern, used only on texts
 * with a `…`, so the main one stays small and fast.
 */
function buildCutPattern(secrets: readonly string[]): RegExp | null {
  const bare = bareSecrets(secrets);
  if (bare.length === 0) return null;
  const byLength = (a: readonly string[], b: readonly string[]) => b.length - a.length;
  // The key as written, where a word starts: its first MIN_CUT_LENGTH characters on.
  const plain = bare.map((secret) => [...secret].map((ch) => charPattern(ch, true))).sort(byLength);
  // Its encodings (base64, hex) are made of characters any id or number has: eight of them at least.
  const encoded = bare.flatMap((secret) => secretTokenSequences(secret).slice(1)).sort(byLength);
  const plainSource = `(?<![A-Za-z0-9])${trieSource(trieOf(plain), MIN_CUT_LENGTH)}`;
  const encodedSource = trieSource(trieOf(encoded), MIN_ENCODED_CUT_LENGTH);
  return new RegExp(`(?:${plainSource}|${encodedSource})${AT_A_CUT}`, 'gi');
}

function redactHeaderValuesInText(text: string): string {
  return text.replace(HEADER_IN_TEXT, (match, name: string, separator: string, value: string) =>
    `${separator}${value}`.includes(REDACTED) || value.includes(CURL_PLACEHOLDER)
      ? match
      : `${name}${separator}${REDACTED}`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function masked(value: unknown): unknown {
  if (typeof value === 'string') return REDACTED;
  return Array.isArray(value) ? value.map(masked) : value;
}

const ENTITY_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries(NAMED_ENTITIES).flatMap(([ch, names]) => names.map((name): [string, string] => [name, ch])),
);

const ENTITY_NAMES_ANY_CASE: ReadonlyMap<string, string> = new Map(
  [...ENTITY_NAMES].map(([name, ch]): [string, string] => [name.toLowerCase(), ch]),
);

const fromCode = (code: number): string => (code <= 0x10ffff ? String.fromCodePoint(code) : '');

/** Runs of `%XX` as UTF-8 where they are, byte by byte where they are not. */
function percentDecoded(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run.replace(/%([0-9a-f]{2})/gi, (_, byte: string) =>
      String.fromCharCode(Number.parseInt(byte, 16)),
    );
  }
}

/**
 * One layer of every escape the pattern knows (backslash, percent, HTML), undone. In any letter case,
 * as the pattern (case-insensitive) matches them: `\U002F`, `&#X2F;` and `&SOL;` are undone too.
 */
function unescapeOnce(text: string): string {
  return text
    .replace(
      /\\[uU]([0-9a-fA-F]{4})|\\[xX]([0-9a-fA-F]{2})|\\([^uUxX])/g,
      (match, u?: string, x?: string, short?: string) => {
        if (u) return String.fromCharCode(Number.parseInt(u, 16));
        if (x) return String.fromCharCode(Number.parseInt(x, 16));
        const found = Object.entries(JSON_SHORT_ESCAPES).find(
          ([, letter]) => letter === short?.toLowerCase(),
        );
        return found ? found[0] : match;
      },
    )
    .replace(/(?:%[0-9a-fA-F]{2})+/g, percentDecoded)
    .replace(
      /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z]+));?/g,
      (match, dec?: string, hexa?: string, name?: string) => {
        if (dec) return fromCode(Number(dec));
        if (hexa) return fromCode(Number.parseInt(hexa, 16));
        return ENTITY_NAMES.get(name ?? '') ?? ENTITY_NAMES_ANY_CASE.get((name ?? '').toLowerCase()) ?? match;
      },
    );
}

/**
 * A cheap test that a text cannot hold any spelling of the secrets: escapes undone twice (the pattern
 * knows double escapes), letter case and the two base64 alphabets folded, then plain substring
 * searches. Most texts hold no secret, and the full pattern costs far more than this.
 */
function createPrefilter(secrets: readonly string[]): {
  whole: (text: string) => boolean;
  cut: (text: string) => boolean;
} {
  const fold = (text: string) => text.toLowerCase().replaceAll('-', '+').replaceAll('_', '/');
  const needlesOf = (list: readonly string[]) => [
    ...new Set(
      list.flatMap((secret) => [
        fold(secret),
        fold(secret.replaceAll(' ', '+')),
        ...base64Sources(secret).flatMap((source) => [
          ...base64Cores(source, 'base64').map(fold),
          Buffer.from(source, 'utf8').toString('hex'),
        ]),
      ]),
    ),
  ];
  const needles = needlesOf(secrets);
  // A secret cut before a `…` keeps at least its first MIN_CUT_LENGTH characters (or base64 digits);
  // the cut pattern looks for the bare secrets only (`Bearer ` is not what is secret).
  const heads = [
    ...new Set(needlesOf(bareSecrets(secrets)).map((needle) => needle.slice(0, MIN_CUT_LENGTH))),
  ];
  const holds = (list: readonly string[]) => (text: string) => {
    const folded = fold(unescapeOnce(unescapeOnce(text)));
    return list.some((needle) => folded.includes(needle));
  };
  return { whole: holds(needles), cut: holds(heads) };
}

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const usable = usableSecrets(secrets);
  const mayHold = createPrefilter(usable);
  // Each pattern is built on its first need (it costs tens of milliseconds in a new worker): most runs
  // never meet a secret in any output, and a text cut short rarely needs the whole-secret pattern.
  let whole: RegExp | null | undefined;
  let cut: RegExp | null | undefined;

  const text = (input: string): string => {
    let out = input;
    if (usable.length > 0 && mayHold.whole(out)) {
      whole ??= buildPattern(usable);
      if (whole) out = out.replace(whole, REDACTED);
    }
    if (usable.length > 0 && out.includes('…') && mayHold.cut(out)) {
      cut ??= buildCutPattern(usable);
      if (cut) out = out.replace(cut, REDACTED);
    }
    return redactHeaderValuesInText(out);
  };

  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return text(node);
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      out[text(key)] = key.toLowerCase() === 'headers' ? walkHeaders(child) : walk(child);
    }
    return out;
  };

  /** A header map, or a HAR-style list of `{ name, value }`. */
  const walkHeaders = (headers: unknown): unknown => {
    if (Array.isArray(headers)) {
      return headers.map((entry) =>
        isObject(entry) && typeof entry.name === 'string' && SENSITIVE_HEADERS.has(entry.name.toLowerCase())
          ? walk({ ...entry, value: masked(entry.value) })
          : walk(entry),
      );
    }
    if (!isObject(headers)) return walk(headers);
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[text(name)] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? masked(value) : walk(value);
    }
    return out;
  };

  return {
    isEmpty: usable.length === 0,
    text,
    headers: (headers) => walkHeaders(headers) as Record<string, string>,
    deep: <T>(value: T): T => walk(value) as T,
  };
}

type Hex = 'upper' | 'lower';

function hex(n: number, width: number, digits: Hex): string {
  const text = n.toString(16).padStart(width, '0');
  return digits === 'upper' ? text.toUpperCase() : text;
}

/** `secret` with every character that is not a letter or a digit (or every character) spelled by `spell`. */
function respell(secret: string, spell: (ch: string) => string, everyChar = false): string {
  return [...secret].map((ch) => (everyChar || !/^[A-Za-z0-9]$/.test(ch) ? spell(ch) : ch)).join('');
}

const percent = (digits: Hex) => (ch: string) =>
  [...Buffer.from(ch, 'utf8')].map((byte) => `%${hex(byte, 2, digits)}`).join('');
const jsonUnicode = (digits: Hex) => (ch: string) =>
  codeUnits(ch)
    .map((unit) => `\\u${hex(unit, 4, digits)}`)
    .join('');
const htmlHex = (digits: Hex) => (ch: string) => `&#x${hex(ch.codePointAt(0) ?? 0, 1, digits)};`;
const htmlDecimal = (ch: string) => `&#${ch.codePointAt(0) ?? 0};`;
const htmlNamed = (ch: string) =>
  NAMED_ENTITIES[ch]?.[0] ? `&${NAMED_ENTITIES[ch]?.[0]};` : htmlDecimal(ch);

function base64Forms(text: string): string[] {
  const base64 = Buffer.from(text, 'utf8').toString('base64');
  const base64url = Buffer.from(text, 'utf8').toString('base64url');
  return [base64, base64.replace(/=+$/, ''), base64url, `${base64url}${base64.match(/=+$/)?.[0] ?? ''}`];
}

/**
 * Representative spellings of `secret`, in a stable order, for searching outputs for leaks: each one
 * is redacted by `createRedactor([secret])` (when the secret is long enough to be used at all).
 */
export function spellingsOf(secret: string): string[] {
  const coreSources = base64Sources(secret);
  return [
    ...new Set([
      secret,
      secret.toLowerCase(),
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
      respell(secret, percent('upper')),
      respell(secret, percent('lower')),
      new URLSearchParams({ k: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
      jsonEscapedSlash(secret),
      respell(secret, jsonUnicode('upper')),
      respell(secret, jsonUnicode('upper'), true),
      respell(secret, jsonUnicode('lower'), true),
      respell(secret, htmlDecimal),
      respell(secret, htmlHex('upper')),
      respell(secret, htmlHex('lower')),
      respell(secret, htmlNamed),
      ...base64Forms(secret),
      ...base64Forms(`Bearer ${secret}`),
      ...base64Forms(`user:${secret}`),
      ...coreSources.flatMap((source) => [
        ...base64Cores(source, 'base64'),
        ...base64Cores(source, 'base64url'),
        Buffer.from(source, 'utf8').toString('hex'),
        Buffer.from(source, 'utf8').toString('hex').toUpperCase(),
      ]),
    ]),
  ];
}
