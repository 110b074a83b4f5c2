/**
 * Stopping without dropping anything, with real processes: a subgraph on a free port, and a gateway
 * in front of a stack with one subgraph slowed by a TCP latency proxy. Each is signalled while a
 * request is in flight; the request still gets its answer, readiness says 503 meanwhile, the port
 * refuses new connections, and the process exits 0 within its grace. A supervised process whose
 * supervisor is gone (the IPC channel disconnects, even after SIGKILL) is gone within two seconds.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GATEWAY_CREDENTIAL_HEADER, GatewayCredentialIssuer } from '@contracts/gatewayCredential';
import { REPOSITORY_ROOT } from '@platform/env';
import { generateDevelopmentKeys } from '@platform/keys/development';
import { loadGatewaySecret } from '@platform/keys/gatewaySecret';
import { freePort } from '@platform/ports';
import { startLatencyProxy, type LatencyProxy } from '@testing/latencyProxy';
import { Seed } from '@testing/seed';
import { startTestStack, type TestStack } from '@testing/stack';

const CATALOG_ENTRY = 'subgraphs/catalog/src/index.ts';
const GATEWAY_ENTRY = 'gateway/src/index.ts';
/** The grace these tests give: far above the slow request, far below the default ten seconds. */
const GRACE_MS = 5_000;

const seed = new Seed()
  .subscriber('acct-a', 'PREMIUM')
  .profile('prof-a', 'acct-a')
  .title('t-1')
  .cdn('cdn-global');

const dir = mkdtempSync(path.join(tmpdir(), 'graceful-shutdown-'));
const keysDir = path.join(dir, 'keys');
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** When the exit was seen (Date.now()). */
  at: number;
}

interface ServiceProcess {
  child: ChildProcess;
  port: number;
  /** Every log line, parsed (services log one JSON object per line). */
  logs: Record<string, unknown>[];
  /** Resolves with the first log line whose `message` is `message`, already logged or not. */
  logged(message: string): Promise<Record<string, unknown>>;
  exited: Promise<Exit>;
}

/**
 * This process's environment without a database: the services here run on the embedded store seeded
 * from the test's own dataset, even when the run has a MongoDB (CI sets MONGODB_URI).
 */
const { MONGODB_URI: _database, ...embeddedStoreEnv } = process.env;

/** Starts one service process with its own environment and waits until it answers ready. */
async function startService(
  entry: string,
  env: NodeJS.ProcessEnv,
  port: number,
  stdio: StdioOptions = ['ignore', 'pipe', 'pipe'],
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPOSITORY_ROOT, entry)], {
    cwd: REPOSITORY_ROOT,
    env: { ...embeddedStoreEnv, NODE_ENV: 'test', LOG_LEVEL: 'info', KEYS_DIR: keysDir, ...env },
    stdio,
  });
  running.push(child);
  const logs: Record<string, unknown>[] = [];
  const waiters: { message: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const text of lines) {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        line = { message: text };
      }
      logs.push(line);
      for (const waiter of waiters.filter((candidate) => candidate.message === line.message)) {
        waiter.resolve(line);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const service: ServiceProcess = {
    child,
    port,
    logs,
    exited,
    logged: (message) =>
      new Promise((resolve) => {
        const seen = logs.find((line) => line.message === message);
        if (seen) resolve(seen);
        else waiters.push({ message, resolve });
      }),
  };
  await waitUntilReady(service);
  return service;
}

async function waitUntilReady(service: ServiceProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) {
      throw new Error(`exited with ${service.child.exitCode}: ${JSON.stringify(service.logs)}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/health/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`not ready within 30 s: ${JSON.stringify(service.logs)}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An HTTP/1.1 request on a connection of its own, written up to `splitAt` bytes now and the rest on
 * `finish()`: a request already on the wire when the service is told to stop.
 */
function heldRequest(port: number, request: string, splitAt: number) {
  const socket = net.connect(port, '127.0.0.1');
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(request.slice(0, splitAt));
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const response = new Promise<RawResponse | 'destroyed'>((resolve) => {
    socket.on('error', () => undefined);
    socket.once('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return resolve('destroyed');
      const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      const raw = text.slice(split + 4);
      const body = headers['transfer-encoding'] === 'chunked' ? dechunk(raw) : raw;
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body });
    });
  });
  return {
    connected,
    finish: () => socket.write(request.slice(splitAt)),
    response,
  };
}

/** The body of a `Transfer-Encoding: chunked` response. */
function dechunk(raw: string): string {
  let body = '';
  let rest = raw;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return body;
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

/** A readiness probe whose request is on the wire, all but its last empty line, before the signal. */
function heldReadinessProbe(port: number) {
  const probe = `GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`;
  return heldRequest(port, probe, probe.length - 2);
}

/**
 * Whether a new connection gets an answer. At the TCP level alone a connect made in the instant the
 * listener closes can still complete (the kernel's backlog), only to be reset: the request shows it.
 */
function answersNewConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/health/live', agent: false }, (response) => {
      response.resume();
      resolve(true);
    });
    request.once('error', () => resolve(false));
  });
}

