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
