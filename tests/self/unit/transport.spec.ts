import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import * as undici from 'undici';
import {
  createTransport,
  type OutgoingRequest,
  retryAfterMs,
  sendHonouringRateLimit,
  type Transport,
  type TransportOptions,
  type TransportResult,
} from '../../../engine/transport';
import { Agent, buildConnector, requestVia } from '../../../engine/undici-agent';
import {
  CLIENT_EXTENSIONS,
  createThrowawayCa,
  LOCAL_SERVER_EXTENSIONS,
  type ThrowawayCa,
} from '../support/throwaway-pki';

const KEY = 'sk_canary_transport_0123456789';
const MB = 1024 * 1024;

interface Seen {
  method: string | undefined;
  url: string;
  headers: IncomingMessage['headers'];
  remotePort: number | undefined;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const cleanups: (() => Promise<void>)[] = [];

test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: Server | NetServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A server on 127.0.0.1 that records what it receives; closed after the test. */
async function serve(
  handler: Handler,
  make: (listener: Handler) => Server = (listener) => createServer(listener),
  scheme = 'http',
): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = make((req, res) => {
    seen.push({
      method: req.method,
      url: req.url ?? '',
      headers: req.headers,
      remotePort: req.socket.remotePort,
    });
    handler(req, res);
  });
  const port = await listen(server);
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { base: `${scheme}://127.0.0.1:${port}`, seen };
}

function transport(options: Partial<TransportOptions> = {}): Transport {
  const created = createTransport({ timeoutMs: 2000, maxBodyBytes: 10 * MB, ...options });
  cleanups.push(() => created.close());
  return created;
}

function get(url: string, headers: Record<string, string> = {}): OutgoingRequest {
  return { method: 'GET', url, headers };
}

function responseOf(result: TransportResult | undefined) {
  if (!result) throw new Error('expected a response, but the request was not sent');
  if ('error' in result)
    throw new Error(`expected a response, got ${result.error.kind}: ${result.error.message}`);
  return result.response;
}

function errorOf(result: TransportResult) {
  if ('response' in result) throw new Error(`expected an error, got status ${result.response.status}`);
  return result;
}

const JSON_BODY = JSON.stringify({ id: 'usr_1', name: 'Zoë', bio: 'x'.repeat(5000) });

