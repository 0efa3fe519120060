/**
 * The preflight (is anybody answering where the contract lives?): HEAD to each selected contract's
 * operation path without credential, in turn, until any HTTP answer; a failure of the host itself
 * (refused, not found, TLS) ends it at once. The root is never asked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { loadSettings } from '../../../engine/config';
import { type LoadedContract, loadContracts } from '../../../engine/contract-loader';
import { deadReason, deadTargetReason, isHostLevel, preflightRequest } from '../../../engine/discovery';
import { resolveTarget } from '../../../engine/target';
import {
  createTransport,
  type OutgoingRequest,
  type Transport,
  type TransportError,
  type TransportResult,
} from '../../../engine/transport';

const contracts = loadContracts();
const contractNamed = (name: string): LoadedContract => {
  const contract = contracts.find((c) => c.name === name);
  if (!contract) throw new Error(`contract ${name} missing`);
  return contract;
};

const BASE = 'http://127.0.0.1:9';
const targetOf = (contract: LoadedContract, env: Record<string, string>, baseUrl = BASE) =>
  resolveTarget(loadSettings({ REQUEST_TIMEOUT_MS: '500', ...env }), contract, baseUrl, undefined);

const head = (path: string, baseUrl = BASE): OutgoingRequest => ({
  method: 'HEAD',
  url: `${baseUrl}${path}`,
  headers: {},
});

const answered = (status: number): TransportResult => ({
  response: { status, statusText: '', headers: {}, bodyText: '', durationMs: 1 },
});
const failed = (kind: TransportError['kind'], message: string): TransportResult => ({
  error: { kind, message },
});

/** A transport answering each URL as scripted (an unscripted one fails the test); records what it sent. */
function scripted(answers: Record<string, TransportResult>): Transport & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(request) {
      sent.push(`${request.method} ${request.url}`);
      const answer = answers[request.url];
      if (!answer) throw new Error(`unscripted request ${request.url}`);
      return answer;
    },
    async close() {},
  };
}

test.describe('preflightRequest', () => {
  test("HEAD to the contract's path with USER_ID in the id slot, percent-encoded, without credential", () => {
    for (const contract of contracts) {
      const target = targetOf(contract, { API_KEY: 'sk_live/Ab+Cd9=xYz==', USER_ID: 'user 1/x' });
      const request = preflightRequest(contract, target);
      const path = contract.path.replace(`{${contract.idParameter}}`, 'user%201%2Fx');
      expect(request, contract.name).toEqual({ method: 'HEAD', url: `${BASE}${path}`, headers: {} });
    }
  });

  test("without USER_ID, the contract's unknown id fills the slot: never an empty segment", () => {
    const credira = contractNamed('credira');
    const request = preflightRequest(credira, targetOf(credira, {}));
    expect(request.url).toBe(`${BASE}/v1/users/${encodeURIComponent(credira.ids.unknown)}`);
  });
});

