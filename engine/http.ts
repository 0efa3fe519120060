/**
 * One HTTP exchange through Playwright's request context: bounded timeout, no retries, no
 * redirects followed (so credentials never reach another origin). The request is recorded redacted; the
 * response is kept as received, because checks must judge what the server sent (a key that happens to
 * occur in a value must not change it): records are redacted after the checks (run-scenario.ts).
 */
import type { APIRequestContext } from '@playwright/test';

/** Makes a fresh request context: no cookie or state from one exchange can reach the next. */
export type NewRequestContext = () => Promise<APIRequestContext>;

import { redactHeaders, redactPlaywrightError } from './redact';
import type { Exchange } from './types';

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function classify(message: string): 'timeout' | 'connection' | 'other' {
  if (/timeout|timed out/i.test(message)) return 'timeout';
  if (
    /ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|socket hang up|aborted|closed|Parse Error|HPE_/i.test(
      message,
    )
  ) {
    return 'connection';
  }
  return 'other';
}

export async function send(
  newContext: NewRequestContext,
  outgoing: OutgoingRequest,
  options: { timeoutMs: number; secrets: readonly (string | undefined)[] },
): Promise<Exchange> {
  const recorded = {
    method: outgoing.method,
    url: outgoing.url,
    headers: redactHeaders(outgoing.headers, options.secrets),
    ...(outgoing.body !== undefined ? { body: outgoing.body } : {}),
  };
  const request = await newContext();
  const started = performance.now();
  try {
    const response = await request.fetch(outgoing.url, {
      method: outgoing.method,
      headers: outgoing.headers,
      ...(outgoing.body !== undefined ? { data: outgoing.body } : {}),
      timeout: options.timeoutMs,
      maxRedirects: 0,
      maxRetries: 0,
      failOnStatusCode: false,
    });
    const bodyText = (await response.body()).toString('utf8');
    const headers: Record<string, string> = {};
    for (const { name, value } of response.headersArray()) {
      const key = name.toLowerCase();
      headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
    }
    return {
      request: recorded,
      response: {
        status: response.status(),
        statusText: response.statusText(),
        headers,
        bodyText,
        durationMs: Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    const message = redactPlaywrightError(
      error instanceof Error ? error.message : String(error),
      options.secrets,
    );
    return { request: recorded, transportError: { kind: classify(message), message } };
  } finally {
    await request.dispose();
  }
}
