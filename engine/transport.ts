/**
 * The HTTP transport of the suite, on undici: one keep-alive Agent per transport, no redirects followed
 * (the credential never reaches another origin), no cookie jar (nothing carries over between exchanges),
 * the whole exchange bounded by `timeoutMs`, the body read while counting bytes (raw and decoded) and
 * dropped past `maxBodyBytes`. Failures are results, never exceptions, and their messages never quote
 * request headers (the credential travels in them).
 *
 * TLS options go into the one secure context of this transport's https connections; since redirects
 * are never followed, only the origins callers name (the target's) ever see the client certificate.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import {
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
  type ZlibOptions,
  constants as zlib,
} from 'node:zlib';
import type { Dispatcher } from 'undici';
import { type Holds, holdsOf, originOf, waitOutHold } from './rate-limit-holds';
import type { RateLimit } from './types';
import { Agent, buildConnector, requestVia } from './undici-agent';

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** PEM texts (already read from files by config). */
export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
}

export interface TransportOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  tls?: TlsOptions;
}

export interface TransportResponse {
  status: number;
  statusText: string;
  /** Names lower-cased; repeated headers joined with ', ', except set-cookie joined with '\n'. */
  headers: Record<string, string>;
  /** UTF-8, decoded per Content-Encoding (gzip, deflate, br). */
  bodyText: string;
  durationMs: number;
}

export type TransportError = {
  kind: 'timeout' | 'connection' | 'tls' | 'body-too-large' | 'other';
  message: string;
};

export type TransportResult =
  | { response: TransportResponse }
  | { error: TransportError; partial?: { status: number; headers: Record<string, string> } };

export interface Transport {
  send(request: OutgoingRequest): Promise<TransportResult>;
  close(): Promise<void>;
}

const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Everything known about an exchange when it fails, for the error message. */
interface Progress {
  host: string;
  /** Whether CA_CERT was given (then an untrusted certificate means it is the wrong CA). */
  caSet: boolean;
  port: string;
  timeoutMs: number;
  /** Set once the status line and headers have arrived. */
  head?: { status: number; headers: Record<string, string> };
  rawBytes: number;
  expectedBytes?: number;
}

/** Marks the overall deadline as the abort reason, so it is told apart from other aborts. */
class DeadlineExceeded extends Error {}

/**
 * The overall deadline as the abort signal undici also accepts: an emitter with `aborted` and `reason`.
 * An AbortController per request costs a measurable share of a bare request's time; this does not.
 */
class Deadline extends EventEmitter {
  aborted = false;
  reason: Error | undefined;
  readonly #timer: NodeJS.Timeout;

  constructor(ms: number) {
    super();
    this.#timer = setTimeout(() => {
      this.aborted = true;
      this.reason = new DeadlineExceeded();
      this.emit('abort');
    }, ms);
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}

/** Ends the body read when the cap is passed. */
class BodyTooLarge extends Error {}

/** Ends the body read when a Content-Encoding cannot be decoded. */
class UndecodableBody extends Error {}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const isStaleConnection = (error: TransportError): boolean =>
  error.kind === 'connection' &&
  /before the response headers|other side closed|\(ECONNRESET\)$/.test(error.message) &&
  !/after \d+ of/.test(error.message);

