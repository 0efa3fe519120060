/**
 * A hostile target for the secrets self-test: it answers like a contract (its doc samples, its
 * statuses, its credential header) so that most checks run, and echoes the credential it was sent,
 * in one spelling, in every place a response has: JSON body fields, the reason phrase, a cross-origin
 * `Location`, a custom header, a cookie, `WWW-Authenticate`, `Cache-Control`, a header name. A request
 * without the key (or with the suite's invalid key) gets the canary echoed all the same: a hostile
 * server remembers what it saw.
 *
 * What each scenario gets, so that every failure path writes the echo down:
 *   existingUser     200, the doc sample with `email` = the echo (a schema violation quoting it), an
 *                    undocumented `api_key`, `<script>` in the name
 *   forbiddenUser    302 to another origin with the echo in the `Location`
 *   unknownUser      404, the doc's error envelope with `code` = the echo
 *   malformedId      500, a Node stack trace whose file path holds the echo
 *   wrongMethod      200 `message/http`: the request itself (TRACE, sent without the credential) and
 *                    the credential it remembers
 *   forgedCredentials  every near miss accepted (200), the echo at the start of the body
 *   missing/invalid  401, the doc's error envelope with the echo in its message
 */
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { OpenAPIV3_1 } from 'openapi-types';
import {
  inCredentialForm,
  type LoadedContract,
  loadContractByName,
} from '../../../../engine/contract-loader';
import { INVALID_KEY } from '../../../../engine/scenarios';
import { type LocalServer, startLocalServer } from './local-servers';

export const XSS = '<script>alert(1)</script>';
export const XSS_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

/** 200 characters of base64url (letters, digits, `-` and `_`), the same on every run. */
function longKey(): string {
  let text = '';
  for (let i = 0; text.length < 200; i++) {
    text += Buffer.from(Array.from({ length: 48 }, (_, j) => (i * 97 + j * 61 + 13) % 256)).toString(
      'base64url',
    );
  }
  return text.slice(0, 200);
}

export const KEY_SHAPES = {
  base64: 'cAn4ry/Qx7+Zk2Lw9/Vb+Tn8Rp3s6Hd=',
  // Short, and every character that encodings change: `/`, `+`, `=`.
  base64Short: 'Zm9v/YmFy+YmF6==',
  hex: '7f3e9b1dc4a25e8f06b9d3a1c7e42f5b8d0a6c91',
  dotDash: 'sk-canary.Xq7-Lm2.Rt9Zw-8vPk.Jd4',
  long200: longKey(),
} as const;

export type KeyShape = keyof typeof KEY_SHAPES;

const hex2 = (code: number): string => code.toString(16).toUpperCase().padStart(2, '0');
const hex4 = (code: number): string => code.toString(16).padStart(4, '0');

/**
 * One way a server may write a credential down. `key` is the token (without scheme), `headerValue`
 * the whole credential header value as sent (`Bearer …`, or the key for `X-API-Key`).
 */
export const SPELLINGS = {
  raw: (key: string) => key,
  'JSON \\/-escaped': (key: string) => key.replaceAll('/', '\\/'),
  'JSON \\u-escaped': (key: string) => [...key].map((ch) => `\\u${hex4(ch.charCodeAt(0))}`).join(''),
  base64: (key: string) => Buffer.from(key).toString('base64'),
  'base64url of the header value': (_key: string, headerValue: string) =>
    Buffer.from(headerValue).toString('base64url'),
  'inside longer base64 (a JWT payload)': (key: string) =>
    Buffer.from(JSON.stringify({ sub: 'user_1', tok: key, iat: 1700000000 })).toString('base64url'),
  'URL-encoded': (key: string) => key.replace(/[^A-Za-z0-9]/g, (ch) => `%${hex2(ch.charCodeAt(0))}`),
  'form-encoded header value': (_key: string, headerValue: string) =>
    new URLSearchParams({ a: headerValue }).toString().slice(2),
  'HTML numeric entities': (key: string) => [...key].map((ch) => `&#${ch.charCodeAt(0)};`).join(''),
  'upper-cased': (key: string) => key.toUpperCase(),
  'hex dump': (key: string) => Buffer.from(key).toString('hex'),
} as const satisfies Record<string, (key: string, headerValue: string) => string>;