/** Running, as opposed to gone or a zombie nobody reaped yet (as in a container without an init). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The body of an `_entities` request for title t-1: the credential is signed for these bytes. */
const ENTITIES_BODY = JSON.stringify({
  query: '{ _entities(representations: [{ __typename: "Title", id: "t-1" }]) { ... on Title { name } } }',
});

describe('stopping a subgraph', () => {
  let datasetFile: string;
  let credential: string;

  beforeAll(async () => {
    datasetFile = seed.writeTo(dir);
    await generateDevelopmentKeys(keysDir);
    const issuer = new GatewayCredentialIssuer(
      await loadGatewaySecret({ kind: 'development', dir: keysDir }),
    );
    credential = issuer
      .forSubgraph('catalog')
      .credentialFor({ accountId: null, country: 'US' }, ENTITIES_BODY);
  });

  async function startCatalog(env: NodeJS.ProcessEnv = {}, stdio?: StdioOptions) {
    const port = await freePort();
    return startService(
      CATALOG_ENTRY,
      { CATALOG_PORT: String(port), DATASET: datasetFile, SHUTDOWN_GRACE_MS: String(GRACE_MS), ...env },
      port,
      stdio,
    );
  }

  /** An `_entities` request for title t-1, as the gateway sends it. */
  function entitiesRequest(port: number): string {
    const body = ENTITIES_BODY;
    return [
      'POST /graphql HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Content-Type: application/json',
      `${GATEWAY_CREDENTIAL_HEADER}: ${credential}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');
  }

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'lets in-flight requests complete before exiting on %s, answering not ready and refusing connections meanwhile',
    async (signal) => {
      const catalog = await startCatalog();
      const request = entitiesRequest(catalog.port);
      // Headers and half the body sent: the subgraph is reading the request when the signal comes.
      const inFlight = heldRequest(catalog.port, request, request.length - 20);
      const probe = heldReadinessProbe(catalog.port);
      await Promise.all([inFlight.connected, probe.connected]);
      await sleep(100);

      const signalled = Date.now();
      catalog.child.kill(signal);
      await catalog.logged('draining');
      expect(await answersNewConnections(catalog.port)).toBe(false);
      probe.finish();
      await expect(probe.response).resolves.toMatchObject({
        status: 503,
        headers: { connection: 'close' },
        body: JSON.stringify({ status: 'stopping' }),
      });
      await sleep(300);
      inFlight.finish();

      const answered = await inFlight.response;
      expect(answered).toMatchObject({ status: 200, headers: { connection: 'close' } });
      expect(JSON.parse((answered as RawResponse).body)).toEqual({
        data: { _entities: [{ name: 'Title t-1' }] },
      });
      const exit = await catalog.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - signalled).toBeLessThan(GRACE_MS);
      expect(await answersNewConnections(catalog.port)).toBe(false);
      expect(catalog.logs).toContainEqual(expect.objectContaining({ message: 'stopped', signal }));
    },
  );

  it('exits at once on SIGTERM when nothing is in flight, closing idle keep-alive connections', async () => {
    const catalog = await startCatalog();
    // Undici keeps this connection open (keep-alive) after the answer.
    expect((await fetch(`http://127.0.0.1:${catalog.port}/health/ready`)).status).toBe(200);
    const signalled = Date.now();
    catalog.child.kill('SIGTERM');
    const exit = await catalog.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(1_500);
  });

  it('destroys a request still in flight when the grace runs out, logs it, and exits 0', async () => {
    const catalog = await startCatalog({ SHUTDOWN_GRACE_MS: '500' });
    const request = entitiesRequest(catalog.port);
    const stuck = heldRequest(catalog.port, request, request.length - 20);
    await stuck.connected;
    await sleep(100);
    const signalled = Date.now();
    catalog.child.kill('SIGTERM');
    await expect(stuck.response).resolves.toBe('destroyed');
    const exit = await catalog.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeGreaterThanOrEqual(500);
    expect(exit.at - signalled).toBeLessThan(2_500);
    expect(await catalog.logged('drain grace ran out')).toMatchObject({ destroyed: 1, graceMs: 500 });
  });

  it('stops within two seconds when its supervisor disconnects the IPC channel', async () => {
    const catalog = await startCatalog({}, ['ignore', 'pipe', 'pipe', 'ipc']);
    const disconnected = Date.now();
    catalog.child.disconnect();
    const exit = await catalog.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - disconnected).toBeLessThan(2_000);
    expect(catalog.logs).toContainEqual(
      expect.objectContaining({ message: 'stopping', reason: 'supervisor gone' }),
    );
  });

  it('is gone within two seconds when its supervisor is killed with SIGKILL', async () => {
    const port = await freePort();
    // A supervisor of its own: spawns the subgraph with an IPC channel, as lib/platform/stack.ts does.
    const supervisor = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process');
         const child = spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(path.join(REPOSITORY_ROOT, CATALOG_ENTRY))}],
           { cwd: ${JSON.stringify(REPOSITORY_ROOT)}, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
         process.stdout.write(String(child.pid) + '\\n');
         setInterval(() => {}, 1000);`,
      ],
      {
        env: {
          ...embeddedStoreEnv,
          NODE_ENV: 'test',
          KEYS_DIR: keysDir,
          CATALOG_PORT: String(port),
          DATASET: datasetFile,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    running.push(supervisor);
    const pid = await new Promise<number>((resolve) =>
      supervisor.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    try {
      const deadline = Date.now() + 30_000;
      while (
        !(await fetch(`http://127.0.0.1:${port}/health/ready`)
          .then((r) => r.ok)
          .catch(() => false))
      ) {
        if (Date.now() > deadline) throw new Error('the supervised subgraph did not get ready');
        await sleep(100);
      }
      const killed = Date.now();
      supervisor.kill('SIGKILL');
      while (isRunning(pid) && Date.now() - killed < 5_000) await sleep(20);
      expect(isRunning(pid)).toBe(false);
      expect(Date.now() - killed).toBeLessThan(2_000);
      expect(await answersNewConnections(port)).toBe(false);
    } finally {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});