export function createTransport(options: TransportOptions): Transport {
  const secure = secureContextOf(options.tls);
  const alerts = new TlsAlerts();
  const targets = new Targets();
  const connector = buildConnector({
    timeout: options.timeoutMs,
    ...('context' in secure && secure.context ? { secureContext: secure.context } : {}),
  });
  const agent = new Agent({
    connect: (connectOptions, callback) =>
      connector(connectOptions, (...args) => {
        const socket = args[1];
        if (socket && connectOptions.protocol === 'https:') alerts.watch(socket);
        callback(...args);
      }),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  let closed = false;

  return {
    async send(request) {
      if (closed) throw new Error('Transport.send() called after close()');
      if ('error' in secure) return { error: secure.error };
      const target = targets.of(request.url);
      if (!target) {
        return { error: { kind: 'other', message: 'the request URL is not a valid absolute URL' } };
      }
      const result = await exchange(agent, request, options, target, alerts);
      // A pooled connection the server closed while idle fails before any answer: the request never
      // reached the application, so an idempotent one is sent once more on a fresh connection.
      if (
        IDEMPOTENT.has(request.method) &&
        'error' in result &&
        !result.partial &&
        isStaleConnection(result.error)
      ) {
        return exchange(agent, request, options, target, alerts);
      }
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      await agent.close();
    },
  };
}

/**
 * TLS alerts received after the handshake, by the socket's local address. In TLS 1.3 a server refuses a
 * client certificate only after the client has sent its request; undici then reports a plain "other side
 * closed", losing the alert that says why. Bounded: the oldest entries are dropped.
 */
class TlsAlerts {
  readonly #codes = new Map<string, string>();

  watch(socket: Socket): void {
    socket.on('error', (error) => {
      const code = codeOf(error);
      if (!code.startsWith('ERR_SSL_')) return;
      this.#codes.set(`${socket.localAddress}:${socket.localPort}`, code);
      if (this.#codes.size > 64) this.#codes.delete(this.#codes.keys().next().value ?? '');
    });
  }

  /** The alert of the socket an undici SocketError names, forgotten once read. */
  take(error: unknown): string | undefined {
    const socket = (error as { socket?: { localAddress?: string; localPort?: number } } | null)?.socket;
    if (!socket) return undefined;
    const key = `${socket.localAddress}:${socket.localPort}`;
    const code = this.#codes.get(key);
    this.#codes.delete(key);
    return code;
  }
}

/** The shared secure context, or the TLS error every send reports when a PEM text cannot be used. */
function secureContextOf(
  tls: TlsOptions | undefined,
): { context?: SecureContext } | { error: TransportError } {
  if (!tls || (tls.ca === undefined && tls.cert === undefined && tls.key === undefined)) return {};
  const problem = tlsOptionsProblem(tls);
  if (problem) return { error: { kind: 'tls', message: `TLS: ${problem}` } };
  // CA_CERT adds to Node's trusted CAs: a private CA for staging, public ones for everything else.
  const ca = tls.ca === undefined ? undefined : [...rootCertificates, tls.ca];
  return { context: createSecureContext({ ...tls, ...(ca ? { ca } : {}) }) };
}

/** What is wrong with the PEM texts, naming the setting to fix; undefined when they make a context. */
function tlsOptionsProblem(tls: TlsOptions): string | undefined {
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    return `${tls.cert === undefined ? 'CLIENT_CERT' : 'CLIENT_KEY'} is not set; CLIENT_CERT and CLIENT_KEY go together`;
  }
  // OpenSSL silently ignores a CA text without certificates, which would then fail every handshake.
  if (tls.ca !== undefined && !tls.ca.includes('-----BEGIN CERTIFICATE-----')) {
    return 'CA_CERT holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line)';
  }
  // Both PEM forms of an encrypted key say so: "BEGIN ENCRYPTED PRIVATE KEY" or "Proc-Type: 4,ENCRYPTED".
  const encrypted = tls.key?.includes('ENCRYPTED') ?? false;
  if (encrypted && tls.passphrase === undefined) {
    return 'CLIENT_KEY is encrypted; set CLIENT_KEY_PASSPHRASE to its passphrase';
  }
  const keyProblem = encrypted
    ? 'CLIENT_KEY could not be decrypted with CLIENT_KEY_PASSPHRASE'
    : 'CLIENT_KEY is not a usable PEM private key';
  const attempts: [string, () => unknown][] = [
    ['CA_CERT is not a usable PEM certificate', () => createSecureContext({ ca: tls.ca })],
    ['CLIENT_CERT is not a usable PEM certificate', () => createSecureContext({ cert: tls.cert })],
    [keyProblem, () => createSecureContext({ key: tls.key, passphrase: tls.passphrase })],
    ['CLIENT_KEY is not the key of CLIENT_CERT', () => createSecureContext(tls)],
  ];
  for (const [problem, attempt] of attempts) {
    try {
      attempt();
    } catch (error) {
      return `${problem} (${codeOf(error)})`;
    }
  }
  return undefined;
}

/** Where a request URL points, parsed once per distinct URL. */
interface Target {
  origin: string;
  path: string;
  host: string;
  port: string;
}

/** Parsing a URL costs a measurable share of a bare request; sampling repeats the same URLs. Bounded. */
class Targets {
  readonly #parsed = new Map<string, Target>();

  of(url: string): Target | undefined {
    const known = this.#parsed.get(url);
    if (known) return known;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    const target = {
      origin: parsed.origin,
      path: `${parsed.pathname}${parsed.search}`,
      host: parsed.hostname,
      port: parsed.port || (parsed.protocol === 'https:' ? '443' : '80'),
    };
    if (this.#parsed.size >= 256) this.#parsed.clear();
    this.#parsed.set(url, target);
    return target;
  }
}

async function exchange(
  agent: Agent,
  request: OutgoingRequest,
  options: TransportOptions,
  target: Target,
  alerts: TlsAlerts,
): Promise<TransportResult> {
  const started = performance.now();
  const progress: Progress = {
    host: target.host,
    caSet: options.tls?.ca !== undefined,
    port: target.port,
    timeoutMs: options.timeoutMs,
    rawBytes: 0,
  };
  const deadline = new Deadline(options.timeoutMs);
  const dispatch: Dispatcher.RequestOptions = {
    origin: target.origin,
    path: target.path,
    method: request.method,
    headers: withAcceptEncoding(request.headers),
    signal: deadline,
  };
  if (request.body !== undefined) dispatch.body = request.body;
  try {
    const answer = await requestVia(agent, dispatch);
    const headers = joinHeaders(answer.headers);
    progress.head = { status: answer.statusCode, headers };
    const declared = headers['content-length'];
    if (declared !== undefined && /^\d+$/.test(declared)) progress.expectedBytes = Number(declared);
    const encoding = headers['content-encoding'];
    const body = await (encoding === undefined
      ? readIdentityBody(answer.body, options.maxBodyBytes, progress)
      : readEncodedBody(answer.body, encoding, options.maxBodyBytes, progress));
    return {
      response: {
        status: answer.statusCode,
        statusText: answer.statusText ?? '',
        headers,
        bodyText: body.toString('utf8'),
        durationMs: Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    const alert = alerts.take(error);
    const codes = alert ? [alert, ...codesOf(error)] : codesOf(error);
    const failure = describeFailure(error, codes, progress, options.maxBodyBytes);
    const result: TransportResult = {
      error: { kind: failure.kind, message: withoutHeaderValues(failure.message, request.headers) },
    };
    if (progress.head) result.partial = progress.head;
    return result;
  } finally {
    deadline.clear();
  }
}

/**
 * The request's headers as undici's flat [name, value, …] list, asking for the codings we decode unless
 * the caller chose its own Accept-Encoding. (A flat list is cheaper than a copied object.)
 */
function withAcceptEncoding(headers: Record<string, string>): string[] {
  const flat: string[] = [];
  let callerChose = false;
  for (const name in headers) {
    flat.push(name, headers[name] as string);
    if (name.length === 15 && name.toLowerCase() === 'accept-encoding') callerChose = true;
  }
  if (!callerChose) flat.push('accept-encoding', ACCEPT_ENCODING);
  return flat;
}

/** Joins repeats in place: undici's header object is ours, with names already lower-cased. */
function joinHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  for (const name in headers) {
    const value = headers[name];
    if (typeof value === 'string') continue;
    if (value === undefined) delete headers[name];
    else headers[name] = value.join(name === 'set-cookie' ? '\n' : ', ');
  }
  return headers as Record<string, string>;
}

/** Reads a body sent as is, stopping (and destroying the stream) once it passes `maxBytes`. */
function readIdentityBody(body: Readable, maxBytes: number, progress: Progress): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer) => {
      progress.rawBytes += chunk.length;
      if (progress.rawBytes > maxBytes) {
        body.destroy();
        reject(new BodyTooLarge());
      } else {
        chunks.push(chunk);
      }
    });
    body.on('error', reject);
    body.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
  });
}

