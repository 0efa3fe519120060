/**
 * Run configuration from the environment (dotenv loads `.env` first; real variables win): the one
 * place that resolves and validates every setting of the suite. Every problem is found before any
 * request is made and reported in one message that names the variable, quotes the bad value and says
 * what is expected. An empty (or blank) value means unset.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRedactor, REDACTED } from './redaction';

export type Env = Readonly<Record<string, string | undefined>>;
export type ReadFile = (path: string) => string;

export const DEFAULT_REPORT_DIR = 'conformance-report';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const MAX_MAX_BODY_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_WORKERS = 2;
export const MAX_WORKERS = 64;
export const DEFAULT_SAMPLE_CONCURRENCY = 4;
export const MAX_SAMPLE_CONCURRENCY = 64;
/** Shorter keys cannot be redacted from outputs without mangling ordinary text. */
export const MIN_API_KEY_LENGTH = 8;
export const SECURITY_SEVERITIES = ['should', 'must'] as const;
export type SecuritySeverity = (typeof SECURITY_SEVERITIES)[number];

/** One variable the suite reads: the source of the README table and `.env.example`. */
export interface SettingInfo {
  name: string;
  /** When it must be set, e.g. `no`, `with BASE_URL`. */
  required: string;
  meaning: string;
  /** What applies when unset (human-readable); undefined when nothing does. */
  default: string | undefined;
  example: string;
  /** Never quoted in messages nor written to outputs. */
  secret?: boolean;
}

const TLS_VARIABLES = ['CA_CERT', 'CLIENT_CERT', 'CLIENT_KEY', 'CLIENT_KEY_PASSPHRASE'] as const;

