/**
 * Small HTTP servers of the e2e tests' own, in the test's process, on 127.0.0.1 and a free port:
 * they record every request they get, and `close()` drops their open connections and is bounded
 * (a server that never answers must not keep a test waiting).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface LocalServer {
  baseUrl: string;
  port: number;
  /** Every request that arrived, in order (recorded before the handler runs). */
  requests: SeenRequest[];
  close: () => Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const CLOSE_TIMEOUT_MS = 3000;

/** An http server, or with `tls` (cert, key, and for mutual TLS requestCert, ca) an https one. */
export async function startLocalServer(handler: Handler, tls?: ServerOptions): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const listener: Handler = (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    try {
      handler(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`test server error: ${(error as Error).message}`);
    }
  };
  const server = tls ? createHttpsServer(tls, listener) : createServer(listener);
  // A refused handshake (no or wrong client certificate, untrusted server) is the client's to report.
  if (tls) server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    baseUrl: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/**
 * A server that must get no request at all (a run that stops on bad configuration): it answers 500
 * so that a request, if one were made, could not pass for a success either.
 */
export function startCountingServer(): Promise<LocalServer> {
  return startLocalServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'counting server: this run should not have sent any request' }));
  });
}

/** A server that accepts connections and requests but never answers. */
export function startSilentServer(): Promise<LocalServer> {
  return startLocalServer(() => undefined);
}

/** One line per request, for assertion messages. */
export function describeRequests(requests: SeenRequest[]): string {
  if (requests.length === 0) return '(none)';
  return requests.map((r) => `  ${r.method} ${r.url}`).join('\n');
}