/**
 * Reads a body through the decoders of its Content-Encoding; both the bytes on the wire and the decoded
 * bytes are capped, so neither an endless body nor a compression bomb can grow memory past `maxBytes`.
 */
function readEncodedBody(
  body: Readable,
  contentEncoding: string,
  maxBytes: number,
  progress: Progress,
): Promise<Buffer> {
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return readIdentityBody(body, maxBytes, progress);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let decodedBytes = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      body.destroy();
      reject(error);
    };
    body.on('error', fail);
    if (!codings.every((coding) => Object.hasOwn(DECODERS, coding))) {
      fail(new UndecodableBody(`unsupported Content-Encoding "${contentEncoding}"`));
      return;
    }
    const stages = codings.reverse().map((coding) => (DECODERS[coding] as () => Transform)());
    const decoded = stages[stages.length - 1] as Transform;
    body.on('data', (chunk: Buffer) => {
      progress.rawBytes += chunk.length;
      if (progress.rawBytes > maxBytes) fail(new BodyTooLarge());
    });
    pipeline([body, ...stages], (error) => {
      if (error) fail(new UndecodableBody(`${codeOf(error)}: ${error.message}`));
    });
    decoded.on('data', (chunk: Buffer) => {
      if (settled) return;
      decodedBytes += chunk.length;
      if (decodedBytes > maxBytes) {
        fail(new BodyTooLarge());
        decoded.destroy();
        return;
      }
      chunks.push(chunk);
    });
    decoded.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, decodedBytes));
    });
  });
}