export const SETTINGS: readonly SettingInfo[] = [
  {
    name: 'BASE_URL',
    required: 'to leave the reference',
    meaning:
      "root of the target; the contract's path is appended (`https://staging.example.com` → `https://staging.example.com/v1/users/{id}`)",
    default: 'the built-in reference, started on 127.0.0.1',
    example: 'https://staging.example.com',
  },
  {
    name: 'API_KEY',
    required: 'for contracts with auth',
    meaning: `sent as the contract's scheme (\`Authorization: Bearer …\`, \`X-API-Key: …\`); at least ${MIN_API_KEY_LENGTH} characters; never written to any output`,
    default: undefined,
    example: 'sk_test_0123456789abcdef',
    secret: true,
  },
  {
    name: 'USER_ID',
    required: 'with `BASE_URL`, unless `USER_IDS` or `USER_IDS_FILE` is set',
    meaning: 'an existing user the key may read',
    default: 'the first id of `USER_IDS` / `USER_IDS_FILE`',
    example: 'user_123',
  },
  {
    name: 'UNKNOWN_USER_ID',
    required: 'no',
    meaning: 'a well-formed id that does not exist',
    default: 'made per contract',
    example: 'user_does_not_exist',
  },
  {
    name: 'FORBIDDEN_USER_ID',
    required: 'no',
    meaning:
      'an existing user the key may **not** read; enables the broken-object-level-authorization check. Unset: skipped, and the report says why',
    default: undefined,
    example: 'user_of_another_tenant',
  },
  {
    name: 'MALFORMED_USER_ID',
    required: 'no',
    meaning: 'an id the API must reject as malformed',
    default: 'per contract where the contract constrains ids',
    example: 'not-an-id',
  },
  {
    name: 'CONTRACT',
    required: 'no',
    meaning: 'comma-separated contracts to run (`--project` wins over it)',
    default: 'every contract',
    example: 'credira,klaim',
  },
  {
    name: 'CONFORMANCE_REPORT_DIR',
    required: 'no',
    meaning: 'where `index.html`, `conformance.json` and `junit.xml` go',
    default: DEFAULT_REPORT_DIR,
    example: 'reports/staging',
  },
  {
    name: 'REQUEST_TIMEOUT_MS',
    required: 'no',
    meaning: `per request, in milliseconds, 1 to ${MAX_TIMEOUT_MS}`,
    default: String(DEFAULT_TIMEOUT_MS),
    example: '5000',
  },
  {
    name: 'MAX_BODY_BYTES',
    required: 'no',
    meaning: `largest response body read, in bytes, 1 to ${MAX_MAX_BODY_BYTES} (1 GiB)`,
    default: `${DEFAULT_MAX_BODY_BYTES} (10 MiB)`,
    example: '1048576',
  },
  {
    name: 'CONFORMANCE_WORKERS',
    required: 'no',
    meaning: `Playwright workers, 1 to ${MAX_WORKERS} (one contract per worker)`,
    default: String(DEFAULT_WORKERS),
    example: '4',
  },
  {
    name: 'REFERENCE_PORT',
    required: 'no',
    meaning: 'port of the built-in reference when `BASE_URL` is unset (0: a free port)',
    default: 'a free port',
    example: '8080',
  },
  {
    name: 'SECURITY_CHECKS',
    required: 'no',
    meaning: 'severity of the security checks: `should` (warning) or `must` (failure)',
    default: 'should',
    example: 'must',
  },
  {
    name: 'CA_CERT',
    required: 'no',
    meaning:
      "PEM file of the certificate authorities to trust for an https `BASE_URL` (e.g. a staging's private CA)",
    default: "Node's built-in CAs",
    example: 'certs/staging-ca.pem',
  },
  {
    name: 'CLIENT_CERT',
    required: 'with `CLIENT_KEY`',
    meaning: 'PEM file of the client certificate for mutual TLS (https `BASE_URL` only)',
    default: undefined,
    example: 'certs/client.crt.pem',
  },
  {
    name: 'CLIENT_KEY',
    required: 'with `CLIENT_CERT`',
    meaning: "PEM file of the client certificate's private key",
    default: undefined,
    example: 'certs/client.key.pem',
  },
  {
    name: 'CLIENT_KEY_PASSPHRASE',
    required: 'when `CLIENT_KEY` is encrypted',
    meaning: 'passphrase of an encrypted `CLIENT_KEY` (taken as is, spaces included)',
    default: undefined,
    example: 'correct horse battery staple',
    secret: true,
  },
  {
    name: 'USER_IDS',
    required: 'no',
    meaning: 'comma-separated existing users to sample (not with `USER_IDS_FILE`)',
    default: undefined,
    example: 'user_1,user_2,user_3',
  },
  {
    name: 'USER_IDS_FILE',
    required: 'no',
    meaning: 'file of existing users to sample (not with `USER_IDS`)',
    default: undefined,
    example: 'ids/staging-users.txt',
  },
  {
    name: 'SAMPLE_CONCURRENCY',
    required: 'no',
    meaning: `sampled requests in flight at once, 1 to ${MAX_SAMPLE_CONCURRENCY}`,
    default: String(DEFAULT_SAMPLE_CONCURRENCY),
    example: '8',
  },
  {
    name: 'SAMPLE_RATE',
    required: 'no',
    meaning: 'ceiling of sampled requests per second (a positive number, e.g. `0.5`)',
    default: 'no ceiling',
    example: '10',
  },
];

export interface TlsSettings {
  /** PEM texts, read at load time (so paths in `.env` work like real variables). */
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
}

export interface SamplingSettings {
  /** USER_IDS, validated (no empty item, no duplicate, no dot segment). */
  userIds: string[] | undefined;
  /** USER_IDS_FILE as given; the file was readable at load time. */
  userIdsFile: string | undefined;
  concurrency: number;
  /** Requests per second; undefined: no ceiling. */
  ratePerSecond: number | undefined;
}

export interface ContractSelection {
  names: string[];
  /** What chose them: `--project` (wins), else CONTRACT, else every contract. */
  how: 'project' | 'CONTRACT' | 'all';
}