test("the transport uses undici's own Agent, connector and request, loaded without the package index", async () => {
  expect(Agent).toBe(undici.Agent);
  expect(buildConnector).toBe(undici.buildConnector);
  const agent = new Agent();
  try {
    const server = await new Promise<Server>((resolve) => {
      const s = createServer((_req, res) => res.end('ok')).listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await requestVia(agent, {
        origin: `http://127.0.0.1:${port}`,
        path: '/',
        method: 'GET',
      });
      expect(await answer.body.text()).toBe('ok');
    } finally {
      server.close();
    }
  } finally {
    await agent.close();
  }
});

test("the engine never loads undici's package index", () => {
  const sources = ['engine', 'reporters']
    .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file)))
    .filter((file) => file.endsWith('.ts'));
  // Types only: a value import, re-export, require or import() would load the index (fetch, WebSocket,
  // caches…) in every worker.
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    expect(text, file).not.toMatch(/^(?:import|export) (?!type\b)[^;]*from ['"]undici['"]/m);
    expect(text, file).not.toMatch(/(?:require|import)\(\s*['"]undici['"]\s*\)/);
  }
});

test.describe('responses as sent', () => {
  test('status and reason phrase are exactly those of the status line', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(418, 'Not Quite OK', { 'Content-Type': 'text/plain' });
      res.end('teapot');
    });
    const response = responseOf(await transport().send(get(`${base}/`)));
    expect(response).toMatchObject({ status: 418, statusText: 'Not Quite OK', bodyText: 'teapot' });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
  });

  test('header names are lower-cased; repeats joined with ", ", set-cookie with a newline', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(200, [
        ['X-Multi', 'a'],
        ['x-multi', 'b'],
        ['Set-Cookie', 'a=1; Path=/'],
        ['Set-Cookie', 'b=2, c=3'],
        ['X-Case-Kept', 'Value As Sent'],
      ]);
      res.end();
    });
    const { headers } = responseOf(await transport().send(get(`${base}/`)));
    expect(headers['x-multi']).toBe('a, b');
    expect(headers['set-cookie']).toBe('a=1; Path=/\nb=2, c=3');
    expect(headers['x-case-kept']).toBe('Value As Sent');
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  const bodies: { name: string; encoding?: string; encode: (text: string) => Buffer }[] = [
    { name: 'identity', encode: (text) => Buffer.from(text) },
    { name: 'gzip', encoding: 'gzip', encode: (text) => gzipSync(text) },
    { name: 'br', encoding: 'br', encode: (text) => brotliCompressSync(text) },
    { name: 'deflate (zlib-wrapped)', encoding: 'deflate', encode: (text) => deflateSync(text) },
    {
      name: 'deflate (raw, as some servers send it)',
      encoding: 'deflate',
      encode: (text) => deflateRawSync(text),
    },
    { name: 'gzip then br', encoding: 'gzip, br', encode: (text) => brotliCompressSync(gzipSync(text)) },
  ];
  for (const { name, encoding, encode } of bodies) {
    test(`a body sent as ${name} is decoded to its text`, async () => {
      const { base, seen } = await serve((_req, res) => {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          ...(encoding ? { 'Content-Encoding': encoding } : {}),
        });
        res.end(encode(JSON_BODY));
      });
      const response = responseOf(await transport().send(get(`${base}/`)));
      expect(response.bodyText).toBe(JSON_BODY);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(seen[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
    });
  }

  test('an empty gzip-labelled 204 is an empty body, not a decoding error', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(204, { 'Content-Encoding': 'gzip' });
      res.end();
    });
    expect(responseOf(await transport().send(get(`${base}/`))).bodyText).toBe('');
  });

  test("the caller's own Accept-Encoding is sent instead of ours", async () => {
    const { base, seen } = await serve((_req, res) => res.end('plain'));
    await transport().send(get(`${base}/`, { 'Accept-Encoding': 'identity' }));
    expect(seen[0]?.headers['accept-encoding']).toBe('identity');
  });

  test('a chunked body arriving in pieces is read whole', async () => {
    const pieces = ['{"a":', '"Zo', 'ë"', ',"b":2}'];
    const { base } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      let index = 0;
      const next = () => {
        const piece = pieces[index++];
        if (piece === undefined) return res.end();
        res.write(piece);
        setTimeout(next, 20);
      };
      next();
    });
    const response = responseOf(await transport().send(get(`${base}/`)));
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.bodyText).toBe(pieces.join(''));
  });

  const methods: { method: string; body?: string }[] = [
    { method: 'GET' },
    { method: 'TRACE' },
    { method: 'DELETE' },
    { method: 'POST', body: JSON.stringify({ id: 'usr_1' }) },
  ];
  for (const { method, body } of methods) {
    test(`a ${method} request is sent as given: method, path, query, headers${body ? ', body' : ''}`, async () => {
      let received = '';
      const { base, seen } = await serve((req, res) => {
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => {
          received += chunk;
        });
        req.on('end', () => res.end());
      });
      const headers = { 'Content-Type': 'application/json', 'X-Trace': 'one' };
      const result = await transport().send({ method, url: `${base}/users/a%20b?x=1`, headers, body });
      expect(responseOf(result).status).toBe(200);
      expect(seen[0]).toMatchObject({ method, url: '/users/a%20b?x=1' });
      expect(seen[0]?.headers).toMatchObject({ 'content-type': 'application/json', 'x-trace': 'one' });
      expect(received).toBe(body ?? '');
    });
  }

  const undecodable: { name: string; encoding: string; bytes: Buffer }[] = [
    { name: 'a corrupt gzip body', encoding: 'gzip', bytes: Buffer.from('not gzip at all') },
    { name: 'a coding we did not offer', encoding: 'zstd', bytes: Buffer.from('whatever') },
  ];
  for (const { name, encoding, bytes } of undecodable) {
    test(`${name} is an error that keeps the status and headers`, async () => {
      const { base } = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Encoding': encoding });
        res.end(bytes);
      });
      const result = errorOf(await transport().send(get(`${base}/`)));
      expect(result.error.kind).toBe('other');
      expect(result.error.message).toMatch(/^body could not be decoded \(.+\)$/);
      expect(result.partial).toMatchObject({ status: 200, headers: { 'content-encoding': encoding } });
    });
  }
});