/** Lenient like browsers: a truncated compressed body keeps what was decoded. */
const LENIENT: ZlibOptions = { flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH };
const LENIENT_BROTLI = { flush: zlib.BROTLI_OPERATION_FLUSH, finishFlush: zlib.BROTLI_OPERATION_FLUSH };

/** The codings we offer in Accept-Encoding, and their decoders. */
const DECODERS: Record<string, () => Transform> = {
  gzip: () => createGunzip(LENIENT),
  'x-gzip': () => createGunzip(LENIENT),
  br: () => createBrotliDecompress(LENIENT_BROTLI),
  deflate: () => new DeflateDecoder(LENIENT),
};

/** "deflate" should be zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw deflate. */
class DeflateDecoder extends Transform {
  #inner: Transform | undefined;

  constructor(private readonly lenient: ZlibOptions) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#inner) {
      // A zlib header's low nibble is 8 (CM = deflate).
      const wrapped = ((chunk[0] ?? 0) & 0x0f) === 0x08;
      this.#inner = wrapped ? createInflate(this.lenient) : createInflateRaw(this.lenient);
      this.#inner.on('data', (out: Buffer) => this.push(out));
      this.#inner.on('error', (error) => this.destroy(error));
    }
    this.#inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#inner) {
      callback();
      return;
    }
    this.#inner.once('end', () => callback());
    this.#inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner?.destroy();
    callback(error);
  }
}

/** The error codes carried by an error, its causes and (for AggregateError) its members. */
function codesOf(error: unknown, depth = 0): string[] {
  if (depth > 4 || error === null || typeof error !== 'object') return [];
  const found: string[] = [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') found.push(code);
  if (cause !== undefined) found.push(...codesOf(cause, depth + 1));
  if (Array.isArray(errors)) for (const member of errors) found.push(...codesOf(member, depth + 1));
  return found;
}

function codeOf(error: unknown): string {
  return codesOf(error)[0] ?? (error instanceof Error ? error.name : 'unknown error');
}

const UNTRUSTED_CERT_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);
const CLIENT_CERT_ALERTS =
  /^ERR_SSL_(TLSV13_ALERT_CERTIFICATE_REQUIRED|SSLV3_ALERT_BAD_CERTIFICATE|TLSV1_ALERT_UNKNOWN_CA|SSLV3_ALERT_CERTIFICATE_UNKNOWN|TLSV1_ALERT_ACCESS_DENIED|SSLV3_ALERT_CERTIFICATE_EXPIRED|SSLV3_ALERT_CERTIFICATE_REVOKED|SSLV3_ALERT_UNSUPPORTED_CERTIFICATE|SSLV3_ALERT_HANDSHAKE_FAILURE)$/;

function describeTls(code: string, progress: Progress, caSet: boolean): TransportError | undefined {
  const host = progress.host;
  if (UNTRUSTED_CERT_CODES.has(code)) {
    const fix = caSet
      ? 'CA_CERT is set but holds no CA that signed it; set CA_CERT to a PEM file of that CA'
      : 'set CA_CERT to a PEM file of the CA that signed it';
    return { kind: 'tls', message: `TLS: the server's certificate is not trusted (${code}); ${fix}` };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      kind: 'tls',
      message: `TLS: the server's certificate does not name ${host} (${code}); use in BASE_URL a host name the certificate lists, or have it reissued for ${host}`,
    };
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    const when = code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet';
    return {
      kind: 'tls',
      message: `TLS: the server's certificate ${when} (${code}); the server must be given a valid certificate (verification is never disabled)`,
    };
  }
  if (CLIENT_CERT_ALERTS.test(code)) {
    return {
      kind: 'tls',
      message: `TLS: the server refused the client certificate, or requires one (${code}); set CLIENT_CERT and CLIENT_KEY to a certificate and key the server accepts`,
    };
  }
  if (/^(ERR_SSL_|ERR_TLS_|ERR_OSSL_)|^CERT_|^EPROTO$/.test(code)) {
    return { kind: 'tls', message: `TLS: the handshake with ${host}:${progress.port} failed (${code})` };
  }
  return undefined;
}