describe('stopping the gateway in front of a stack', () => {
  /** Added to each direction of every catalog exchange: a `play` takes over a second. */
  const CATALOG_DELAY_MS = 500;
  let stack: TestStack;
  let catalogProxy: LatencyProxy;

  beforeAll(async () => {
    stack = await startTestStack(seed);
    catalogProxy = await startLatencyProxy(stack.port('catalog'));
  }, 90_000);

  afterAll(async () => {
    await catalogProxy?.close();
    await stack?.stop();
  });

  /** A gateway of its own in front of the stack, reaching the catalog through the latency proxy. */
  async function startGateway() {
    const port = await freePort();
    return startService(
      GATEWAY_ENTRY,
      {
        ...stack.env,
        LOG_LEVEL: 'info',
        PORT: String(port),
        // A second gateway beside the stack's own: its admin listener takes a free port, not the stack's.
        ADMIN_PORT: '0',
        CATALOG_URL: `http://127.0.0.1:${catalogProxy.port}/graphql`,
        // Deadlines far above the proxy's delay: the slow play must succeed, not fall back.
        SUBGRAPH_TIMEOUT_MS: '5000',
        SUBGRAPH_ATTEMPT_TIMEOUT_MS: '5000',
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
        // The first play's title would be answered from the cache: the slow play must wait for the catalog.
        ENTITY_CACHE: 'off',
      },
      port,
    );
  }

  async function play(port: number) {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await stack.tokenFor('acct-a')}`,
        'x-country': 'US',
      },
      body: JSON.stringify({
        query:
          'query Play($input: PlayInput!) { play(input: $input) { decision { allowed reason } manifest { keyId } title { name } } }',
        variables: {
          input: {
            titleId: 't-1',
            profileId: 'prof-a',
            device: { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 1080, hdr: [], drm: ['WIDEVINE'] },
          },
        },
      }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'lets a slow play complete with its manifest before exiting on %s',
    async (signal) => {
      catalogProxy.setDelay(0);
      const gateway = await startGateway();
      try {
        // The first play plans the query; the one that matters only waits for the catalog.
        expect((await play(gateway.port)).status).toBe(200);
        catalogProxy.setDelay(CATALOG_DELAY_MS);
        const probe = heldReadinessProbe(gateway.port);
        await probe.connected;
        const started = Date.now();
        const slowPlay = play(gateway.port);
        await sleep(300);

        const signalled = Date.now();
        gateway.child.kill(signal);
        await gateway.logged('draining');
        expect(await answersNewConnections(gateway.port)).toBe(false);
        probe.finish();
        await expect(probe.response).resolves.toMatchObject({
          status: 503,
          headers: { connection: 'close' },
        });
        expect(JSON.parse(((await probe.response) as RawResponse).body)).toMatchObject({
          status: 'stopping',
        });

        const answered = await slowPlay;
        expect(Date.now() - started).toBeGreaterThanOrEqual(2 * CATALOG_DELAY_MS);
        expect(answered).toEqual({
          status: 200,
          json: {
            data: {
              play: {
                decision: { allowed: true, reason: 'GRANTED' },
                manifest: { keyId: expect.any(String) },
                title: { name: 'Title t-1' },
              },
            },
          },
        });
        const exit = await gateway.exited;
        expect(exit).toMatchObject({ code: 0, signal: null });
        expect(exit.at - signalled).toBeLessThan(GRACE_MS);
      } finally {
        catalogProxy.setDelay(0);
      }
    },
    60_000,
  );
});
