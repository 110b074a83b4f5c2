/**
 * A gateway for the HTTP layer's tests: the real server (createGatewayServer) over the checked-in
 * supergraph, whose subgraphs are a fetch that only counts what reaches it and answers empty data. A
 * refusal made by the HTTP layer or the operation limits leaves the count at zero.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UnauthenticatedError } from '@platform/identity';
import { loadGatewaySecret } from '@platform/keys/gatewaySecret';
import { loadVerificationKeys } from '@platform/keys/keyring';
import { createLogger } from '@platform/log';
import { MemoryStaleStore } from '../../gateway/src/fallback/staleStore';
import { DEFAULT_RESILIENCE } from '../../gateway/src/resilience/replicaPool';
import type { GatewayDependencies } from '../../gateway/src/gatewayDependencies';
import { createGatewayServer, type GatewayServer } from '../../gateway/src/server';

/** The token the fake verifier accepts for account `acct-a`, a viewer. */
export const GOOD_TOKEN = 'good-token';
/** The token the fake verifier accepts for `ana`, an analyst. */
export const ANALYST_TOKEN = 'analyst-token';

export interface TestGateway {
  server: GatewayServer;
  url: string;
  adminUrl: string;
  port: number;
  /** Fetches sent to any subgraph replica so far. */
  subgraphFetches(): number;
  /** Drains within `graceMs` (defaults to 100) and removes the keys. */
  stop(graceMs?: number): Promise<void>;
}

export async function startTestGateway(
  overrides: Pick<
    Partial<GatewayDependencies>,
    'http' | 'operationLimits' | 'production' | 'legacyApi' | 'loadShedding'
  > = {},
  /** How long each subgraph fetch takes. Defaults to 0. */
  subgraphDelayMs = 0,
): Promise<TestGateway> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-http-'));
  const keys = { kind: 'development', dir } as const;
  let fetches = 0;
  const url = (name: string) => [`http://127.0.0.1:1/${name}`];
  const deadline = Math.max(DEFAULT_RESILIENCE.timeoutMs, 4 * subgraphDelayMs);
  const resilience = {
    ...DEFAULT_RESILIENCE,
    maxAttempts: 1,
    timeoutMs: deadline,
    attemptTimeoutMs: deadline,
  };
  const server = createGatewayServer({
    subgraphUrls: {
      profiles: url('profiles'),
      entitlements: url('entitlements'),
      catalog: url('catalog'),
      playback: url('playback'),
      usage: url('usage'),
    },
    resilience: {
      profiles: resilience,
      entitlements: resilience,
      catalog: resilience,
      playback: resilience,
      usage: resilience,
    },
    fetch: async () => {
      fetches += 1;
      if (subgraphDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, subgraphDelayMs));
      return new Response(JSON.stringify({ data: {} }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    },
    subgraphClient: 'resilient',
    staleStore: new MemoryStaleStore(),
    verifyToken: async (token) => {
      if (token === ANALYST_TOKEN) return { subject: 'ana', roles: ['analyst'] };
      if (token !== GOOD_TOKEN) throw new UnauthenticatedError('bad token');
      return { subject: 'acct-a', roles: ['viewer'] };
    },
    gatewaySecret: await loadGatewaySecret(keys),
    manifestKeys: await loadVerificationKeys('manifest', keys),
    logger: createLogger('gateway', 'silent'),
    production: false,
    ...overrides,
  });
  const port = await server.start(0);
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    adminUrl: `http://127.0.0.1:${server.adminPort}`,
    subgraphFetches: () => fetches,
    async stop(graceMs = 100) {
      await server.stop({ graceMs });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What came back on a raw socket: the status line's code (0 if none) and whether the server closed it. */
export interface RawAnswer {
  status: number;
  text: string;
  closedByServer: boolean;
}

/**
 * Writes `head` (and then each of `trickle`, one per `everyMs`) on a new TCP connection and collects
 * the answer until the server closes the socket or `waitMs` passes. For what `fetch` cannot send: a
 * body announced and never sent, a body a byte at a time.
 */
export function rawRequest(
  port: number,
  head: string,
  options: { trickle?: string[]; everyMs?: number; waitMs?: number } = {},
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      clearInterval(timer);
      clearTimeout(deadline);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text, closedByServer });
    };
    const deadline = setTimeout(() => finish(false), options.waitMs ?? 5_000);
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.write(head);
    const pieces = [...(options.trickle ?? [])];
    if (pieces.length > 0) {
      timer = setInterval(() => {
        const piece = pieces.shift();
        if (piece === undefined) return clearInterval(timer);
        if (!socket.destroyed) socket.write(piece);
      }, options.everyMs ?? 100);
    }
  });
}
