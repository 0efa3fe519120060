/** Credential redaction shared by the engine's records, error texts and curl commands. */
export const REDACTED = '[REDACTED]';

/** Header names whose values are credentials wherever they appear. */
export const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
]);

/** Replaces every occurrence of each secret (4+ chars) with [REDACTED]. */
export function redactText(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Header map with sensitive values (and any secret inside other values) redacted. */
export function redactHeaders(
  headers: Record<string, string>,
  secrets: readonly (string | undefined)[],
  sensitive: ReadonlySet<string> = SENSITIVE_HEADERS,
): Record<string, string> {
  const out: Record<string, string> = {};
  // A server may put a secret in a header *name* too, which Playwright lower-cases.
  const nameSecrets = [...secrets, ...secrets.map((secret) => secret?.toLowerCase())];
  for (const [name, value] of Object.entries(headers)) {
    out[redactText(name, nameSecrets)] = sensitive.has(name.toLowerCase())
      ? REDACTED
      : redactText(value, secrets);
  }
  return out;
}

/**
 * Playwright's request errors end with a "Call log" that lists the request headers, credentials
 * included; keep only the first line of the cause and redact what is left.
 */
export function redactPlaywrightError(message: string, secrets: readonly (string | undefined)[]): string {
  const withoutLog = message.split(/\n\s*Call log:/)[0] ?? message;
  return redactText(withoutLog, secrets).trim();
}

/**
 * A copy of a record with every secret redacted from every string and object key (a server may echo
 * the credential in a body, a reason phrase or a header name, which Playwright lower-cases), and the
 * values of sensitive headers masked wherever a `headers` object appears.
 */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[]): T {
  const all = [...secrets, ...secrets.map((secret) => secret?.toLowerCase())];
  const walk = (node: unknown, inHeaders: boolean): unknown => {
    if (typeof node === 'string') return redactText(node, all);
    if (Array.isArray(node)) return node.map((item) => walk(item, false));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      out[redactText(key, all)] =
        inHeaders && SENSITIVE_HEADERS.has(key.toLowerCase()) ? REDACTED : walk(child, key === 'headers');
    }
    return out;
  };
  return walk(value, false) as T;
}
