/**
 * Run configuration from the environment (dotenv loads `.env` first; real variables win).
 * Every problem is found before any request is made and reported in one message that names the
 * variable, quotes the bad value and says what is expected.
 */
export interface RunSettings {
  /** `reference`: BASE_URL unset, the built-in reference server is started and used. */
  mode: 'reference' | 'external';
  /** External target root (mode `external`); the contract's path is appended. */
  baseUrl: string | undefined;
  apiKey: string | undefined;
  userId: string | undefined;
  unknownUserId: string | undefined;
  forbiddenUserId: string | undefined;
  malformedUserId: string | undefined;
  reportDir: string;
  timeoutMs: number;
}

export const DEFAULT_REPORT_DIR = 'conformance-report';
export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 120_000;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error — nothing was requested:\n${problems.map((p) => `  • ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const quote = (value: string): string => JSON.stringify(value);
const nonEmpty = (value: string | undefined): string | undefined =>
  value?.trim() ? value.trim() : undefined;

function parseTimeout(raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_TIMEOUT_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
    problems.push(
      `REQUEST_TIMEOUT_MS is ${quote(raw)}; expected a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (default ${DEFAULT_TIMEOUT_MS})`,
    );
  }
  return value;
}

function parseBaseUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
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
    problems.push(
      `BASE_URL is ${quote(raw)}; expected an http(s) URL of the target's root without query, fragment or credentials, e.g. "https://staging.example.com"`,
    );
    return undefined;
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Reads and validates the settings. `contractsNeedingKey` are the selected contracts whose
 * security scheme needs API_KEY (checked only against an external target).
 */
export function loadSettings(env: NodeJS.ProcessEnv, contractsNeedingKey: string[]): RunSettings {
  const problems: string[] = [];
  const baseUrl = parseBaseUrl(nonEmpty(env.BASE_URL), problems);
  const settings: RunSettings = {
    mode: nonEmpty(env.BASE_URL) === undefined ? 'reference' : 'external',
    baseUrl,
    apiKey: nonEmpty(env.API_KEY),
    userId: nonEmpty(env.USER_ID),
    unknownUserId: nonEmpty(env.UNKNOWN_USER_ID),
    forbiddenUserId: nonEmpty(env.FORBIDDEN_USER_ID),
    malformedUserId: nonEmpty(env.MALFORMED_USER_ID),
    reportDir: nonEmpty(env.CONFORMANCE_REPORT_DIR) ?? DEFAULT_REPORT_DIR,
    timeoutMs: parseTimeout(env.REQUEST_TIMEOUT_MS, problems),
  };
  if (settings.mode === 'external') {
    if (!settings.userId) {
      problems.push(
        'USER_ID is not set; BASE_URL points at an external target, so USER_ID must name an existing user the API key may read',
      );
    }
    if (!settings.apiKey && contractsNeedingKey.length > 0) {
      problems.push(
        `API_KEY is not set; contract(s) ${contractsNeedingKey.map(quote).join(', ')} require a credential (select only contracts without authentication with --project, or set API_KEY)`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

/** Contracts chosen with `--project`, matched as Playwright does: case-insensitive, `*` as a wildcard (all when none). */
export function selectedProjects(argv: string[], all: string[]): string[] {
  const patterns: RegExp[] = [];
  argv.forEach((arg, index) => {
    const value =
      arg === '--project'
        ? argv[index + 1]
        : arg.startsWith('--project=')
          ? arg.slice('--project='.length)
          : undefined;
    if (value === undefined) return;
    const source = value
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    patterns.push(new RegExp(`^${source}$`, 'i'));
  });
  return patterns.length === 0 ? all : all.filter((name) => patterns.some((pattern) => pattern.test(name)));
}
