/** engine/http.ts against a real local server: isolation, no redirects followed, redaction, bounded waits. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, request, test } from '@playwright/test';
import { send } from '../../../engine/http';
import { redactDeep } from '../../../engine/redact';

const KEY = 'sk_canary_http_0123456789';
let server: Server;
let base = '';
const seen: { url: string; cookie: string | undefined }[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', cookie: req.headers.cookie });
    if (req.url === '/cookie') {
      res.writeHead(200, { 'Set-Cookie': 'session=abc; Path=/', 'Content-Type': 'application/json' });
      res.end('{}');
    } else if (req.url === '/redirect') {
      res.writeHead(302, { Location: 'http://127.0.0.2:9/elsewhere' });
      res.end();
    } else if (req.url === '/echo') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ authorization: req.headers.authorization }));
    } else if (req.url === '/silent') {
      // Never answers; the client's timeout must end the wait.
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const newContext = () => request.newContext();
const options = { timeoutMs: 1000, secrets: [KEY] };

test('a cookie set by one exchange never reaches the next', async () => {
  await send(newContext, { method: 'GET', url: `${base}/cookie`, headers: {} }, options);
  await send(newContext, { method: 'GET', url: `${base}/cookie`, headers: {} }, options);
  const cookies = seen.filter((s) => s.url === '/cookie').map((s) => s.cookie);
  expect(cookies).toEqual([undefined, undefined]);
});

test('redirects are recorded, never followed (the credential stays on this host)', async () => {
  const exchange = await send(
    newContext,
    { method: 'GET', url: `${base}/redirect`, headers: { Authorization: `Bearer ${KEY}` } },
    options,
  );
  expect(exchange.response?.status).toBe(302);
  expect(exchange.response?.headers.location).toBe('http://127.0.0.2:9/elsewhere');
});

test('the request is recorded redacted; the response as received, and clean once records are redacted', async () => {
  const exchange = await send(
    newContext,
    { method: 'GET', url: `${base}/echo`, headers: { Authorization: `Bearer ${KEY}` } },
    options,
  );
  expect(exchange.request.headers.Authorization).toBe('[REDACTED]');
  // Checks judge what the server sent: a key occurring in a value must not alter it before they run.
  expect(exchange.response?.bodyText).toContain(KEY);
  const recorded = redactDeep(exchange, [KEY]);
  expect(JSON.stringify(recorded)).not.toContain(KEY);
  expect(recorded.response?.bodyText).toContain('[REDACTED]');
});

test('a silent server ends in a timeout transport error, without the key in its message', async () => {
  const started = Date.now();
  const exchange = await send(
    newContext,
    { method: 'GET', url: `${base}/silent`, headers: { Authorization: `Bearer ${KEY}` } },
    options,
  );
  expect(Date.now() - started).toBeLessThan(5000);
  expect(exchange.transportError?.kind).toBe('timeout');
  expect(exchange.transportError?.message).not.toContain(KEY);
});

test('a closed port is a connection error, without the key in its message', async () => {
  const exchange = await send(
    newContext,
    { method: 'GET', url: 'http://127.0.0.1:9/x', headers: { 'X-API-Key': KEY } },
    options,
  );
  expect(exchange.transportError?.kind).toBe('connection');
  expect(exchange.transportError?.message).toMatch(/ECONNREFUSED/);
  expect(exchange.transportError?.message).not.toContain(KEY);
});
