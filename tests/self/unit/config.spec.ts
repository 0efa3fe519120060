/** engine/config.ts: every variable's valid, invalid and empty values, their combinations, and the selection. */
import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
  ConfigError,
  DEFAULT_REPORT_DIR,
  type Env,
  type LoadOptions,
  loadSettings,
  MIN_API_KEY_LENGTH,
  type ReadFile,
  type RunSettings,
  resolveContractSelection,
  resolveReportDir,
  SETTINGS,
  selectedProjects,
} from '../../../engine/config';

const CERT_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfakeCertificate\n-----END CERTIFICATE-----\n';
const PASSPHRASE = 'open sesame ';
const ecKey = (passphrase?: string): string =>
  generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: passphrase
      ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }
      : { type: 'pkcs8', format: 'pem' },
  }).privateKey;
const KEY_PEM = ecKey();
const ENCRYPTED_KEY_PEM = ecKey(PASSPHRASE);

const FILES: Record<string, string> = {
  'ca.pem': CERT_PEM,
  'client.crt': CERT_PEM,
  'client.key': KEY_PEM,
  'encrypted.key': ENCRYPTED_KEY_PEM,
  'broken.key': '-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n',
  'notes.txt': 'just text\n',
  'ids.txt': 'user_7\nuser_8\n',
};
/** In-memory files; anything else is missing, as fs reports it. */
const readFile: ReadFile = (path) => {
  const text = FILES[path];
  if (text === undefined)
    throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
  return text;
};

const HTTPS = { BASE_URL: 'https://staging.example.com', USER_ID: 'u1' };
const KEY = 'k3y-0123456789';