test.describe('isolation', () => {
  test('a cookie set by one exchange never reaches the next', async () => {
    const { base, seen } = await serve((_req, res) => {
      res.writeHead(200, { 'Set-Cookie': 'session=abc; Path=/' });
      res.end('{}');
    });
    const client = transport();
    await client.send(get(`${base}/cookie`));
    await client.send(get(`${base}/cookie`));
    expect(seen.map((request) => request.headers.cookie)).toEqual([undefined, undefined]);
  });

  test('redirects are returned, never followed (the credential stays on this host)', async () => {
    const { base, seen } = await serve((req, res) => {
      res.writeHead(req.url === '/redirect' ? 302 : 200, { Location: '/landed' });
      res.end();
    });
    const response = responseOf(
      await transport().send(get(`${base}/redirect`, { Authorization: `Bearer ${KEY}` })),
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/landed');
    expect(seen.map((request) => request.url)).toEqual(['/redirect']);
  });

  test('connections are kept alive and reused between exchanges', async () => {
    const { base, seen } = await serve((_req, res) => res.end('ok'));
    const client = transport();
    for (let i = 0; i < 6; i++) await client.send(get(`${base}/`));
    // undici frees a connection just after the response resolves, so back-to-back sends alternate two.
    expect(new Set(seen.map((request) => request.remotePort)).size).toBeLessThanOrEqual(2);
  });

  test('send after close is a bug and throws', async () => {
    const client = createTransport({ timeoutMs: 300, maxBodyBytes: MB });
    await client.close();
    await expect(client.send(get('http://127.0.0.1:9/'))).rejects.toThrow(/after close/);
  });
});

test.describe('bounds and failures', () => {
  test('a silent server ends in a timeout within timeoutMs, without the key in the message', async () => {
    const { base } = await serve(() => {});
    const started = Date.now();
    const result = errorOf(await transport({ timeoutMs: 300 }).send(get(`${base}/`, { 'X-API-Key': KEY })));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.error).toEqual({ kind: 'timeout', message: 'no response within 300 ms' });
    expect(result.partial).toBeUndefined();
  });

  test('a TLS handshake that never completes is a timeout within timeoutMs', async () => {
    const server = createNetServer((socket) => socket.resume());
    const port = await listen(server);
    cleanups.push(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const started = Date.now();
    const result = errorOf(await transport({ timeoutMs: 300 }).send(get(`https://127.0.0.1:${port}/`)));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.error.kind).toBe('timeout');
    expect(result.error.message).toMatch(
      /^(no response within 300 ms|no connection to 127\.0\.0\.1:\d+ within 300 ms)$/,
    );
  });

  test('a body trickling one byte at a time is bounded by timeoutMs overall', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      const timer = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const result = errorOf(await transport({ timeoutMs: 300 }).send(get(`${base}/`)));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.error.kind).toBe('timeout');
    expect(result.error.message).toMatch(/^body not complete within 300 ms \(after \d+ of 100 body bytes\)$/);
    expect(result.partial?.status).toBe(200);
  });

  test('a closed port is a connection error naming host and port, without the key', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const result = errorOf(await transport().send(get(`http://127.0.0.1:${port}/x`, { 'X-API-Key': KEY })));
    expect(result.error).toEqual({
      kind: 'connection',
      message: `connection refused by 127.0.0.1:${port} (ECONNREFUSED)`,
    });
  });

  const cutOffs: { name: string; cut: (res: ServerResponse) => void; message: RegExp }[] = [
    {
      name: 'reset (RST)',
      cut: (res) => res.socket?.resetAndDestroy(),
      message:
        /^connection (reset|closed by the server) after 512 of 1024 body bytes \((ECONNRESET|UND_ERR_SOCKET)\)$/,
    },
    {
      name: 'closed (FIN)',
      cut: (res) => res.socket?.end(),
      message: /^connection closed by the server after 512 of 1024 body bytes \(UND_ERR_SOCKET\)$/,
    },
  ];
  for (const { name, cut, message } of cutOffs) {
    test(`a connection ${name} mid-body is a connection error saying how far the body got`, async () => {
      const { base } = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Length': '1024' });
        res.write(Buffer.alloc(512, 'a'), () => setTimeout(() => cut(res), 50));
      });
      const result = errorOf(await transport().send(get(`${base}/`)));
      expect(result.error.kind).toBe('connection');
      expect(result.error.message).toMatch(message);
      expect(result.partial?.status).toBe(200);
    });
  }

  test('an answer that is not HTTP is a connection error', async () => {
    const server = createNetServer((socket) => {
      socket.resume(); // reads the client's close, so the server can close too
      socket.end('HELLO THERE\r\n\r\n');
    });
    const port = await listen(server);
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const result = errorOf(await transport().send(get(`http://127.0.0.1:${port}/`)));
    expect(result.error.kind).toBe('connection');
    expect(result.error.message).toMatch(/^the response is not valid HTTP\/1\.1 \(.+\)$/);
  });

  test('an endless body stops at the cap: the server is made to stop writing, long before the timeout', async () => {
    let written = 0;
    let stopped!: () => void;
    const serverStopped = new Promise<void>((resolve) => {
      stopped = resolve;
    });
    const { base } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 'z');
      const pump = () => {
        while (!res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
      };
      res.on('close', stopped);
      pump();
    });
    const started = Date.now();
    const result = errorOf(await transport({ maxBodyBytes: MB, timeoutMs: 20_000 }).send(get(`${base}/`)));
    expect(result.error).toEqual({
      kind: 'body-too-large',
      message: 'body exceeds 1 MB (1048576 bytes); reading stopped',
    });
    expect(result.partial?.status).toBe(200);
    const within = await Promise.race([
      serverStopped.then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 3000)),
    ]);
    expect(within).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    // What the server managed to write is the cap plus socket buffers, not an unbounded stream.
    expect(written).toBeLessThan(16 * MB);
  });

  test('a compression bomb stops at the cap on decoded bytes', async () => {
    const bomb = gzipSync(Buffer.alloc(32 * MB));
    expect(bomb.length).toBeLessThan(MB);
    const { base } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(bomb);
    });
    const before = process.memoryUsage().arrayBuffers;
    const result = errorOf(await transport({ maxBodyBytes: MB }).send(get(`${base}/`)));
    expect(result.error.kind).toBe('body-too-large');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * MB);
  });

  test('a cap that is not a whole number of MB is stated in bytes', async () => {
    const { base } = await serve((_req, res) => res.end('x'.repeat(2000)));
    const result = errorOf(await transport({ maxBodyBytes: 1000 }).send(get(`${base}/`)));
    expect(result.error).toEqual({
      kind: 'body-too-large',
      message: 'body exceeds 1000 bytes; reading stopped',
    });
  });
});