export interface RunSettings {
  /** `reference`: BASE_URL unset, the built-in reference server is started and used. */
  mode: 'reference' | 'external';
  /** External target root (mode `external`); the contract's path is appended. */
  baseUrl: string | undefined;
  apiKey: string | undefined;
  /** USER_ID, else the first id of USER_IDS (or of USER_IDS_FILE when `parseIdList` was given). */
  userId: string | undefined;
  unknownUserId: string | undefined;
  forbiddenUserId: string | undefined;
  malformedUserId: string | undefined;
  reportDir: string;
  timeoutMs: number;
  maxBodyBytes: number;
  workers: number;
  /** Undefined: pick a free port (REFERENCE_PORT unset, empty or 0). */
  referencePort: number | undefined;
  securitySeverity: SecuritySeverity;
  /** CONTRACT: trimmed, deduplicated names; undefined when unset. */
  contracts: string[] | undefined;
  /** The contracts to run; only when loadSettings was given the known contracts. */
  selection: ContractSelection | undefined;
  tls: TlsSettings | undefined;
  sampling: SamplingSettings;
}

export interface KnownContract {
  name: string;
  /** Whether the contract sends API_KEY (it documents a security scheme). */
  sendsKey: boolean;
}

export interface LoadOptions {
  /** Every contract in contracts/: CONTRACT is checked against their names. */
  contracts?: readonly KnownContract[];
  /** The command line (process.argv): its `--project` options select contracts before CONTRACT. */
  argv?: readonly string[];
  /** Reads PEM and id files (default: fs.readFileSync as UTF-8). */
  readFile?: ReadFile;
  /** Parses USER_IDS_FILE's text; given, USER_ID defaults to its first id and its errors are problems. */
  parseIdList?: (text: string) => string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error — nothing was requested:\n${problems.map((p) => `  • ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const MAX_QUOTED = 200;
/** A value as it appears in messages: JSON-quoted, cut short when very long (e.g. a long USER_IDS). */
function quote(value: string): string {
  if (value.length <= MAX_QUOTED) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MAX_QUOTED))}… (${value.length} characters)`;
}
const quoteAll = (values: readonly string[]): string => values.map(quote).join(', ');
const infoOf = (name: string): SettingInfo | undefined => SETTINGS.find((s) => s.name === name);
const defaultNote = (name: string): string => {
  const fallback = infoOf(name)?.default;
  return fallback === undefined ? '' : ` (default: ${fallback})`;
};

/** The value without surrounding blanks (what is validated and quoted); undefined when unset, empty or blank. */
function trimmed(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

class Problems {
  readonly list: string[] = [];
  /** `NAME is "value"[: reason]; expected …` */
  bad(name: string, value: string, expected: string, reason?: string): void {
    this.list.push(`${name} is ${quote(value)}${reason ? `: ${reason}` : ''}; expected ${expected}`);
  }
  add(problem: string): void {
    this.list.push(problem);
  }
}

interface WholeNumberRule {
  min: number;
  max: number;
  fallback: number;
  unit?: string;
}

function wholeNumber(env: Env, name: string, rule: WholeNumberRule, problems: Problems): number {
  const value = trimmed(env, name);
  if (value === undefined) return rule.fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isSafeInteger(number) && number >= rule.min && number <= rule.max) return number;
  const unit = rule.unit ? ` of ${rule.unit}` : '';
  problems.bad(name, value, `a whole number${unit} from ${rule.min} to ${rule.max}${defaultNote(name)}`);
  return rule.fallback;
}

function positiveNumber(env: Env, name: string, unit: string, problems: Problems): number | undefined {
  const value = trimmed(env, name);
  if (value === undefined) return undefined;
  const number = /^(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isFinite(number) && number > 0) return number;
  problems.bad(name, value, `a positive number of ${unit}, e.g. "5" or "0.5"${defaultNote(name)}`);
  return undefined;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], problems: Problems): T {
  const fallback = values[0] as T;
  const value = trimmed(env, name);
  if (value === undefined) return fallback;
  const match = values.find((candidate) => candidate === value.toLowerCase());
  if (match) return match;
  problems.bad(name, value, `one of ${quoteAll(values)} (default: ${quote(fallback)})`);
  return fallback;
}

/**
 * `https://user:password@host` → `https://[REDACTED]@host`: an error message never quotes credentials.
 * Up to the last `@`, with or without a scheme: a password may hold `/`, `?` or `#` unencoded.
 */
const withoutUserinfo = (url: string): string =>
  url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?[\s\S]*@/i,
    (_, scheme: string | undefined) => `${scheme ?? ''}${REDACTED}@`,
  );

