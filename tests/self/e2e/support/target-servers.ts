/**
 * Targets that behave like real deployments, for the e2e tests of "real targets": the reference
 * wrapped by servers of the test's own (https, mutual TLS, rate limits), single-vendor APIs whose
 * unknown routes get a web framework's 404, and an endless body. All listen on 127.0.0.1, port 0,
 * record what they receive, and close in bounded time.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import fixtures from '../../../../reference/fixtures.json';
import { sendFrameworkNotFound } from '../../../../reference/pipeline.js';
import { createReferenceHandler } from '../../../../reference/server.js';
import { contractRoutes, routeFor } from './contract-routes';
import type { Handler } from './local-servers';

type Fixtures = typeof fixtures;
type ContractName = keyof Fixtures;

/** The reference's request handler: every dialect, or only `dialect`'s route (others: a framework's HTML 404). */
export function referenceHandler(
  options: { dialect?: ContractName; variant?: string; fixtures?: Fixtures } = {},
): Handler {
  return createReferenceHandler(options);
}

/** Express's `Cannot GET /x` text/html 404 for every request: a server that speaks none of the contracts. */
export const htmlNotFoundEverywhere: Handler = (req, res) => {
  req.resume();
  sendFrameworkNotFound(req, res);
};

/**
 * One contract's route served by `handler`; every other path gets the JSON 404 of frameworks such as
 * NestJS (`{"statusCode":404,"message":"Cannot GET /x","error":"Not Found"}`), whose `error` string
 * looks like some contracts' error envelopes.
 */
export function jsonNotFoundOutside(contract: ContractName, handler: Handler): Handler {
  const routes = contractRoutes();
  return (req, res) => {
    if (routeFor(routes, req.url ?? '/')?.name === contract) {
      handler(req, res);
      return;
    }
    req.resume();
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = JSON.stringify({
      statusCode: 404,
      message: `Cannot ${req.method} ${path}`,
      error: 'Not Found',
    });
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  };
}

/**
 * Fixtures where `to` accepts the key and existing user of `from` (as one account on a target serving
 * both dialects would): one API_KEY and USER_ID then suit both contracts.
 */
export function fixturesSharingIdentity(from: ContractName, to: ContractName): Fixtures {
  const copy = structuredClone(fixtures) as Fixtures;
  const source = copy[from];
  const target = copy[to];
  const users = target.users as Record<string, unknown>[];
  const idField = Object.keys(users[0] ?? {}).find((field) => users[0]?.[field] === target.existingUserId);
  const user = users.find((u) => idField !== undefined && u[idField] === target.existingUserId);
  if (!idField || !user) throw new Error(`fixtures of ${to}: no user record holds its existingUserId`);
  user[idField] = source.existingUserId;
  target.existingUserId = source.existingUserId;
  target.apiKey = source.apiKey;
  return copy;
}

const RATE_LIMIT_BODY = JSON.stringify({ error: 'Too Many Requests' });

function sendRateLimited(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
  res.end(RATE_LIMIT_BODY);
}

/** The request's identity for a rate limiter: method, path and credential. */
function requestKey(req: IncomingMessage): string {
  const credential = req.headers.authorization ?? req.headers['x-api-key'] ?? '';
  return `${req.method} ${req.url} ${String(credential)}`;
}

/**
 * 429 with `Retry-After: 1` to the first request of each distinct method + path + credential, then
 * `handler`'s answer: a client that waits and repeats once is served.
 */
export function rateLimitedOnce(handler: Handler): Handler & { limited: () => number } {
  const seen = new Set<string>();
  const wrapped: Handler = (req, res) => {
    const key = requestKey(req);
    if (seen.has(key)) {
      handler(req, res);
      return;
    }
    seen.add(key);
    sendRateLimited(req, res);
  };
  return Object.assign(wrapped, { limited: () => seen.size });
}

/** 429 with `Retry-After: 1` to every request. */
export const alwaysRateLimited: Handler = sendRateLimited;

const ENDLESS_CHUNK = Buffer.from(`[${'{"id":"user_1","name":"again"},'.repeat(2048)}`.slice(0, 64 * 1024));

/**
 * A 200 `application/json` body that never ends (no Content-Length, chunked): written as fast as the
 * client reads, until the client goes away. `sentBytes` counts what left the server.
 */
export function endlessBody(): { handler: Handler; sentBytes: () => number } {
  let sent = 0;
  const handler: Handler = (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const pump = () => {
      if (res.destroyed || res.writableEnded) return;
      sent += ENDLESS_CHUNK.length;
      // Never a synchronous loop: the next chunk waits for the socket (or the next turn).
      if (res.write(ENDLESS_CHUNK)) setImmediate(pump);
      else res.once('drain', pump);
    };
    pump();
  };
  return { handler, sentBytes: () => sent };
}