test.describe('TLS', () => {
  let ca: ThrowawayCa;
  const pem: Record<string, string> = {};

  /** A throwaway CA, server certificates signed by it (good, wrong name, expired) and a client certificate. */
  test.beforeAll(() => {
    ca = createThrowawayCa('transport-tls');
    ca.issue('server', LOCAL_SERVER_EXTENSIONS);
    ca.issue('elsewhere', 'subjectAltName=DNS:elsewhere.test\nextendedKeyUsage=serverAuth\n');
    ca.issue('expired', LOCAL_SERVER_EXTENSIONS, -1);
    ca.issue('client', CLIENT_EXTENSIONS);
    ca.encryptKey('client', 'client-pass');
    for (const name of ['ca', 'server', 'elsewhere', 'expired', 'client']) {
      pem[`${name}.crt`] = ca.pem(`${name}.crt`);
      pem[`${name}.key`] = ca.pem(`${name}.key`);
    }
    pem['client-enc.key'] = ca.pem('client-enc.key');
  });

  test.afterAll(() => ca.remove());

  function httpsServer(name: string, mutual: boolean) {
    const options: ServerOptions = {
      cert: pem[`${name}.crt`],
      key: pem[`${name}.key`],
      ...(mutual ? { requestCert: true, rejectUnauthorized: true, ca: pem['ca.crt'] } : {}),
    };
    return serve(
      (_req, res) => res.end('secure'),
      (listener) => createHttpsServer(options, listener),
      'https',
    );
  }

  const cases: {
    name: string;
    server: string;
    mutual?: boolean;
    tls: () => TransportOptions['tls'];
    outcome: { bodyText: string } | { kind: string; message: RegExp };
  }[] = [
    {
      name: 'trusted through CA_CERT',
      server: 'server',
      tls: () => ({ ca: pem['ca.crt'] }),
      outcome: { bodyText: 'secure' },
    },
    {
      name: 'untrusted without CA_CERT',
      server: 'server',
      tls: () => undefined,
      outcome: {
        kind: 'tls',
        message: /^TLS: the server's certificate is not trusted \(\w+\); set CA_CERT to a PEM file/,
      },
    },
    {
      name: 'untrusted with a CA_CERT of another issuer',
      server: 'server',
      tls: () => ({ ca: pem['client.crt'] }),
      outcome: { kind: 'tls', message: /not trusted \(\w+\); CA_CERT is set but holds no CA that signed it/ },
    },
    {
      name: 'issued for another host name',
      server: 'elsewhere',
      tls: () => ({ ca: pem['ca.crt'] }),
      outcome: { kind: 'tls', message: /does not name 127\.0\.0\.1 \(ERR_TLS_CERT_ALTNAME_INVALID\)/ },
    },
    {
      name: 'expired',
      server: 'expired',
      tls: () => ({ ca: pem['ca.crt'] }),
      outcome: { kind: 'tls', message: /has expired \(CERT_HAS_EXPIRED\)/ },
    },
    {
      name: 'mutual TLS with CLIENT_CERT and CLIENT_KEY',
      server: 'server',
      mutual: true,
      tls: () => ({ ca: pem['ca.crt'], cert: pem['client.crt'], key: pem['client.key'] }),
      outcome: { bodyText: 'secure' },
    },
    {
      name: 'mutual TLS with an encrypted CLIENT_KEY and its passphrase',
      server: 'server',
      mutual: true,
      tls: () => ({
        ca: pem['ca.crt'],
        cert: pem['client.crt'],
        key: pem['client-enc.key'],
        passphrase: 'client-pass',
      }),
      outcome: { bodyText: 'secure' },
    },
    {
      name: 'mutual TLS without a client certificate',
      server: 'server',
      mutual: true,
      tls: () => ({ ca: pem['ca.crt'] }),
      outcome: {
        kind: 'tls',
        message: /^TLS: the server refused the client certificate.*set CLIENT_CERT and CLIENT_KEY/,
      },
    },
    {
      name: 'mutual TLS with a wrong passphrase',
      server: 'server',
      mutual: true,
      tls: () => ({
        ca: pem['ca.crt'],
        cert: pem['client.crt'],
        key: pem['client-enc.key'],
        passphrase: 'wrong',
      }),
      outcome: {
        kind: 'tls',
        message: /^TLS: CLIENT_KEY could not be decrypted with CLIENT_KEY_PASSPHRASE \(\w+\)$/,
      },
    },
  ];
  for (const { name, server, mutual, tls, outcome } of cases) {
    test(`TLS: ${name}`, async () => {
      const { base, seen } = await httpsServer(server, mutual ?? false);
      const options = tls();
      const result = await transport({ timeoutMs: 3000, ...(options ? { tls: options } : {}) }).send(
        get(`${base}/`, { Authorization: `Bearer ${KEY}` }),
      );
      if ('bodyText' in outcome) {
        expect(responseOf(result).bodyText).toBe(outcome.bodyText);
        expect(seen).toHaveLength(1);
      } else {
        const { error } = errorOf(result);
        expect(error.kind).toBe(outcome.kind);
        expect(error.message).toMatch(outcome.message);
        expect(error.message).not.toContain(KEY);
        expect(seen).toHaveLength(0);
      }
    });
  }

  const unusable: { name: string; tls: () => TransportOptions['tls']; message: RegExp }[] = [
    {
      name: 'a CA_CERT without certificates',
      tls: () => ({ ca: 'not a pem' }),
      message: /^TLS: CA_CERT holds no PEM/,
    },
    {
      name: 'a CLIENT_CERT without CLIENT_KEY',
      tls: () => ({ cert: pem['client.crt'] }),
      message: /^TLS: CLIENT_KEY is not set/,
    },
    {
      name: 'a CLIENT_CERT that is not PEM',
      tls: () => ({ cert: 'nope', key: pem['client.key'] }),
      message: /^TLS: CLIENT_CERT is not a usable PEM certificate \(\w+\)$/,
    },
    {
      name: 'a CLIENT_KEY that is not PEM',
      tls: () => ({ cert: pem['client.crt'], key: 'nope' }),
      message: /^TLS: CLIENT_KEY is not a usable PEM private key \(\w+\)$/,
    },
    {
      name: 'an encrypted CLIENT_KEY without passphrase',
      tls: () => ({ cert: pem['client.crt'], key: pem['client-enc.key'] }),
      message: /^TLS: CLIENT_KEY is encrypted; set CLIENT_KEY_PASSPHRASE to its passphrase$/,
    },
    {
      name: 'a CLIENT_KEY of another certificate',
      tls: () => ({ cert: pem['client.crt'], key: pem['server.key'] }),
      message: /^TLS: CLIENT_KEY is not the key of CLIENT_CERT \(\w+\)$/,
    },
  ];
  for (const { name, tls, message } of unusable) {
    test(`${name} is a TLS error naming the setting, before any connection`, async () => {
      const { base, seen } = await httpsServer('server', false);
      const result = errorOf(await transport({ tls: tls() }).send(get(`${base}/`)));
      expect(result.error.kind).toBe('tls');
      expect(result.error.message).toMatch(message);
      expect(seen).toHaveLength(0);
    });
  }
});