export type SpellingName = keyof typeof SPELLINGS;

/** Every place of a response the server writes the echo into. */
export const ECHO_PLACES = [
  'body',
  'reason phrase',
  'location',
  'x-echo-credential',
  'set-cookie',
  'www-authenticate',
  'cache-control',
  'header name',
] as const;

export type EchoPlace = (typeof ECHO_PLACES)[number];

/** RFC 9110 token characters: what a header name may hold. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A header name may carry the echo only when the echo is a token (and not absurdly long). */
export function echoFitsHeaderName(echo: string): boolean {
  return TOKEN.test(echo) && echo.length <= 400;
}

export interface HostileEchoOptions {
  contract: string;
  canary: string;
  spelling: SpellingName;
  userId: string;
  forbiddenUserId: string;
}

interface ContractSamples {
  ok: unknown;
  /** Error samples by status (401, 403, 404, …), the first documented one as the fallback. */
  errors: Map<number, unknown>;
}

function samplesOf(contract: LoadedContract): ContractSamples {
  const document = JSON.parse(readFileSync(contract.file, 'utf8')) as OpenAPIV3_1.Document;
  const item = document.paths?.[contract.path] as Record<string, OpenAPIV3_1.OperationObject> | undefined;
  const operation = item?.[contract.method.toLowerCase()];
  const byStatus = new Map<number, unknown>();
  for (const [status, response] of Object.entries(operation?.responses ?? {})) {
    for (const media of Object.values((response as OpenAPIV3_1.ResponseObject).content ?? {})) {
      const examples = (media.examples ?? {}) as Record<string, { value?: unknown }>;
      const sample = media.example ?? (examples.docSample ?? Object.values(examples)[0])?.value;
      if (sample !== undefined && sample !== null && /^\d+$/.test(status))
        byStatus.set(Number(status), sample);
    }
  }
  const ok = byStatus.get(200);
  byStatus.delete(200);
  return { ok, errors: byStatus };
}

/** A copy of `value` with every string member named `name` (at any depth) replaced by `make(old)`. */
function replaceMembers(value: unknown, name: string, make: (old: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceMembers(v, name, make));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === name && typeof child === 'string' ? make(child) : replaceMembers(child, name, make),
    ]),
  );
}

/**
 * JSON text of `value` where the string `ECHO` stands for the echo, written as is: the spelling is
 * the body's own text (a `\u` spelling stays escaped in the body, as a server's JSON encoder writes it).
 */
const ECHO = '\u0000ECHO\u0000';
function jsonWithEcho(value: unknown, echo: string): string {
  return JSON.stringify(value, null, 1).replaceAll(JSON.stringify(ECHO).slice(1, -1), echo);
}

function credentialOf(
  contract: LoadedContract,
  headers: IncomingHttpHeaders,
): { header: string; value: string } | undefined {
  const names = [contract.credential?.header.toLowerCase() ?? 'authorization', 'authorization'];
  for (const name of names) {
    const value = headers[name];
    if (typeof value === 'string' && value !== '') return { header: name, value };
  }
  return undefined;
}

const tokenOf = (headerValue: string): string => headerValue.replace(/^(?:Bearer|Basic)\s+/i, '');

interface Reply {
  status: number;
  reason: string;
  contentType: string;
  body: string;
}

export interface HostileEchoServer extends LocalServer {
  /** The echo of the canary itself, as the server writes it. */
  canaryEcho: string;
}