/** A value as messages quote it (JSON), escapes included. */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * The problems without API_KEY in any spelling. A key too short for the redactor is still cut out,
 * as it is and URL-encoded, of the quoted values (where a user's values are): cut out of the message's
 * own words ("long" of "characters long") it would mangle the sentence and show where the key was.
 */
function withoutKey(problems: readonly string[], apiKey: string | undefined): string[] {
  const redactor = createRedactor([apiKey]);
  const short =
    apiKey !== undefined && apiKey.length >= 3
      ? [apiKey, encodeURIComponent(apiKey), JSON.stringify(apiKey).slice(1, -1)]
      : [];
  const cut = (quoted: string) =>
    short.reduce((text, spelling) => text.split(spelling).join(REDACTED), quoted);
  return problems.map((problem) => redactor.text(problem).replace(QUOTED, cut));
}

function parseBaseUrl(env: Env, problems: Problems): string | undefined {
  const value = trimmed(env, 'BASE_URL');
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    problems.bad(
      'BASE_URL',
      withoutUserinfo(value),
      `an http(s) URL of the target's root without query, fragment or credentials, e.g. "https://staging.example.com"`,
    );
    return undefined;
  }
  return url.href.replace(/\/+$/, '');
}

// WHATWG URLs treat "%2e" like "." in a path, so these would climb out of the operation's path.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
const SEGMENT_FORM =
  'an id sendable as one URL path segment: not "." or ".." (nor their percent-encodings such as "%2e")';

/** Why an id cannot be one path segment, or undefined when it can. */
function idFlaw(id: string): string | undefined {
  if (id === '') return 'empty';
  if (DOT_SEGMENT.test(id)) return 'a dot segment';
  return undefined;
}

function pathSegmentId(env: Env, name: string, problems: Problems): string | undefined {
  const value = trimmed(env, name);
  if (value === undefined || idFlaw(value) === undefined) return value;
  problems.bad(name, value, SEGMENT_FORM);
  return undefined;
}

function parseUserIds(env: Env, problems: Problems): string[] | undefined {
  const value = trimmed(env, 'USER_IDS');
  if (value === undefined) return undefined;
  const ids = value.split(',').map((id) => id.trim());
  const flaws: string[] = [];
  ids.forEach((id, index) => {
    const flaw = idFlaw(id);
    if (flaw === 'empty') flaws.push(`item ${index + 1} is empty`);
    else if (flaw) flaws.push(`${quote(id)} is ${flaw}`);
  });
  const duplicates = [...new Set(ids.filter((id, index) => id !== '' && ids.indexOf(id) !== index))];
  for (const id of duplicates) flaws.push(`${quote(id)} appears more than once`);
  if (flaws.length === 0) return ids;
  problems.bad('USER_IDS', value, `comma-separated distinct ids, each ${SEGMENT_FORM}`, flaws.join(', '));
  return ids.filter((id) => idFlaw(id) === undefined);
}