/** "after 512 of 1024 body bytes", or "before the response headers". */
function whereItStopped(progress: Progress): string {
  if (!progress.head) return 'before the response headers';
  const of = progress.expectedBytes !== undefined ? ` of ${progress.expectedBytes}` : '';
  return `after ${progress.rawBytes}${of} body bytes`;
}

function describeFailure(
  error: unknown,
  codes: string[],
  progress: Progress,
  maxBodyBytes: number,
): TransportError {
  const { host, port, timeoutMs } = progress;
  if (error instanceof BodyTooLarge) {
    return { kind: 'body-too-large', message: `body exceeds ${formatBytes(maxBodyBytes)}; reading stopped` };
  }
  if (error instanceof UndecodableBody) {
    return { kind: 'other', message: `body could not be decoded (${error.message})` };
  }
  if (error instanceof DeadlineExceeded || codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return progress.head
      ? { kind: 'timeout', message: `body not complete within ${timeoutMs} ms (${whereItStopped(progress)})` }
      : { kind: 'timeout', message: `no response within ${timeoutMs} ms` };
  }
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) {
    return {
      kind: 'timeout',
      message: `body not complete within ${timeoutMs} ms (${whereItStopped(progress)})`,
    };
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    return { kind: 'timeout', message: `no connection to ${host}:${port} within ${timeoutMs} ms` };
  }
  for (const code of codes) {
    const tls = describeTls(code, progress, progress.caSet);
    if (tls) return tls;
  }
  const code = codes[0] ?? '';
  if (code === 'ECONNREFUSED') {
    return { kind: 'connection', message: `connection refused by ${host}:${port} (ECONNREFUSED)` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { kind: 'connection', message: `host ${host} not found (${code})` };
  }
  if (code === 'ECONNRESET') {
    return { kind: 'connection', message: `connection reset ${whereItStopped(progress)} (ECONNRESET)` };
  }
  if (code === 'EPIPE') {
    return { kind: 'connection', message: `connection closed while the request was being sent (EPIPE)` };
  }
  if (code === 'UND_ERR_SOCKET') {
    return {
      kind: 'connection',
      message: `connection closed by the server ${whereItStopped(progress)} (${code})`,
    };
  }
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return { kind: 'connection', message: `the body does not match its Content-Length (${code})` };
  }
  if (code.startsWith('HPE_') || (error instanceof Error && error.name === 'HTTPParserError')) {
    // llhttp's reasons are fixed texts, never bytes of the exchange.
    const reason = error instanceof Error ? (/\((.+)\)$/.exec(error.message)?.[1] ?? '') : '';
    const because = [code, reason].filter(Boolean).join(': ');
    return { kind: 'connection', message: `the response is not valid HTTP/1.1 (${because})` };
  }
  if (/^(EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ECONNABORTED|EADDRNOTAVAIL)$/.test(code)) {
    return { kind: 'connection', message: `cannot reach ${host}:${port} (${code})` };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { kind: 'other', message: code ? `${text} (${code})` : text };
}