export async function startHostileEchoServer(options: HostileEchoOptions): Promise<HostileEchoServer> {
  const contract = loadContractByName(options.contract);
  if (!contract?.credential) throw new Error(`contract "${options.contract}" has no credential to echo`);
  const form = contract.credential.forms[0] ?? '{key}';
  const {
    method,
    ids: { unknown: unknownId },
  } = contract;
  const samples = samplesOf(contract);
  const spell = SPELLINGS[options.spelling];
  const canaryHeaderValue = inCredentialForm(form, options.canary);
  const canaryEcho = spell(options.canary, canaryHeaderValue);
  const pathPattern = new RegExp(
    `^${contract.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/, '([^/?]+)')}(?:\\?|$)`,
  );
  const errorSample = (status: number): unknown =>
    samples.errors.get(status) ?? samples.errors.values().next().value ?? { error: 'error' };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const sent = credentialOf(contract, req.headers);
    const token = sent ? tokenOf(sent.value) : undefined;
    const echoed =
      sent && token !== undefined && token !== INVALID_KEY ? { token, headerValue: sent.value } : undefined;
    const echo = echoed ? spell(echoed.token, echoed.headerValue) : canaryEcho;
    const headers: Record<string, string> = {
      location: `https://login.hostile.test/authorize?token=${echo}`,
      'x-echo-credential': echo,
      'set-cookie': `session=${echo}; Path=/; HttpOnly`,
      'www-authenticate': `Bearer realm="echo", error="invalid_token", error_description="token ${echo} rejected"`,
      'cache-control': `public, max-age=60, x-token=${echo}`,
    };
    if (echoFitsHeaderName(echo)) headers[`x-seen-${echo}`] = '1';
    const reply = replyTo(req, echoed?.token, echo, sent?.header);
    res.writeHead(reply.status, `${reply.reason} ${echo}`, { ...headers, 'content-type': reply.contentType });
    res.end(reply.body);
  };

  /** What to answer: `token` is the key sent (undefined for none or the invalid key), `echo` its spelling. */
  function replyTo(
    req: IncomingMessage,
    token: string | undefined,
    echo: string,
    credentialHeader?: string,
  ): Reply {
    const json = (status: number, reason: string, value: unknown): Reply => ({
      status,
      reason,
      contentType: 'application/json',
      body: jsonWithEcho(value, echo),
    });
    const id = pathPattern.exec(req.url ?? '')?.[1];
    if (id === undefined) return json(404, 'Not Found', { error: `no route; token ${ECHO}` });
    if (req.method !== method) {
      // TRACE answered as defined: the request itself, its credential header spelled as everything else.
      const lines = Object.entries(req.headers).map(
        ([name, value]) =>
          `${name}: ${name === credentialHeader && token !== undefined ? echo : String(value)}`,
      );
      lines.push(`remembered-credential: ${echo}`);
      const body = `${req.method} ${req.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
      return { status: 200, reason: 'OK', contentType: 'message/http', body };
    }
    if (token === undefined) {
      return json(
        401,
        'Unauthorized',
        replaceMembers(errorSample(401), 'message', () => `Invalid API key ${ECHO}`),
      );
    }
    // A near miss of the key, accepted: the echo comes first, inside the excerpt a report shows.
    if (token !== options.canary) return json(200, 'OK', { echo: ECHO, ...(samples.ok as object) });
    const requested = decodeURIComponent(id);
    if (requested === options.userId) {
      const body = replaceMembers(
        replaceMembers(samples.ok, 'email', () => ECHO),
        'name',
        () => XSS,
      );
      return json(200, 'OK', { ...(body as object), full_name: XSS, api_key: ECHO });
    }
    if (requested === options.forbiddenUserId) return json(302, 'Found', { redirect: ECHO });
    if (requested === unknownId) {
      return json(
        404,
        'Not Found',
        replaceMembers(errorSample(404), 'code', () => ECHO),
      );
    }
    return {
      status: 500,
      reason: 'Internal Server Error',
      contentType: 'text/plain',
      body: `Error: invalid token\n    at verifyToken (/app/keys/${echo}/auth.js:12:7)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n`,
    };
  }
  const server = await startLocalServer(handler);
  return { ...server, canaryEcho };
}
