/**
 * Nothing leaves the host unasked. `npm start`'s processes (the gateway, every subgraph replica, the
 * reference edges, and Redis and MongoDB when this run has them) are watched by strace from start-up
 * through a few plays and their drain: every address any of them reached for is loopback or a server
 * it was configured with, and none of them looked a name up.
 *
 * The watcher is shown to see what it is there to catch: with Apollo's telemetry switched on (an
 * operator's explicit `APOLLO_TELEMETRY=on`) the gateway probes the cloud metadata services, and the
 * same watcher records it. That gateway runs in a network namespace with only loopback, so its
 * probes fail at once and nothing reaches the network.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@platform/env';
import { issueDevelopmentToken } from '@platform/identity';
import { loadSigningKey } from '@platform/keys/keyring';
import { loadDataset } from '@platform/dataset/load';
import { isolatedStackEnv } from '@platform/stack';
import {
  destinationsIn,
  endpointOf,
  isolatedFromTheNetwork,
  isLoopback,
  unaskedDestinations,
  watchedBy,
  type Endpoint,
} from '@testing/outboundConnections';
import { unavailable } from '@testing/servers';
import { seededDatabaseOf } from '@testing/stack';
import { childPids, startSupervisor, type Supervisor } from '@testing/supervisor';
import { documentIds } from '../../../clients/__generated__/documentIds';

const DEMO_DATASET_PATH = path.join(REPOSITORY_ROOT, 'data/demo-dataset.json');
const PLAY_VARIABLES = JSON.parse(
  readFileSync(path.join(REPOSITORY_ROOT, 'clients/operations/Play.variables.json'), 'utf8'),
) as { input: Record<string, unknown> };
/** Where the cloud metadata services answer: Alibaba's, and AWS's and Azure's. */
const METADATA_SERVICES = ['100.100.100.200', '169.254.169.254'];

const dir = mkdtempSync(path.join(tmpdir(), 'outbound-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start, watched from start-up through a few plays until it has stopped', () => {
  let supervisor: Supervisor | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await supervisor?.cleanUp();
    await dropDatabase?.();
  });

  it('reaches only loopback and the servers it was configured with, and looks no name up', async () => {
    const traceFile = path.join(dir, 'npm-start.trace');
    const servers: NodeJS.ProcessEnv = {};
    const configured: Endpoint[] = [];
    if (unavailable('redis') === null) {
      servers.REDIS_URL = 'redis://127.0.0.1:6379';
      configured.push(endpointOf(servers.REDIS_URL, 6379));
    }
    if (unavailable('mongodb') === null) {
      const database = await seededDatabaseOf(loadDataset(DEMO_DATASET_PATH), process.env.MONGODB_URI!);
      dropDatabase = database.drop;
      servers.MONGODB_URI = database.uri;
      configured.push(endpointOf(database.uri, 27017));
    }
    supervisor = await startSupervisor(
      {
        NODE_ENV: 'development',
        DATASET: DEMO_DATASET_PATH,
        DEV_EDGE_PORT: '0',
        RATE_LIMITS: 'off',
        ...servers,
      },
      { under: watchedBy(traceFile) },
    );
    await supervisor.ready(120_000);

    const gatewayUrl = `http://127.0.0.1:${supervisor.ports.gateway}`;
    const identityKey = await loadSigningKey('identity', {
      kind: 'development',
      dir: supervisor.env.KEYS_DIR!,
    });
    const token = await issueDevelopmentToken(identityKey, 'u-premium');
    for (let play = 0; play < 3; play++) {
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-country': 'US' },
        body: JSON.stringify({ documentId: documentIds.Play, variables: PLAY_VARIABLES }),
      });
      const body = (await response.json()) as { data?: { play?: { decision: { allowed: boolean } } } };
      expect(body.data?.play?.decision.allowed).toBe(true);
    }
    // Everything the stack does on its own after start-up (polls, flushes, health checks) gets time too.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    process.kill(supervisor.pid(), 'SIGTERM');
    // strace exits once every process it watched has.
    expect(await supervisor.exited()).toBe(0);

    const destinations = destinationsIn(readFileSync(traceFile, 'utf8'));
    // The watcher saw the stack's own traffic: the plays reached the subgraphs, and each server.
    expect(destinations.some(({ port }) => port === supervisor!.ports.playback)).toBe(true);
    for (const endpoint of configured) {
      expect(destinations.some(({ port }) => port === endpoint.port)).toBe(true);
    }
    expect(unaskedDestinations(destinations, configured).map(({ line }) => line)).toEqual([]);
  }, 180_000);
});

describe("the gateway with Apollo's telemetry switched on by its operator", () => {
  it('probes the cloud metadata services, and the watcher sees it; with the default it probes nothing', async () => {
    const optedIn = await gatewayDestinations({ APOLLO_TELEMETRY: 'on' });
    expect(optedIn.filter(({ address }) => METADATA_SERVICES.includes(address)).length).toBeGreaterThan(0);

    const byDefault = await gatewayDestinations({});
    expect(byDefault.filter(({ address }) => !isLoopback(address))).toEqual([]);
  }, 60_000);
});

/**
 * Starts the gateway alone, watched, in a network namespace with only loopback, waits until it
 * listens, stops it, and returns every destination it reached for.
 */
async function gatewayDestinations(extraEnv: NodeJS.ProcessEnv) {
  const traceFile = path.join(dir, `gateway-${Date.now()}.trace`);
  const env = await isolatedStackEnv(
    { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...extraEnv },
    path.join(dir, 'keys'),
  );
  const [file, ...args] = [
    ...isolatedFromTheNetwork(),
    ...watchedBy(traceFile),
    process.execPath,
    '--import',
    'tsx',
    path.join(REPOSITORY_ROOT, 'gateway/src/index.ts'),
  ];
  const watcher = spawn(file!, args, { cwd: REPOSITORY_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  watcher.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  watcher.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => watcher.once('exit', resolve));
  const deadline = Date.now() + 30_000;
  while (!output.includes('gateway listening')) {
    if (watcher.exitCode !== null || Date.now() > deadline)
      throw new Error(`The watched gateway did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The probes start in the constructor; give the slowest of them (DNS, then HTTP) time to try.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  // strace's child is the gateway: stopping strace itself would only detach it.
  for (const pid of childPids(watcher.pid!)) process.kill(pid, 'SIGTERM');
  expect(await exited).toBe(0);
  return destinationsIn(readFileSync(traceFile, 'utf8'));
}