test.describe('deadTargetReason', () => {
  const credira = head('/v1/users/u1');
  const delos = head('/v2/user/u1');
  const aitronos = head('/v1/user/u1');

  test('no answer at the first path, any status at another: alive; the others asked at once, once each', async () => {
    const transport = scripted({
      [credira.url]: failed(
        'connection',
        'connection closed by the server before the response headers (UND_ERR_SOCKET)',
      ),
      [delos.url]: answered(404),
      [aitronos.url]: failed('timeout', 'Timeout 500ms exceeded'),
    });
    expect(await deadTargetReason([credira, delos, aitronos], transport, 500)).toBeUndefined();
    expect(transport.sent).toEqual([`HEAD ${credira.url}`, `HEAD ${delos.url}`, `HEAD ${aitronos.url}`]);
  });

  test('the other paths go out together: a silent target costs two timeouts, not one per contract', async () => {
    let inFlight = 0;
    let most = 0;
    const transport: Transport = {
      async send() {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 50));
        inFlight--;
        return failed('timeout', 'Timeout 50ms exceeded');
      },
      async close() {},
    };
    const reason = await deadTargetReason(
      [credira, delos, aitronos, head('/api/v1/users/u1')],
      transport,
      50,
    );
    expect(reason).toContain('did not answer within 50 ms');
    expect(reason).toContain('no answer either at 3 other contract paths');
    expect(most).toBe(3);
  });

  test('an answer at the first path: alive after one request', async () => {
    const transport = scripted({ [credira.url]: answered(405) });
    expect(await deadTargetReason([credira, delos], transport, 500)).toBeUndefined();
    expect(transport.sent).toEqual([`HEAD ${credira.url}`]);
  });

  test('headers then a broken body is an answer too', async () => {
    const transport = scripted({
      [credira.url]: {
        error: { kind: 'connection', message: 'connection reset after 3 of 10 body bytes (ECONNRESET)' },
        partial: { status: 200, headers: {} },
      },
    });
    expect(await deadTargetReason([credira, delos], transport, 500)).toBeUndefined();
    expect(transport.sent).toHaveLength(1);
  });

  test('no answer at any path: dead, each path asked once, the first failure the reason', async () => {
    const transport = scripted({
      [credira.url]: failed('timeout', 'no response within 500 ms'),
      [delos.url]: failed('connection', 'connection reset before the response headers (ECONNRESET)'),
      [aitronos.url]: failed('timeout', 'no response within 500 ms'),
    });
    expect(await deadTargetReason([credira, delos, aitronos], transport, 500)).toBe(
      `target did not answer within 500 ms (HEAD ${credira.url}); no answer either at 2 other contract paths`,
    );
    expect(transport.sent).toEqual([`HEAD ${credira.url}`, `HEAD ${delos.url}`, `HEAD ${aitronos.url}`]);
  });

  const HOST_FAILURES: [TransportError['kind'], string][] = [
    ['connection', 'connection refused by 127.0.0.1:9 (ECONNREFUSED)'],
    ['connection', 'host api.example.invalid not found (ENOTFOUND)'],
    ['connection', 'host api.example.invalid not found (EAI_AGAIN)'],
    ['connection', 'cannot reach 10.0.0.1:443 (EHOSTUNREACH)'],
    ['timeout', 'no connection to 10.0.0.1:443 within 500 ms'],
    ['tls', "TLS: the server's certificate is not trusted (SELF_SIGNED_CERT_IN_CHAIN); set CA_CERT"],
  ];
  for (const [kind, message] of HOST_FAILURES) {
    test(`a failure of the host ends the preflight at once: ${message}`, async () => {
      const transport = scripted({ [credira.url]: failed(kind, message) });
      const reason = await deadTargetReason([credira, delos, aitronos], transport, 500);
      expect(transport.sent).toEqual([`HEAD ${credira.url}`]);
      expect(reason).toBe(
        kind === 'timeout'
          ? `target did not answer within 500 ms (HEAD ${credira.url})`
          : `target unreachable: ${message}`,
      );
    });
  }

  test('nothing to ask: not declared dead', async () => {
    expect(await deadTargetReason([], scripted({}), 500)).toBeUndefined();
  });
});

test.describe('isHostLevel and deadReason', () => {
  test('failures after the connection was made are the path’s, not the host’s', () => {
    for (const message of [
      'no response within 500 ms',
      'connection closed by the server before the response headers (UND_ERR_SOCKET)',
      'connection reset before the response headers (ECONNRESET)',
      'the response is not valid HTTP/1.1 (HPE_INVALID_CONSTANT: Expected HTTP/)',
    ]) {
      expect(
        isHostLevel({ kind: message.startsWith('no response') ? 'timeout' : 'connection', message }),
      ).toBe(false);
    }
  });

  test('a path-level failure says where it happened; one other path is said in the singular', () => {
    const failure = {
      error: { kind: 'connection' as const, message: 'connection closed by the server (UND_ERR_SOCKET)' },
      request: head('/v1/users/u1'),
    };
    expect(deadReason(failure, 1, 500)).toBe(
      `target unreachable: connection closed by the server (UND_ERR_SOCKET) (HEAD ${BASE}/v1/users/u1); no answer either at 1 other contract path`,
    );
  });
});

test.describe('deadTargetReason over real sockets', () => {
  const servers: Server[] = [];
  test.afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test('a root that resets every connection says nothing: the contract path answers, alive', async () => {
    const seen: string[] = [];
    const base = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (!req.url?.startsWith('/v1/')) {
        req.socket.destroy();
        return;
      }
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{}');
    });
    const credira = contractNamed('credira');
    const transport = createTransport({ timeoutMs: 500, maxBodyBytes: 1024 });
    try {
      const request = preflightRequest(credira, targetOf(credira, { USER_ID: 'u1' }, base));
      expect(await deadTargetReason([request], transport, 500)).toBeUndefined();
    } finally {
      await transport.close();
    }
    expect(seen).toEqual(['HEAD /v1/users/u1']);
  });

  test('a closed port: one request for all selected contracts, refused', async () => {
    const base = await closedPort();
    const transport = createTransport({ timeoutMs: 500, maxBodyBytes: 1024 });
    const sent: string[] = [];
    const counting: Transport = {
      send: (request) => {
        sent.push(request.url);
        return transport.send(request);
      },
      close: () => transport.close(),
    };
    try {
      const requests = contracts.map((c) => preflightRequest(c, targetOf(c, { USER_ID: 'u1' }, base)));
      const reason = await deadTargetReason(requests, counting, 500);
      expect(reason).toMatch(/^target unreachable: connection refused by 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
    } finally {
      await counting.close();
    }
    expect(sent).toHaveLength(1);
  });

  /** A base URL where nothing listens: a port the system gave and took back. */
  async function closedPort(): Promise<string> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return `http://127.0.0.1:${port}`;
  }
});
