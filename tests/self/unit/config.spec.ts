import { expect, test } from '@playwright/test';
import { ConfigError, loadSettings, selectedProjects } from '../../../engine/config';

const problemsOf = (env: NodeJS.ProcessEnv, needingKey: string[] = ['credira']): string[] => {
  try {
    loadSettings(env, needingKey);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

const rows: { name: string; env: NodeJS.ProcessEnv; needingKey?: string[]; problem?: RegExp }[] = [
  { name: 'nothing set: the reference', env: {} },
  {
    name: 'complete external target',
    env: { BASE_URL: 'https://staging.example.com/', API_KEY: 'k', USER_ID: 'u' },
  },
  {
    name: 'not an URL',
    env: { BASE_URL: 'staging', API_KEY: 'k', USER_ID: 'u' },
    problem: /BASE_URL is "staging"; expected an http\(s\) URL/,
  },
  {
    name: 'ftp URL',
    env: { BASE_URL: 'ftp://x.example', API_KEY: 'k', USER_ID: 'u' },
    problem: /BASE_URL is "ftp:\/\/x.example"/,
  },
  {
    name: 'credentials in the URL',
    env: { BASE_URL: 'https://me:pw@x.example', API_KEY: 'k', USER_ID: 'u' },
    problem: /without query, fragment or credentials/,
  },
  { name: 'no USER_ID', env: { BASE_URL: 'https://x.example', API_KEY: 'k' }, problem: /USER_ID is not set/ },
  {
    name: 'no API_KEY for a secured contract',
    env: { BASE_URL: 'https://x.example', USER_ID: 'u' },
    problem: /API_KEY is not set; contract\(s\) "credira"/,
  },
  { name: 'no API_KEY needed', env: { BASE_URL: 'https://x.example', USER_ID: 'u' }, needingKey: [] },
  {
    name: 'bad timeout',
    env: { REQUEST_TIMEOUT_MS: '10s' },
    problem: /REQUEST_TIMEOUT_MS is "10s"; expected a whole number/,
  },
  { name: 'zero timeout', env: { REQUEST_TIMEOUT_MS: '0' }, problem: /REQUEST_TIMEOUT_MS is "0"/ },
];

for (const row of rows) {
  test(`config: ${row.name}`, () => {
    const problems = problemsOf(row.env, row.needingKey);
    if (row.problem) expect(problems.join('\n')).toMatch(row.problem);
    else expect(problems).toEqual([]);
  });
}

test('config: defaults', () => {
  const settings = loadSettings({}, []);
  expect(settings).toMatchObject({ mode: 'reference', reportDir: 'conformance-report', timeoutMs: 10_000 });
});

test('config: every problem is reported at once', () => {
  expect(problemsOf({ BASE_URL: 'nope', REQUEST_TIMEOUT_MS: '-1' })).toHaveLength(4);
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