/** "10 MB (10485760 bytes)", "512 KB (524288 bytes)", or "1000 bytes". */
function formatBytes(bytes: number): string {
  if (bytes > 0 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB (${bytes} bytes)`;
  if (bytes > 0 && bytes % 1024 === 0) return `${bytes / 1024} KB (${bytes} bytes)`;
  return `${bytes} bytes`;
}

/** Error texts may quote foreign messages: no request header value (the credential) survives in them. */
function withoutHeaderValues(message: string, headers: Record<string, string>): string {
  let out = message;
  for (const value of Object.values(headers)) {
    if (value.length >= 4) out = out.split(value).join('[REDACTED]');
  }
  return out;
}

/**
 * The wait a rate-limit answer asks for, uncapped: a 429 (1000 ms when it has no usable Retry-After),
 * or a 503 with a Retry-After (delta-seconds or HTTP-date). Never negative; undefined when the
 * response is not a rate-limit answer.
 */
export function retryAfterMs(
  response: { status: number; headers: Record<string, string> },
  now: Date,
): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const header = response.headers['retry-after']?.trim();
  const asked = header === undefined || header === '' ? undefined : parseRetryAfter(header, now);
  const wait = asked ?? (response.status === 429 ? 1000 : undefined);
  return wait === undefined ? undefined : Math.max(0, wait);
}

function parseRetryAfter(value: string, now: Date): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (/^[\d.+-]+$/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date - now.getTime() : undefined;
}

/** A turn under a rate ceiling (sampling's SAMPLE_RATE): resolves when a request may start. */
export type Pace = () => Promise<void>;

/**
 * Waits out a hold (all waits within `budgetMs`), then takes a turn of the rate ceiling; again when a
 * hold came while waiting for the turn, so that requests a hold freed together still keep the rate.
 */
async function readyToSend(
  holds: Holds,
  origin: string | undefined,
  budgetMs: number,
  pace: Pace | undefined,
): ReturnType<typeof waitOutHold> {
  let waitedMs = 0;
  for (;;) {
    const wait = await waitOutHold(holds, origin, budgetMs - waitedMs);
    waitedMs += wait.waitedMs;
    if (wait.exceeded) return { waitedMs, exceeded: wait.exceeded };
    if (!pace) return { waitedMs };
    await pace();
    if (origin === undefined || !holds.get(origin)) return { waitedMs };
  }
}

const NOT_WAITED: Awaited<ReturnType<typeof waitOutHold>> = { waitedMs: 0 };

export type HonouredSend =
  /** Sent: the answer, and `rateLimit` when the target asked to be called later. */
  | { result: TransportResult; rateLimit?: RateLimit }
  /** Not sent: the target had asked to wait longer than `capMs`. */
  | { result: undefined; rateLimit: RateLimit & { notSent: true } };

/**
 * Sends, honouring the target's rate limit across every request of this transport. A held origin is
 * waited for when the rest of its hold fits in `capMs`, else the request is not sent. A rate-limit
 * answer holds the origin for the whole wait it asks; when that fits in `capMs` the request is
 * repeated once after it, never more.
 */
export async function sendHonouringRateLimit(
  transport: Transport,
  request: OutgoingRequest,
  capMs: number,
  pace?: Pace,
): Promise<HonouredSend> {
  const holds = holdsOf(transport);
  const origin = originOf(request.url);
  // Nothing held and no rate ceiling (nearly every request): no wait to set up.
  const before =
    pace || (origin !== undefined && holds.get(origin))
      ? await readyToSend(holds, origin, capMs, pace)
      : NOT_WAITED;
  if (before.exceeded) {
    const { leftMs, status } = before.exceeded;
    const waitedMs = before.waitedMs;
    const askedMs = waitedMs + leftMs;
    const rateLimit = { status, askedMs, waitedMs, repeated: false, capMs, persisted: true };
    return { result: undefined, rateLimit: { ...rateLimit, notSent: true } };
  }
  const first = await transport.send(request);
  if (!('response' in first)) return { result: first };
  const askedMs = retryAfterMs(first.response, new Date());
  if (askedMs === undefined) return { result: first };
  const status = first.response.status;
  if (origin) holds.hold(origin, askedMs, status);
  const repeat = await readyToSend(holds, origin, capMs, pace);
  const waitedMs = before.waitedMs + repeat.waitedMs;
  if (repeat.exceeded) {
    const asked = Math.max(askedMs, repeat.waitedMs + repeat.exceeded.leftMs);
    const rateLimit = { status, askedMs: asked, waitedMs, repeated: false, capMs, persisted: true };
    return { result: first, rateLimit };
  }
  const result = await transport.send(request);
  const again = 'response' in result ? retryAfterMs(result.response, new Date()) : undefined;
  if (origin && again !== undefined && 'response' in result)
    holds.hold(origin, again, result.response.status);
  return {
    result,
    rateLimit: {
      status,
      askedMs: again ?? askedMs,
      waitedMs,
      repeated: true,
      capMs,
      persisted: again !== undefined,
    },
  };
}