test.describe('rate limits', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  const table: {
    name: string;
    status: number;
    retryAfter?: string;
    expected: number | undefined;
  }[] = [
    { name: '429 with delta-seconds', status: 429, retryAfter: '2', expected: 2000 },
    {
      name: '429 with an HTTP-date',
      status: 429,
      retryAfter: 'Wed, 01 Jan 2025 00:00:03 GMT',
      expected: 3000,
    },
    {
      name: '429 with a past HTTP-date',
      status: 429,
      retryAfter: 'Tue, 31 Dec 2024 23:59:00 GMT',
      expected: 0,
    },
    { name: '429 without Retry-After', status: 429, expected: 1000 },
    { name: '429 with an unreadable Retry-After', status: 429, retryAfter: 'soon', expected: 1000 },
    { name: '429 with a negative Retry-After', status: 429, retryAfter: '-5', expected: 1000 },
    // Uncapped: the caller decides what a wait longer than REQUEST_TIMEOUT_MS means.
    { name: '429 asking two minutes', status: 429, retryAfter: '120', expected: 120_000 },
    {
      name: '429 with an HTTP-date an hour ahead',
      status: 429,
      retryAfter: 'Wed, 01 Jan 2025 01:00:00 GMT',
      expected: 3_600_000,
    },
    { name: '503 with delta-seconds', status: 503, retryAfter: '1', expected: 1000 },
    { name: '503 without Retry-After', status: 503, expected: undefined },
    { name: '200 with Retry-After', status: 200, retryAfter: '5', expected: undefined },
    { name: '500 without Retry-After', status: 500, expected: undefined },
  ];
  for (const { name, status, retryAfter, expected } of table) {
    test(`retryAfterMs: ${name} → ${expected}`, () => {
      const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
      expect(retryAfterMs({ status, headers }, now)).toBe(expected);
    });
  }

  /** A server whose n-th answer (from 0) is `answers[n]`, the last one repeated; arrival times kept. */
  async function answering(answers: { status: number; retryAfter?: string }[]) {
    const arrivals: number[] = [];
    const served = await serve((_req, res) => {
      arrivals.push(Date.now());
      const answer = answers[Math.min(arrivals.length, answers.length) - 1] as (typeof answers)[number];
      res.writeHead(
        answer.status,
        answer.retryAfter === undefined ? {} : { 'Retry-After': answer.retryAfter },
      );
      res.end(answer.status === 200 ? 'ok' : 'slow down');
    });
    return { ...served, arrivals };
  }

  test('a 429 with Retry-After: 0 is repeated at once, then succeeds', async () => {
    const { base, seen } = await answering([{ status: 429, retryAfter: '0' }, { status: 200 }]);
    const { result, rateLimit } = await sendHonouringRateLimit(transport(), get(`${base}/`), 1000);
    expect(responseOf(result)).toMatchObject({ status: 200, bodyText: 'ok' });
    expect(rateLimit).toEqual({
      status: 429,
      askedMs: 0,
      waitedMs: 0,
      repeated: true,
      capMs: 1000,
      persisted: false,
    });
    expect(seen).toHaveLength(2);
  });

  test('a 429 asking a wait within the cap is waited out, repeated once, and holds a concurrent request', async () => {
    const { base, seen, arrivals } = await answering([{ status: 429, retryAfter: '1' }, { status: 200 }]);
    const shared = transport();
    const first = sendHonouringRateLimit(shared, get(`${base}/a`), 1500);
    await expect.poll(() => seen.length, { timeout: 2000, intervals: [10] }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Sent after the 429 arrived: it waits out the same hold, though it was never answered 429 itself.
    const second = await sendHonouringRateLimit(shared, get(`${base}/b`), 1500);
    const { result, rateLimit } = await first;
    expect(responseOf(result).status).toBe(200);
    expect(responseOf(second.result).status).toBe(200);
    expect(rateLimit).toMatchObject({ status: 429, askedMs: 1000, repeated: true, persisted: false });
    expect(rateLimit?.waitedMs).toBeGreaterThanOrEqual(950);
    expect(second.rateLimit).toBeUndefined();
    expect(seen.map((s) => s.url).sort()).toEqual(['/a', '/a', '/b']);
    const [limitedAt = 0, ...later] = arrivals;
    for (const at of later) expect(at - limitedAt).toBeGreaterThanOrEqual(950);
  });

  test('a 429 asking longer than the cap is not repeated, and no later request reaches the origin until then', async () => {
    const { base, seen } = await answering([{ status: 429, retryAfter: '1' }, { status: 200 }]);
    const other = await answering([{ status: 200 }]);
    const shared = transport();
    const started = Date.now();
    const { result, rateLimit } = await sendHonouringRateLimit(shared, get(`${base}/a`), 200);
    expect(Date.now() - started, 'no wait: the request is not repeated').toBeLessThan(500);
    expect(responseOf(result).status).toBe(429);
    expect(rateLimit).toEqual({
      status: 429,
      askedMs: 1000,
      waitedMs: 0,
      repeated: false,
      capMs: 200,
      persisted: true,
    });
    expect(seen).toHaveLength(1);

    const held = await sendHonouringRateLimit(shared, get(`${base}/b`), 200);
    expect(held.result).toBeUndefined();
    expect(held.rateLimit).toMatchObject({ status: 429, notSent: true, persisted: true, repeated: false });
    expect(held.rateLimit?.askedMs).toBeGreaterThan(200);
    expect(held.rateLimit?.askedMs).toBeLessThanOrEqual(1000);
    expect(seen, 'the held request was not sent').toHaveLength(1);

    // The hold is per origin and per transport.
    const elsewhere = await sendHonouringRateLimit(shared, get(`${other.base}/`), 200);
    expect(responseOf(elsewhere.result).status).toBe(200);
    const fresh = await sendHonouringRateLimit(transport(), get(`${base}/c`), 200);
    expect(responseOf(fresh.result).status).toBe(200);
    expect(seen).toHaveLength(2);

    // Within the cap of the hold's end, a request waits for it and is sent.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - started) - 150)));
    const after = await sendHonouringRateLimit(shared, get(`${base}/d`), 200);
    expect(responseOf(after.result).status).toBe(200);
    expect(after.rateLimit).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen.map((s) => s.url)).toEqual(['/a', '/c', '/d']);
  });

  test('a repeat answered 429 again is not repeated further, and holds the origin', async () => {
    const { base, seen } = await answering([
      { status: 429, retryAfter: '0' },
      { status: 429, retryAfter: '1' },
      { status: 200 },
    ]);
    const shared = transport();
    const { result, rateLimit } = await sendHonouringRateLimit(shared, get(`${base}/`), 200);
    expect(responseOf(result).status).toBe(429);
    expect(rateLimit).toEqual({
      status: 429,
      askedMs: 1000,
      waitedMs: 0,
      repeated: true,
      capMs: 200,
      persisted: true,
    });
    expect(seen).toHaveLength(2);
    const next = await sendHonouringRateLimit(shared, get(`${base}/`), 200);
    expect(next.rateLimit?.notSent).toBe(true);
    expect(seen).toHaveLength(2);
  });

  test('a 503 with Retry-After holds the origin like a 429', async () => {
    const { base, seen } = await answering([{ status: 503, retryAfter: '1' }, { status: 200 }]);
    const shared = transport();
    const { rateLimit } = await sendHonouringRateLimit(shared, get(`${base}/`), 200);
    expect(rateLimit).toMatchObject({ status: 503, askedMs: 1000, repeated: false, persisted: true });
    const next = await sendHonouringRateLimit(shared, get(`${base}/`), 200);
    expect(next.rateLimit).toMatchObject({ status: 503, notSent: true });
    expect(seen).toHaveLength(1);
  });

  test('an answer that is not a rate limit is returned as is, sent once', async () => {
    const { base, seen } = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const { result, rateLimit } = await sendHonouringRateLimit(transport(), get(`${base}/`), 50);
    expect(responseOf(result).status).toBe(503);
    expect(rateLimit).toBeUndefined();
    expect(seen).toHaveLength(1);
  });
});