function problemsOf(env: Env, contracts: readonly string[] | LoadOptions = []): string[] {
  try {
    loadSettings(env, Array.isArray(contracts) ? contracts : { readFile, ...(contracts as LoadOptions) });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const load = (env: Env, options: LoadOptions = {}): RunSettings =>
  loadSettings(env, { readFile, ...options });

/** The one problem about `variable` (it starts with the name), holding every part. */
function expectProblem(problems: string[], variable: string, parts: string[]): void {
  const about = problems.filter((problem) => problem.startsWith(`${variable} `));
  expect(about, problems.join('\n')).toHaveLength(1);
  for (const part of parts) expect(about[0]).toContain(part);
}

interface Case {
  value: string;
  /** What the setting resolves to; absent when a problem is expected. */
  resolved?: unknown;
  problem?: string[];
}

interface VariableTable {
  variable: string;
  base?: Env;
  options?: LoadOptions;
  pick: (settings: RunSettings) => unknown;
  cases: Case[];
}

const dotIds = (variable: string): Case[] =>
  ['.', '..', '%2e', '%2E%2e', '.%2E', ' .. '].map((value) => ({
    value,
    problem: [
      `${variable} is ${JSON.stringify(value.trim())}`,
      'expected an id sendable as one URL path segment',
    ],
  }));

const wholeNumberForm = (range: string, fallback: string, unit = ''): string =>
  `expected a whole number${unit} from ${range} (default: ${fallback})`;

const TABLES: VariableTable[] = [
  {
    variable: 'BASE_URL',
    base: { USER_ID: 'u1' },
    pick: (s) => [s.mode, s.baseUrl],
    cases: [
      { value: 'https://staging.example.com/', resolved: ['external', 'https://staging.example.com'] },
      { value: ' http://127.0.0.1:8080/api// ', resolved: ['external', 'http://127.0.0.1:8080/api'] },
      { value: '', resolved: ['reference', undefined] },
      { value: '  ', resolved: ['reference', undefined] },
      ...['staging', 'ftp://x.example', 'https://x.example/?a=1', 'https://x.example/#top'].map((value) => ({
        value,
        problem: [
          `BASE_URL is ${JSON.stringify(value)}; expected an http(s) URL of the target's root without query, fragment or credentials`,
        ],
      })),
      // Credentials in the URL are refused without being quoted back.
      ...['https://me:pw@x.example', 'https://me@x.example/api'].map((value) => ({
        value,
        problem: [
          `BASE_URL is ${JSON.stringify(value.replace(/\/\/[^@]*@/, '//[REDACTED]@'))}; expected an http(s) URL of the target's root without query, fragment or credentials`,
        ],
      })),
    ],
  },
  {
    variable: 'API_KEY',
    base: HTTPS,
    options: { contracts: [{ name: 'credira', sendsKey: true }] },
    pick: (s) => s.apiKey,
    cases: [
      { value: KEY, resolved: KEY },
      { value: ` ${KEY} `, resolved: KEY },
      { value: '12345678', resolved: '12345678' },
      {
        value: '',
        problem: ['API_KEY is not set; contract(s) "credira" require a credential'],
      },
      {
        value: 'short',
        problem: [
          'API_KEY is 5 characters long (value not shown)',
          `expected at least ${MIN_API_KEY_LENGTH} characters`,
          'cannot be redacted from outputs',
        ],
      },
      {
        value: 'k3y-0123\n456789',
        problem: ['API_KEY contains a control character', '(value not shown)', 'sent in an HTTP header'],
      },
    ],
  },
  {
    variable: 'USER_ID',
    base: { BASE_URL: 'https://x.example' },
    pick: (s) => s.userId,
    cases: [
      { value: 'user_1', resolved: 'user_1' },
      { value: ' user 1/2 ', resolved: 'user 1/2' },
      { value: '...', resolved: '...' },
      { value: '', problem: ['USER_ID is not set; BASE_URL points at an external target'] },
      ...dotIds('USER_ID'),
    ],
  },
  ...(['UNKNOWN_USER_ID', 'FORBIDDEN_USER_ID', 'MALFORMED_USER_ID'] as const).map(
    (variable): VariableTable => ({
      variable,
      base: HTTPS,
      pick: (s) =>
        variable === 'UNKNOWN_USER_ID'
          ? s.unknownUserId
          : variable === 'FORBIDDEN_USER_ID'
            ? s.forbiddenUserId
            : s.malformedUserId,
      cases: [
        { value: 'user_2', resolved: 'user_2' },
        { value: ' %20 ', resolved: '%20' },
        { value: '', resolved: undefined },
        ...dotIds(variable),
      ],
    }),
  ),
  {
    variable: 'CONTRACT',
    options: { contracts: ['aitronos', 'credira', 'klaim'].map((name) => ({ name, sendsKey: false })) },
    pick: (s) => [s.contracts, s.selection],
    cases: [
      { value: 'credira', resolved: [['credira'], { names: ['credira'], how: 'CONTRACT' }] },
      {
        value: ' klaim , credira,klaim,, ',
        resolved: [['klaim', 'credira'], { names: ['credira', 'klaim'], how: 'CONTRACT' }],
      },
      { value: '', resolved: [undefined, { names: ['aitronos', 'credira', 'klaim'], how: 'all' }] },
      {
        value: 'credira,nope',
        problem: [
          'CONTRACT is "credira,nope": unknown contract "nope"; expected comma-separated contract names from "aitronos", "credira", "klaim"',
        ],
      },
      {
        value: 'Credira,x',
        problem: ['unknown contracts "Credira", "x"', 'from "aitronos", "credira", "klaim"'],
      },
      {
        value: ' , ,',
        problem: ['CONTRACT is ", ,": it names no contract; expected comma-separated contract names'],
      },
    ],
  },
  {
    variable: 'CONFORMANCE_REPORT_DIR',
    pick: (s) => s.reportDir,
    cases: [
      { value: ' out/staging ', resolved: 'out/staging' },
      { value: '', resolved: DEFAULT_REPORT_DIR },
    ],
  },
  {
    variable: 'REQUEST_TIMEOUT_MS',
    pick: (s) => s.timeoutMs,
    cases: [
      { value: '1', resolved: 1 },
      { value: ' 5000 ', resolved: 5000 },
      { value: '120000', resolved: 120_000 },
      { value: '', resolved: 10_000 },
      ...['0', '120001', '10s', '1.5', '-1', '1e3', '0x10'].map((value) => ({
        value,
        problem: [
          `REQUEST_TIMEOUT_MS is ${JSON.stringify(value)}; ${wholeNumberForm('1 to 120000', '10000', ' of milliseconds')}`,
        ],
      })),
    ],
  },
  {
    variable: 'MAX_BODY_BYTES',
    pick: (s) => s.maxBodyBytes,
    cases: [
      { value: '1', resolved: 1 },
      { value: '1073741824', resolved: 1_073_741_824 },
      { value: '', resolved: 10_485_760 },
      ...['0', '1073741825', '10MB', '99999999999999999999'].map((value) => ({
        value,
        problem: [
          `MAX_BODY_BYTES is ${JSON.stringify(value)}; ${wholeNumberForm('1 to 1073741824', '10485760 (10 MiB)', ' of bytes')}`,
        ],
      })),
    ],
  },
  {
    variable: 'CONFORMANCE_WORKERS',
    pick: (s) => s.workers,
    cases: [
      { value: '1', resolved: 1 },
      { value: '64', resolved: 64 },
      { value: '', resolved: 2 },
      ...['0', '65', 'two', '2.5'].map((value) => ({
        value,
        problem: [`CONFORMANCE_WORKERS is ${JSON.stringify(value)}; ${wholeNumberForm('1 to 64', '2')}`],
      })),
    ],
  },
  {
    variable: 'REFERENCE_PORT',
    pick: (s) => s.referencePort,
    cases: [
      { value: '8080', resolved: 8080 },
      { value: '65535', resolved: 65_535 },
      { value: '0', resolved: undefined },
      { value: '', resolved: undefined },
      ...['65536', '-1', 'http', '80.0'].map((value) => ({
        value,
        problem: [
          `REFERENCE_PORT is ${JSON.stringify(value)}; ${wholeNumberForm('0 to 65535', 'a free port')}`,
        ],
      })),
    ],
  },
  {
    variable: 'SECURITY_CHECKS',
    pick: (s) => s.securitySeverity,
    cases: [
      { value: 'must', resolved: 'must' },
      { value: ' SHOULD ', resolved: 'should' },
      { value: '', resolved: 'should' },
      ...['may', 'error', 'must,should'].map((value) => ({
        value,
        problem: [
          `SECURITY_CHECKS is ${JSON.stringify(value)}; expected one of "should", "must" (default: "should")`,
        ],
      })),
    ],
  },
  {
    variable: 'SAMPLE_CONCURRENCY',
    pick: (s) => s.sampling.concurrency,
    cases: [
      { value: '1', resolved: 1 },
      { value: '64', resolved: 64 },
      { value: '', resolved: 4 },
      ...['0', '65', 'many'].map((value) => ({
        value,
        problem: [`SAMPLE_CONCURRENCY is ${JSON.stringify(value)}; ${wholeNumberForm('1 to 64', '4')}`],
      })),
    ],
  },
  {
    variable: 'SAMPLE_RATE',
    pick: (s) => s.sampling.ratePerSecond,
    cases: [
      { value: '5', resolved: 5 },
      { value: '0.5', resolved: 0.5 },
      { value: '.25', resolved: 0.25 },
      { value: '', resolved: undefined },
      ...['0', '0.0', '-1', 'fast', 'Infinity', '1e3'].map((value) => ({
        value,
        problem: [
          `SAMPLE_RATE is ${JSON.stringify(value)}; expected a positive number of requests per second, e.g. "5" or "0.5" (default: no ceiling)`,
        ],
      })),
    ],
  },
  {
    variable: 'USER_IDS',
    pick: (s) => s.sampling.userIds,
    cases: [
      { value: 'a, b ,c', resolved: ['a', 'b', 'c'] },
      { value: 'only', resolved: ['only'] },
      { value: '', resolved: undefined },
      {
        value: 'a,,b',
        problem: ['USER_IDS is "a,,b": item 2 is empty; expected comma-separated distinct ids'],
      },
      { value: 'a,', problem: ['USER_IDS is "a,": item 2 is empty;'] },
      { value: 'a,b,a,b', problem: ['"a" appears more than once, "b" appears more than once'] },
      {
        value: 'a,..,%2e',
        problem: [
          'USER_IDS is "a,..,%2e": ".." is a dot segment, "%2e" is a dot segment; expected',
          'one URL path segment',
        ],
      },
    ],
  },
  {
    variable: 'USER_IDS_FILE',
    pick: (s) => s.sampling.userIdsFile,
    cases: [
      { value: ' ids.txt ', resolved: 'ids.txt' },
      { value: '', resolved: undefined },
      {
        value: 'missing.txt',
        problem: [
          'USER_IDS_FILE is "missing.txt": no such file; expected the path of a readable file of user ids',
        ],
      },
    ],
  },
  {
    variable: 'CA_CERT',
    base: HTTPS,
    pick: (s) => s.tls,
    cases: [
      { value: 'ca.pem', resolved: { ca: CERT_PEM } },
      { value: '', resolved: undefined },
      {
        value: 'missing.pem',
        problem: [
          'CA_CERT is "missing.pem": no such file; expected the path of a readable PEM file holding "-----BEGIN CERTIFICATE-----"',
        ],
      },
      {
        value: 'notes.txt',
        problem: ['CA_CERT is "notes.txt": the file is not PEM; expected', '"-----BEGIN CERTIFICATE-----"'],
      },
      {
        value: 'client.key',
        problem: ['CA_CERT is "client.key": its PEM holds no "-----BEGIN CERTIFICATE-----"; expected'],
      },
    ],
  },
];

for (const table of TABLES) {
  for (const row of table.cases) {
    test(`config: ${table.variable}=${JSON.stringify(row.value)}`, () => {
      const env = { ...table.base, [table.variable]: row.value };
      if (row.problem) {
        expectProblem(problemsOf(env, table.options ?? {}), table.variable, row.problem);
      } else {
        expect(problemsOf(env, table.options ?? {})).toEqual([]);
        expect(table.pick(load(env, table.options))).toEqual(row.resolved);
      }
    });
  }
}

test('config: nothing set gives every default', () => {
  expect(loadSettings({})).toEqual({
    mode: 'reference',
    baseUrl: undefined,
    apiKey: undefined,
    userId: undefined,
    unknownUserId: undefined,
    forbiddenUserId: undefined,
    malformedUserId: undefined,
    reportDir: 'conformance-report',
    timeoutMs: 10_000,
    maxBodyBytes: 10_485_760,
    workers: 2,
    referencePort: undefined,
    securitySeverity: 'should',
    contracts: undefined,
    selection: undefined,
    tls: undefined,
    sampling: { userIds: undefined, userIdsFile: undefined, concurrency: 4, ratePerSecond: undefined },
  } satisfies RunSettings);
});

test('config: a secret never appears in a message', () => {
  const problems = problemsOf(
    { ...HTTPS, API_KEY: 'sh0rt', CLIENT_KEY_PASSPHRASE: 'hunter2-passphrase', CLIENT_CERT: 'client.crt' },
    ['credira'],
  );
  expect(problems.length).toBeGreaterThanOrEqual(3);
  expect(problems.join('\n')).not.toContain('sh0rt');
  expect(problems.join('\n')).not.toContain('hunter2');
});

test('config: a very long value is quoted cut short, with its length', () => {
  const value = `${'id,'.repeat(200)},`;
  expectProblem(problemsOf({ USER_IDS: value }), 'USER_IDS', [
    `USER_IDS is ${JSON.stringify(value.slice(0, 200))}… (${value.length} characters)`,
  ]);
});

const keyedAndOpen = [
  { name: 'credira', sendsKey: true },
  { name: 'problem-details', sendsKey: false },
];

const apiKeyRows: { name: string; env: Env; argv?: string[]; problem: boolean }[] = [
  { name: 'a keyed contract among all', env: { ...HTTPS, API_KEY: 'short' }, problem: true },
  {
    name: 'CONTRACT picks the keyed one',
    env: { ...HTTPS, API_KEY: 'short', CONTRACT: 'credira' },
    problem: true,
  },
  {
    name: 'CONTRACT picks only an open one',
    env: { ...HTTPS, API_KEY: 'short', CONTRACT: 'problem-details' },
    problem: false,
  },
  {
    name: '--project wins over CONTRACT',
    env: { ...HTTPS, API_KEY: 'short', CONTRACT: 'credira' },
    argv: ['test', '--project', 'problem-*'],
    problem: false,
  },
  { name: 'the reference is the target', env: { API_KEY: 'short' }, problem: false },
];

for (const row of apiKeyRows) {
  test(`config: API_KEY too short, ${row.name}`, () => {
    const problems = problemsOf(row.env, { contracts: keyedAndOpen, argv: row.argv ?? [] });
    expect(problems.some((problem) => problem.startsWith('API_KEY is 5 characters long'))).toBe(row.problem);
  });
}

test('config: API_KEY too short with the legacy list of contracts needing a key', () => {
  expectProblem(problemsOf({ ...HTTPS, API_KEY: 'short' }, ['credira']), 'API_KEY', ['5 characters long']);
  expect(problemsOf({ ...HTTPS, API_KEY: 'short' }, [])).toEqual([]);
});

const tlsRows: { name: string; env: Env; variable: string; parts: string[] }[] = [
  {
    name: 'CLIENT_CERT without CLIENT_KEY',
    env: { ...HTTPS, CLIENT_CERT: 'client.crt' },
    variable: 'CLIENT_CERT',
    parts: [
      'CLIENT_CERT is "client.crt": CLIENT_KEY is not set; expected CLIENT_CERT and CLIENT_KEY together',
    ],
  },
  {
    name: 'CLIENT_KEY without CLIENT_CERT',
    env: { ...HTTPS, CLIENT_KEY: 'client.key' },
    variable: 'CLIENT_KEY',
    parts: [
      'CLIENT_KEY is "client.key": CLIENT_CERT is not set; expected CLIENT_CERT and CLIENT_KEY together',
    ],
  },
  {
    name: 'CLIENT_KEY_PASSPHRASE without CLIENT_KEY',
    env: { ...HTTPS, CLIENT_KEY_PASSPHRASE: 'pw-not-shown' },
    variable: 'CLIENT_KEY_PASSPHRASE',
    parts: ['CLIENT_KEY_PASSPHRASE is set (value not shown) but CLIENT_KEY is not; expected'],
  },
  {
    name: 'an encrypted key without its passphrase',
    env: { ...HTTPS, CLIENT_CERT: 'client.crt', CLIENT_KEY: 'encrypted.key' },
    variable: 'CLIENT_KEY',
    parts: [
      'CLIENT_KEY is "encrypted.key": the key is encrypted and CLIENT_KEY_PASSPHRASE is not set; expected',
    ],
  },
  {
    name: 'an encrypted key with a wrong passphrase',
    env: {
      ...HTTPS,
      CLIENT_CERT: 'client.crt',
      CLIENT_KEY: 'encrypted.key',
      CLIENT_KEY_PASSPHRASE: 'open sesame',
    },
    variable: 'CLIENT_KEY',
    parts: ['cannot be decrypted with CLIENT_KEY_PASSPHRASE (value not shown)'],
  },
  {
    name: 'a key that is not one',
    env: { ...HTTPS, CLIENT_CERT: 'client.crt', CLIENT_KEY: 'broken.key' },
    variable: 'CLIENT_KEY',
    parts: ['CLIENT_KEY is "broken.key": the private key cannot be parsed; expected a PEM private key'],
  },
  {
    name: 'a certificate given as the key',
    env: { ...HTTPS, CLIENT_CERT: 'client.crt', CLIENT_KEY: 'client.crt' },
    variable: 'CLIENT_KEY',
    parts: ['its PEM holds no "-----BEGIN … PRIVATE KEY-----"'],
  },
  {
    name: 'TLS with an http BASE_URL',
    env: { BASE_URL: 'http://x.example', USER_ID: 'u1', CA_CERT: 'ca.pem' },
    variable: 'CA_CERT',
    parts: [
      'CA_CERT is set but BASE_URL is "http://x.example"; expected TLS settings only with an https BASE_URL',
    ],
  },
  {
    name: 'TLS against the reference',
    env: { CLIENT_CERT: 'client.crt', CLIENT_KEY: 'client.key' },
    variable: 'CLIENT_CERT,',
    parts: [
      'CLIENT_CERT, CLIENT_KEY are set but BASE_URL is not set (the built-in reference speaks plain http)',
    ],
  },
];

for (const row of tlsRows) {
  test(`config: TLS, ${row.name}`, () => {
    expectProblem(problemsOf(row.env, {}), row.variable, row.parts);
  });
}

test('config: mutual TLS with an encrypted key resolves every PEM text', () => {
  const env = {
    ...HTTPS,
    CA_CERT: 'ca.pem',
    CLIENT_CERT: 'client.crt',
    CLIENT_KEY: 'encrypted.key',
    CLIENT_KEY_PASSPHRASE: PASSPHRASE,
  };
  // The passphrase is taken as is: its trailing space belongs to it.
  expect(load(env).tls).toEqual({
    ca: CERT_PEM,
    cert: CERT_PEM,
    key: ENCRYPTED_KEY_PEM,
    passphrase: PASSPHRASE,
  });
  expect(load({ ...HTTPS, CLIENT_CERT: 'client.crt', CLIENT_KEY: 'client.key' }).tls).toEqual({
    cert: CERT_PEM,
    key: KEY_PEM,
  });
});

test('config: PEM files are read through fs by default', () => {
  expectProblem(problemsOf({ ...HTTPS, CA_CERT: '/nonexistent/ca.pem' }, []), 'CA_CERT', [
    'CA_CERT is "/nonexistent/ca.pem": no such file',
  ]);
  expectProblem(problemsOf({ ...HTTPS, CA_CERT: __dirname }, []), 'CA_CERT', ['a directory, not a file']);
});

const idRows: { name: string; env: Env; options?: LoadOptions; userId?: string; problems: string[] }[] = [
  {
    name: 'USER_IDS and USER_IDS_FILE together',
    env: { USER_IDS: 'a,b', USER_IDS_FILE: 'ids.txt' },
    problems: ['USER_IDS is "a,b" and USER_IDS_FILE is "ids.txt"; expected only one of them'],
  },
  {
    name: 'USER_ID defaults to the first of USER_IDS',
    env: { ...HTTPS, USER_ID: '', USER_IDS: 'a,b' },
    userId: 'a',
    problems: [],
  },
  { name: 'USER_ID wins over USER_IDS', env: { ...HTTPS, USER_IDS: 'a,b' }, userId: 'u1', problems: [] },
  {
    name: 'USER_ID defaults to the first id of USER_IDS_FILE',
    env: { BASE_URL: 'https://x.example', USER_IDS_FILE: 'ids.txt' },
    options: { parseIdList: (text) => text.split('\n').filter(Boolean) },
    userId: 'user_7',
    problems: [],
  },
  {
    name: 'USER_IDS_FILE without a parser still stands in for USER_ID',
    env: { BASE_URL: 'https://x.example', USER_IDS_FILE: 'ids.txt' },
    problems: [],
  },
  {
    name: "the id list parser's error is a problem",
    env: { USER_IDS_FILE: 'ids.txt' },
    options: {
      parseIdList: () => {
        throw new Error('line 2: "user_8" is listed twice');
      },
    },
    problems: [
      'USER_IDS_FILE is "ids.txt": line 2: "user_8" is listed twice; expected the path of a readable file',
    ],
  },
  {
    name: 'an id file without ids',
    env: { USER_IDS_FILE: 'ids.txt' },
    options: { parseIdList: () => [] },
    problems: ['USER_IDS_FILE is "ids.txt": it holds no id; expected'],
  },
  {
    name: 'UNKNOWN_USER_ID equal to USER_ID',
    env: { ...HTTPS, UNKNOWN_USER_ID: 'u1' },
    problems: ['UNKNOWN_USER_ID is "u1": the same as USER_ID; expected another id than USER_ID'],
  },
  {
    name: 'FORBIDDEN_USER_ID equal to USER_ID',
    env: { ...HTTPS, FORBIDDEN_USER_ID: ' u1 ' },
    problems: ['FORBIDDEN_USER_ID is "u1": the same as USER_ID'],
  },
];

for (const row of idRows) {
  test(`config: ids, ${row.name}`, () => {
    const problems = problemsOf(row.env, row.options ?? {});
    expect(problems).toHaveLength(row.problems.length);
    for (const [index, part] of row.problems.entries()) expect(problems[index]).toContain(part);
    if (row.userId !== undefined) expect(load(row.env, row.options).userId).toBe(row.userId);
  });
}

test('config: every problem is reported at once, in one message', () => {
  const env = {
    BASE_URL: 'nope',
    REQUEST_TIMEOUT_MS: '-1',
    CONFORMANCE_WORKERS: '0',
    SECURITY_CHECKS: 'may',
    USER_IDS: 'a,a',
    USER_IDS_FILE: 'missing.txt',
    CA_CERT: 'notes.txt',
    CONTRACT: 'credira,nope',
  };
  let error: unknown;
  try {
    loadSettings(env, { readFile, contracts: keyedAndOpen });
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems;
  // USER_IDS stands in for USER_ID; an invalid BASE_URL is not reported again by the TLS rule.
  expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
    'BASE_URL',
    'CONTRACT',
    'USER_IDS',
    'USER_IDS',
    'USER_IDS_FILE',
    'REQUEST_TIMEOUT_MS',
    'CONFORMANCE_WORKERS',
    'SECURITY_CHECKS',
    'CA_CERT',
    'API_KEY',
  ]);
  expect((error as ConfigError).message).toMatch(
    /^Configuration error — nothing was requested:\n {2}• BASE_URL/,
  );
  expect((error as ConfigError).message.split('\n')).toHaveLength(problems.length + 1);
});

test('config: an error message never quotes API_KEY, in any spelling, nor a password in BASE_URL', () => {
  const key = 'Zm9v/YmFy+YmF6==';
  for (const query of [key, encodeURIComponent(key), Buffer.from(key).toString('base64')]) {
    const message = (() => {
      try {
        loadSettings(
          { BASE_URL: `https://staging.example.com/?api_key=${query}`, API_KEY: key, USER_ID: `u1${key}` },
          { readFile, contracts: keyedAndOpen },
        );
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('BASE_URL is "https://staging.example.com/?api_key=[REDACTED]"');
    for (const spelling of [key, encodeURIComponent(key), Buffer.from(key).toString('base64'), 'YmFy+YmF6']) {
      expect(message).not.toContain(spelling);
    }
  }
  for (const baseUrl of [
    'https://qa:Sup3rS3cretPw@staging.example.com',
    'qa:Sup3rS3cretPw@staging.example.com',
    'https://qa:Sup3r/S3cret?P#w@staging.example.com',
  ]) {
    const withPassword = problemsOf({ BASE_URL: baseUrl, USER_ID: 'u1' }).join('\n');
    expect(withPassword, baseUrl).toContain('[REDACTED]@staging.example.com');
    for (const part of ['Sup3r', 'qa:']) expect(withPassword, baseUrl).not.toContain(part);
  }
  // A key too short to run with (the redactor keeps off keys that short) is not quoted either.
  const short = problemsOf(
    { BASE_URL: 'https://staging.example.com/?key=abc1234', API_KEY: 'abc1234', USER_ID: 'u1' },
    { readFile, contracts: keyedAndOpen },
  );
  expect(short.join('\n')).not.toContain('abc1234');
  expect(short.join('\n')).toContain('API_KEY is 7 characters long');
  // A short key that is part of the message's own words leaves them whole: a mangled word would show it.
  for (const key of [
    'charact',
    'short',
    'lon',
    'exp',
    'long',
    'not',
    'value',
    'shown',
    'KEY',
    'API',
    'ab\\cd12',
    'ab"cd12',
  ]) {
    const own = problemsOf(
      { BASE_URL: `https://staging.example.com/?key=${key}`, API_KEY: key, USER_ID: 'u1' },
      { readFile, contracts: keyedAndOpen },
    ).join('\n');
    expect(own, key).toContain(
      `API_KEY is ${key.length} characters long (value not shown); expected at least 8 characters`,
    );
    expect(own, key).toContain('a shorter key cannot be redacted');
    expect(own, key).toContain('?key=[REDACTED]"');
    expect(own, key).not.toContain(`=${key}`);
    expect(own, key).not.toContain(`=${JSON.stringify(key).slice(1, -1)}`);
  }
});

test('config: SETTINGS lists exactly the variables loadSettings reads', () => {
  const read = new Set<string>();
  const spy = new Proxy({} as Env, {
    get: (_target, name) => {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  loadSettings(spy, { readFile, contracts: keyedAndOpen });
  const names = SETTINGS.map((setting) => setting.name);
  expect(new Set(names).size).toBe(names.length);
  expect([...read].sort()).toEqual([...names].sort());
  for (const setting of SETTINGS) {
    expect(setting.meaning, setting.name).not.toBe('');
    expect(setting.example, setting.name).not.toBe('');
  }
});

test('config: the report dir has one rule, shared with the reporter', () => {
  expect(resolveReportDir({})).toBe(DEFAULT_REPORT_DIR);
  expect(resolveReportDir({ CONFORMANCE_REPORT_DIR: ' ' })).toBe(DEFAULT_REPORT_DIR);
  expect(resolveReportDir({ CONFORMANCE_REPORT_DIR: ' out ' })).toBe('out');
  expect(loadSettings({ CONFORMANCE_REPORT_DIR: 'out' }).reportDir).toBe(
    resolveReportDir({ CONFORMANCE_REPORT_DIR: 'out' }),
  );
});

test('config: --project selection', () => {
  const all = ['a', 'b', 'c'];
  expect(selectedProjects(['test'], all)).toEqual(all);
  expect(selectedProjects(['test', '--project', 'b'], all)).toEqual(['b']);
  expect(selectedProjects(['test', '--project=c', '--project', 'a'], all)).toEqual(['a', 'c']);
  // As Playwright matches: case-insensitive, `*` a wildcard, other characters literal.
  const names = ['credira', 'problem-details', 'klaim'];
  expect(selectedProjects(['--project', 'Credira'], names)).toEqual(['credira']);
  expect(selectedProjects(['--project', 'pro*'], names)).toEqual(['problem-details']);
  expect(selectedProjects(['--project', '*i*'], names)).toEqual(['credira', 'problem-details', 'klaim']);
  expect(selectedProjects(['--project', 'cred.ra'], names)).toEqual([]);
});

const ALL = ['aitronos', 'credira', 'klaim'];
const selectionRows: {
  name: string;
  argv: string[];
  contractSetting: string[] | undefined;
  names: string[];
  how: 'project' | 'CONTRACT' | 'all';
}[] = [
  { name: 'nothing chosen', argv: ['test'], contractSetting: undefined, names: ALL, how: 'all' },
  { name: 'an empty CONTRACT', argv: [], contractSetting: [], names: ALL, how: 'all' },
  {
    name: 'CONTRACT',
    argv: ['test'],
    contractSetting: ['klaim', 'aitronos'],
    names: ['aitronos', 'klaim'],
    how: 'CONTRACT',
  },
  {
    name: 'CONTRACT with an unknown name',
    argv: [],
    contractSetting: ['nope', 'klaim'],
    names: ['klaim'],
    how: 'CONTRACT',
  },
  {
    name: '--project',
    argv: ['test', '--project=cred*'],
    contractSetting: undefined,
    names: ['credira'],
    how: 'project',
  },
  {
    name: '--project wins over CONTRACT',
    argv: ['test', '--project', 'klaim'],
    contractSetting: ['credira'],
    names: ['klaim'],
    how: 'project',
  },
  {
    // Playwright's --project is variadic: every argument up to the next option names a project.
    name: '--project with two names, then another option',
    argv: ['test', '--project', 'klaim', 'aitronos', '--workers=1'],
    contractSetting: undefined,
    names: ['aitronos', 'klaim'],
    how: 'project',
  },
  {
    name: '--project matching nothing',
    argv: ['--project', 'x'],
    contractSetting: ['credira'],
    names: [],
    how: 'project',
  },
];

for (const row of selectionRows) {
  test(`config: contract selection, ${row.name}`, () => {
    expect(
      resolveContractSelection({ argvProjects: row.argv, contractSetting: row.contractSetting, all: ALL }),
    ).toEqual({
      names: row.names,
      how: row.how,
    });
  });
}

test('config: a --project naming no contract is a configuration error listing the contracts', () => {
  const env = { ...HTTPS, API_KEY: KEY };
  const problems = problemsOf(env, { contracts: keyedAndOpen, argv: ['test', '--project', 'credria'] });
  expect(problems).toEqual([
    `--project is "credria"; expected a contract name from ${keyedAndOpen.map((c) => JSON.stringify(c.name)).join(', ')} (* is a wildcard)`,
  ]);
  // Playwright's own matching: case-insensitive, `*` a wildcard; one good and one bad: the bad one is named.
  expect(problemsOf(env, { contracts: keyedAndOpen, argv: ['test', '--project=CRED*'] })).toEqual([]);
  expect(
    problemsOf(env, { contracts: keyedAndOpen, argv: ['test', '--project', 'credira', '--project=nope*'] }),
  ).toEqual([expect.stringMatching(/^--project is "nope\*"; expected a contract name from /)]);
  // `--project a b` names two projects, as Playwright reads it: the typo in the second is caught too.
  expect(
    problemsOf(env, {
      contracts: keyedAndOpen,
      argv: ['test', '--project', 'credira', 'problem-detials', '-x'],
    }),
  ).toEqual([expect.stringMatching(/^--project is "problem-detials"; expected a contract name from /)]);
});