/** CONTRACT: trimmed names, empty items ignored, duplicates dropped; checked against `known` when given. */
function parseContracts(
  env: Env,
  known: readonly string[] | undefined,
  problems: Problems,
): string[] | undefined {
  const value = trimmed(env, 'CONTRACT');
  if (value === undefined) return undefined;
  const names = [...new Set(value.split(',').map((name) => name.trim()))].filter((name) => name !== '');
  const validNames = known ? ` from ${quoteAll(known)}` : '';
  const expected = `comma-separated contract names${validNames}`;
  if (names.length === 0) {
    problems.bad('CONTRACT', value, expected, 'it names no contract');
    return undefined;
  }
  const unknown = known ? names.filter((name) => !known.includes(name)) : [];
  if (unknown.length > 0) {
    const what = unknown.length === 1 ? 'unknown contract' : 'unknown contracts';
    problems.bad('CONTRACT', value, expected, `${what} ${quoteAll(unknown)}`);
  }
  return names;
}

interface PemRule {
  /** What the file must contain, e.g. `-----BEGIN CERTIFICATE-----`. */
  marker: RegExp;
  markerText: string;
}
const CERTIFICATE_PEM: PemRule = {
  marker: /-----BEGIN CERTIFICATE-----/,
  markerText: '"-----BEGIN CERTIFICATE-----"',
};
const PRIVATE_KEY_PEM: PemRule = {
  marker: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/,
  markerText: '"-----BEGIN … PRIVATE KEY-----"',
};

function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot read it (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/** Reads a file named by a variable; a problem (and undefined) when it cannot be read. */
function readNamedFile(
  name: string,
  path: string,
  expected: string,
  readFile: ReadFile,
  problems: Problems,
): string | undefined {
  try {
    return readFile(path);
  } catch (error) {
    problems.bad(name, path, expected, readError(error));
    return undefined;
  }
}

function pemFile(env: Env, name: string, rule: PemRule, readFile: ReadFile, problems: Problems) {
  const path = trimmed(env, name);
  if (path === undefined) return undefined;
  const expected = `the path of a readable PEM file holding ${rule.markerText}`;
  const text = readNamedFile(name, path, expected, readFile, problems);
  if (text === undefined) return undefined;
  if (rule.marker.test(text)) return text;
  const reason = text.includes('-----BEGIN') ? `its PEM holds no ${rule.markerText}` : 'the file is not PEM';
  problems.bad(name, path, expected, reason);
  return undefined;
}

/** A passphrase is a secret: taken as is (spaces may belong to it), never quoted. */
function passphraseOf(env: Env): string | undefined {
  const value = env.CLIENT_KEY_PASSPHRASE;
  return value === undefined || value === '' ? undefined : value;
}

const ENCRYPTED_KEY = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: *4,ENCRYPTED/;

/** Decrypting the key now turns a wrong or missing passphrase into a message instead of a TLS error later. */
function checkKeyUsable(
  keyPath: string,
  key: string,
  passphrase: string | undefined,
  problems: Problems,
): void {
  const expected = 'a PEM private key (an encrypted one with CLIENT_KEY_PASSPHRASE)';
  const encrypted = ENCRYPTED_KEY.test(key);
  if (encrypted && passphrase === undefined) {
    problems.bad(
      'CLIENT_KEY',
      keyPath,
      expected,
      'the key is encrypted and CLIENT_KEY_PASSPHRASE is not set',
    );
    return;
  }
  try {
    createPrivateKey(passphrase === undefined ? { key } : { key, passphrase });
  } catch {
    const reason = encrypted
      ? 'the key cannot be decrypted with CLIENT_KEY_PASSPHRASE (value not shown)'
      : 'the private key cannot be parsed';
    problems.bad('CLIENT_KEY', keyPath, expected, reason);
  }
}

function parseTls(env: Env, baseUrl: string | undefined, readFile: ReadFile, problems: Problems) {
  const ca = pemFile(env, 'CA_CERT', CERTIFICATE_PEM, readFile, problems);
  const cert = pemFile(env, 'CLIENT_CERT', CERTIFICATE_PEM, readFile, problems);
  const key = pemFile(env, 'CLIENT_KEY', PRIVATE_KEY_PEM, readFile, problems);
  const passphrase = passphraseOf(env);
  const certPath = trimmed(env, 'CLIENT_CERT');
  const keyPath = trimmed(env, 'CLIENT_KEY');
  if ((certPath === undefined) !== (keyPath === undefined)) {
    const [given, missing] =
      certPath === undefined ? ['CLIENT_KEY', 'CLIENT_CERT'] : ['CLIENT_CERT', 'CLIENT_KEY'];
    problems.bad(
      given,
      certPath ?? keyPath ?? '',
      'CLIENT_CERT and CLIENT_KEY together (a client certificate and its private key) or neither',
      `${missing} is not set`,
    );
  }
  if (passphrase !== undefined && keyPath === undefined) {
    problems.add(
      'CLIENT_KEY_PASSPHRASE is set (value not shown) but CLIENT_KEY is not; expected CLIENT_KEY_PASSPHRASE only together with CLIENT_KEY, as the passphrase of an encrypted key',
    );
  }
  if (key !== undefined && keyPath !== undefined) checkKeyUsable(keyPath, key, passphrase, problems);
  const set = TLS_VARIABLES.filter((name) =>
    name === 'CLIENT_KEY_PASSPHRASE' ? passphrase : trimmed(env, name),
  );
  if (set.length === 0) return undefined;
  const invalidBaseUrl = baseUrl === undefined && trimmed(env, 'BASE_URL') !== undefined; // reported already
  // An error, not a warning: TLS settings that silently do nothing hide a mistyped BASE_URL.
  if (!invalidBaseUrl && !baseUrl?.startsWith('https:')) {
    const target =
      baseUrl === undefined
        ? 'BASE_URL is not set (the built-in reference speaks plain http)'
        : `BASE_URL is ${quote(baseUrl)}`;
    problems.add(
      `${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ${target}; expected TLS settings only with an https BASE_URL`,
    );
  }
  const tls: TlsSettings = {};
  if (ca !== undefined) tls.ca = ca;
  if (cert !== undefined) tls.cert = cert;
  if (key !== undefined) tls.key = key;
  if (passphrase !== undefined) tls.passphrase = passphrase;
  return tls;
}

function parseSampling(
  env: Env,
  readFile: ReadFile,
  parseIdList: LoadOptions['parseIdList'],
  problems: Problems,
): SamplingSettings & { fileIds: string[] | undefined } {
  const userIds = parseUserIds(env, problems);
  const userIdsFile = trimmed(env, 'USER_IDS_FILE');
  let fileIds: string[] | undefined;
  if (userIds !== undefined && userIdsFile !== undefined) {
    problems.add(
      `USER_IDS is ${quote(trimmed(env, 'USER_IDS') ?? '')} and USER_IDS_FILE is ${quote(userIdsFile)}; expected only one of them (USER_IDS for ids inline, USER_IDS_FILE for a file of ids)`,
    );
  }
  if (userIdsFile !== undefined) {
    const expected = 'the path of a readable file of user ids';
    const text = readNamedFile('USER_IDS_FILE', userIdsFile, expected, readFile, problems);
    if (text !== undefined && parseIdList) {
      try {
        fileIds = parseIdList(text);
        if (fileIds.length === 0) problems.bad('USER_IDS_FILE', userIdsFile, expected, 'it holds no id');
      } catch (error) {
        problems.bad(
          'USER_IDS_FILE',
          userIdsFile,
          expected,
          error instanceof Error ? error.message : String(error),
        );
      }
    }
  }
  return {
    userIds,
    userIdsFile,
    fileIds,
    concurrency: wholeNumber(
      env,
      'SAMPLE_CONCURRENCY',
      { min: 1, max: MAX_SAMPLE_CONCURRENCY, fallback: DEFAULT_SAMPLE_CONCURRENCY },
      problems,
    ),
    ratePerSecond: positiveNumber(env, 'SAMPLE_RATE', 'requests per second', problems),
  };
}

function checkApiKey(apiKey: string | undefined, needingKey: readonly string[], problems: Problems): void {
  if (needingKey.length === 0) return;
  if (apiKey === undefined) {
    problems.add(
      `API_KEY is not set; contract(s) ${quoteAll(needingKey)} require a credential (select only contracts without authentication with --project or CONTRACT, or set API_KEY)`,
    );
    return;
  }
  // Secrets are described, never quoted: the message may end up in a CI log.
  if (apiKey.length < MIN_API_KEY_LENGTH) {
    problems.add(
      `API_KEY is ${apiKey.length} character${apiKey.length === 1 ? '' : 's'} long (value not shown); expected at least ${MIN_API_KEY_LENGTH} characters: a shorter key cannot be redacted from outputs without mangling ordinary text`,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(apiKey)) {
    problems.add(
      'API_KEY contains a control character such as a line break (value not shown); expected a key that can be sent in an HTTP header',
    );
  }
}

function checkDistinctIds(settings: RunSettings, problems: Problems): void {
  if (settings.userId === undefined) return;
  for (const [name, id] of [
    ['UNKNOWN_USER_ID', settings.unknownUserId],
    ['FORBIDDEN_USER_ID', settings.forbiddenUserId],
  ] as const) {
    if (id === settings.userId) {
      problems.bad(name, id, 'another id than USER_ID (the user the key may read)', 'the same as USER_ID');
    }
  }
}

/** CONFORMANCE_REPORT_DIR, else `conformance-report`: the one rule, for the config and the reporter. */
export function resolveReportDir(env: Env): string {
  return trimmed(env, 'CONFORMANCE_REPORT_DIR') ?? DEFAULT_REPORT_DIR;
}

/**
 * Reads and validates every setting; throws one ConfigError listing every problem. The second
 * argument is either the selected contracts whose security scheme sends API_KEY (the caller chose
 * them), or the known contracts and the command line, from which the selection is made here.
 * API_KEY is checked only when a selected contract sends it to an external target.
 */
export function loadSettings(env: Env, contracts: readonly string[] | LoadOptions = []): RunSettings {
  const options: LoadOptions = Array.isArray(contracts) ? {} : (contracts as LoadOptions);
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const problems = new Problems();
  const known = options.contracts?.map((contract) => contract.name);
  const baseUrl = parseBaseUrl(env, problems);
  const mode = trimmed(env, 'BASE_URL') === undefined ? 'reference' : 'external';
  const contractSetting = parseContracts(env, known, problems);
  if (known) checkProjectOptions(options.argv ?? [], known, problems);
  const selection = known
    ? resolveContractSelection({ argvProjects: options.argv ?? [], contractSetting, all: known })
    : undefined;
  const needingKey = Array.isArray(contracts)
    ? (contracts as readonly string[])
    : (options.contracts ?? [])
        .filter((contract) => contract.sendsKey && selection?.names.includes(contract.name))
        .map((contract) => contract.name);
  const { fileIds, ...sampling } = parseSampling(env, readFile, options.parseIdList, problems);
  const apiKey = trimmed(env, 'API_KEY');
  const settings: RunSettings = {
    mode,
    baseUrl,
    apiKey,
    userId: pathSegmentId(env, 'USER_ID', problems) ?? sampling.userIds?.[0] ?? fileIds?.[0],
    unknownUserId: pathSegmentId(env, 'UNKNOWN_USER_ID', problems),
    forbiddenUserId: pathSegmentId(env, 'FORBIDDEN_USER_ID', problems),
    malformedUserId: pathSegmentId(env, 'MALFORMED_USER_ID', problems),
    reportDir: resolveReportDir(env),
    timeoutMs: wholeNumber(
      env,
      'REQUEST_TIMEOUT_MS',
      { min: 1, max: MAX_TIMEOUT_MS, fallback: DEFAULT_TIMEOUT_MS, unit: 'milliseconds' },
      problems,
    ),
    maxBodyBytes: wholeNumber(
      env,
      'MAX_BODY_BYTES',
      { min: 1, max: MAX_MAX_BODY_BYTES, fallback: DEFAULT_MAX_BODY_BYTES, unit: 'bytes' },
      problems,
    ),
    workers: wholeNumber(
      env,
      'CONFORMANCE_WORKERS',
      { min: 1, max: MAX_WORKERS, fallback: DEFAULT_WORKERS },
      problems,
    ),
    referencePort:
      wholeNumber(env, 'REFERENCE_PORT', { min: 0, max: 65_535, fallback: 0 }, problems) || undefined,
    securitySeverity: oneOf(env, 'SECURITY_CHECKS', SECURITY_SEVERITIES, problems),
    contracts: contractSetting,
    selection,
    tls: parseTls(env, baseUrl, readFile, problems),
    sampling,
  };
  if (mode === 'external') {
    const idsGiven = sampling.userIds !== undefined || sampling.userIdsFile !== undefined;
    if (trimmed(env, 'USER_ID') === undefined && !idsGiven) {
      problems.add(
        'USER_ID is not set; BASE_URL points at an external target, so USER_ID must name an existing user the API key may read (or set USER_IDS / USER_IDS_FILE: the first id is used)',
      );
    }
    checkApiKey(apiKey, needingKey, problems);
  }
  checkDistinctIds(settings, problems);
  // A key pasted into another setting (e.g. BASE_URL's query) is quoted back without it.
  if (problems.list.length > 0) throw new ConfigError(withoutKey(problems.list, apiKey));
  return settings;
}

/** `--project` values of a command line, as Playwright matches them: case-insensitive, `*` a wildcard. */
function projectPatterns(argv: readonly string[]): RegExp[] {
  return projectOptions(argv).map((option) => option.pattern);
}

/**
 * Playwright's `--project <project-name...>` is variadic: `--project a b` names two projects (every
 * argument up to the next option); `--project=a` names one.
 */
function projectValues(argv: readonly string[]): string[] {
  const values: string[] = [];
  argv.forEach((arg, index) => {
    if (arg.startsWith('--project=')) values.push(arg.slice('--project='.length));
    if (arg !== '--project') return;
    for (const next of argv.slice(index + 1)) {
      if (next.startsWith('-')) break;
      values.push(next);
    }
  });
  return values;
}

function projectOptions(argv: readonly string[]): { value: string; pattern: RegExp }[] {
  return projectValues(argv).map((value) => {
    const source = value
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return { value, pattern: new RegExp(`^${source}$`, 'i') };
  });
}

/** A `--project` naming no contract: Playwright would stop with a stack trace and exit 1. */
function checkProjectOptions(argv: readonly string[], known: readonly string[], problems: Problems): void {
  for (const { value, pattern } of projectOptions(argv)) {
    if (!known.some((name) => pattern.test(name))) {
      problems.bad('--project', value, `a contract name from ${quoteAll(known)} (* is a wildcard)`);
    }
  }
}

/** Contracts chosen with `--project`, matched as Playwright does (all when none). */
export function selectedProjects(argv: readonly string[], all: string[]): string[] {
  const patterns = projectPatterns(argv);
  return patterns.length === 0 ? all : all.filter((name) => patterns.some((pattern) => pattern.test(name)));
}

/**
 * The contracts to run: `--project` on the command line (`argvProjects`, i.e. process.argv) wins,
 * else CONTRACT's names, else every contract. Names keep the order of `all`; unknown CONTRACT names
 * are loadSettings' to report.
 */
export function resolveContractSelection(input: {
  argvProjects: readonly string[];
  contractSetting: readonly string[] | undefined;
  all: readonly string[];
}): ContractSelection {
  const { argvProjects, contractSetting, all } = input;
  if (projectPatterns(argvProjects).length > 0)
    return { names: selectedProjects(argvProjects, [...all]), how: 'project' };
  if (contractSetting !== undefined && contractSetting.length > 0) {
    return { names: all.filter((name) => contractSetting.includes(name)), how: 'CONTRACT' };
  }
  return { names: [...all], how: 'all' };
}
