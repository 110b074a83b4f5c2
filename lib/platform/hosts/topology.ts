/**
 * The whole topology, up and down: the network (network.ts), Redis and MongoDB on their hosts, the
 * router's delay line, then every subgraph replica of both zones and the two gateways, each in its
 * namespace. One per machine (the names and addresses are fixed); `up` refuses while another
 * process owns one, and removes what a killed owner left.
 *
 * Nothing outlives its owner: the stack's services stop by themselves when it goes (their IPC
 * channel), and a detached reaper (reaper.ts) removes every namespace, with whatever still runs in
 * it, once the owner is gone without having done so itself, SIGKILL included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../dataset/model';
import { REPOSITORY_ROOT } from '../env';
import { generateDevelopmentKeys } from '../keys/development';
import { stopProcess } from '../stack';
import {
  ferretDbBinary,
  ferretDbCommand,
  mongoAnswers,
  redisAnswers,
  redisCommand,
  seedTopology,
} from './datastores';
import type { Impairment } from './delayLine';
import { faults, type FaultName, type FaultTarget } from './faults';
import { buildNetwork, killProcessesIn, removeLeftovers, ROUTER_TUN } from './network';
import {
  gatewayHost,
  hostNamed,
  hostOfKind,
  mongodbUri,
  redisUrl,
  serviceUrl,
  topologyPlan,
  type PlannedHost,
  type TopologyPlan,
  type Zone,
} from './plan';
import { ADMIN_PORT, hostEnv, serviceCommand, serviceReady, spawnInHost, untilReady } from './services';
import { claimOwnership, liveOwner, removeState, stateDir, STATE_DIR } from './state';

export interface TopologyOptions {
  dataset: Dataset;
  /** Added to every service's environment. */
  env?: NodeJS.ProcessEnv;
  /** Every line a process prints, with its host. Defaults to nothing. */
  onLine?: (host: string, line: string) => void;
  /** How long each process has to be ready. Defaults to 90 s (a busy two-core machine). */
  readyTimeoutMs?: number;
}

export interface Topology extends FaultTarget {
  /** Where clients send GraphQL: each zone's gateway. */
  gatewayUrl(zone: Zone): string;
  /** A zone gateway's admin listener: `/metrics`. */
  adminUrl(zone: Zone): string;
  keysDir: string;
  /** The faults applied now, in order. */
  applied(): FaultName[];
  applyFault(name: FaultName): Promise<void>;
  healFault(name: FaultName): Promise<void>;
  stop(): Promise<void>;
}

export class TopologyBusyError extends Error {
  override name = 'TopologyBusyError';
}

const IMPAIRMENTS_FILE = () => path.join(stateDir(), 'impairments.json');
const FAULTS_FILE = () => path.join(stateDir(), 'faults.json');

/** The faults `status` reports: written by the owner whenever they change. */
export function appliedFaults(): FaultName[] {
  try {
    return JSON.parse(readFileSync(path.join(STATE_DIR, 'faults.json'), 'utf8')) as FaultName[];
  } catch {
    return [];
  }
}

export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const owner = liveOwner();
  if (owner) {
    throw new TopologyBusyError(
      `A topology is up already, owned by process ${owner.pid}: stop it first (npm run hosts -- down)`,
    );
  }
  await removeLeftovers();
  claimOwnership();
  startReaper();
  const plan = topologyPlan();
  const processes = new Map<string, ChildProcess>();
  const onLine = options.onLine ?? (() => {});
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  let applied: FaultName[] = [];
  const stopAll = async () => {
    const gateways = [...processes].filter(([name]) => name.endsWith('-gateway')).map(([, child]) => child);
    await Promise.all(gateways.map((child) => stopProcess(child)));
    await Promise.all([...processes.values()].map((child) => stopProcess(child)));
    await removeLeftovers();
    removeState();
  };
  try {
    await buildNetwork(plan);
    writeFileSync(IMPAIRMENTS_FILE(), '[]');
    writeFileSync(FAULTS_FILE(), '[]');
    const keysDir = stateDir('keys');
    await generateDevelopmentKeys(keysDir);
    const datasetFile = path.join(stateDir(), 'dataset.json');
    writeFileSync(datasetFile, JSON.stringify(options.dataset));
    await startDatastores(plan, processes, onLine, options.dataset);
    await startRouter(plan, processes, onLine);
    const shared: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      KEYS_DIR: keysDir,
      DATASET: datasetFile,
      MONGODB_URI: mongodbUri(plan),
      REDIS_URL: redisUrl(plan),
      DECISION_STORE: mongodbUri(plan),
      ...options.env,
    };
    const startService = async (name: string) => {
      const host = hostNamed(plan, name);
      const child = spawnInHost(
        host,
        serviceCommand(host),
        {
          ...hostEnv(plan, host, shared),
          JOURNAL_DIR: stateDir('hosts', host.name, 'journal'),
          FIELD_USAGE_STORE: stateDir('hosts', host.name, 'usage'),
        },
        (line) => onLine(host.name, line),
        { ipc: true },
      );
      processes.set(name, child);
      await untilReady(host.name, () => serviceReady(host), child, readyTimeoutMs);
    };
    const stack = plan.hosts.filter((host) => host.role.kind === 'stack');
    // The subgraphs first: a gateway is ready once its replicas answer.
    await Promise.all(
      stack.filter((host) => !host.name.endsWith('-gateway')).map((host) => startService(host.name)),
    );
    await Promise.all(
      stack.filter((host) => host.name.endsWith('-gateway')).map((host) => startService(host.name)),
    );

    const topology: Topology = {
      plan,
      keysDir,
      gatewayUrl: (zone) => serviceUrl(gatewayHost(plan, zone)),
      adminUrl: (zone) => `http://${gatewayHost(plan, zone).address}:${ADMIN_PORT}`,
      impair(impairments: Impairment[]) {
        writeFileSync(IMPAIRMENTS_FILE(), JSON.stringify(impairments));
      },
      async kill(name) {
        const child = processes.get(name);
        child?.kill('SIGKILL');
        await killProcessesIn(hostNamed(plan, name).namespace);
      },
      start: startService,
      applied: () => [...applied],
      async applyFault(name) {
        await faults(plan)[name].apply(topology);
        applied = [...applied, name];
        writeFileSync(FAULTS_FILE(), JSON.stringify(applied));
      },
      async healFault(name) {
        await faults(plan)[name].heal(topology);
        applied = applied.filter((fault) => fault !== name);
        writeFileSync(FAULTS_FILE(), JSON.stringify(applied));
      },
      stop: stopAll,
    };
    return topology;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startDatastores(
  plan: TopologyPlan,
  processes: Map<string, ChildProcess>,
  onLine: (host: string, line: string) => void,
  dataset: Dataset,
): Promise<void> {
  const ferretdb = ferretDbBinary();
  if (!ferretdb) {
    throw new Error('No FerretDB binary: set FERRETDB_BIN or run `.ci/run` once to build and cache it');
  }
  const redis = hostOfKind(plan, 'redis');
  const mongodb = hostOfKind(plan, 'mongodb');
  const started = (host: PlannedHost, child: ChildProcess) => {
    processes.set(host.name, child);
    return child;
  };
  // FerretDB's SQLite backend wants its directory to be there.
  stateDir('mongodb', 'sqlite');
  const redisProcess = started(
    redis,
    spawnInHost(redis, redisCommand(redis, stateDir('redis')), {}, (line) => onLine(redis.name, line)),
  );
  const mongoProcess = started(
    mongodb,
    spawnInHost(mongodb, ferretDbCommand(ferretdb, mongodb, stateDir('mongodb')), {}, (line) =>
      onLine(mongodb.name, line),
    ),
  );
  await untilReady('redis', () => redisAnswers(redis), redisProcess, 30_000);
  await untilReady('mongodb', () => mongoAnswers(mongodbUri(plan)), mongoProcess, 30_000);
  await seedTopology(mongodbUri(plan), dataset);
}

/** The delay line on the router host; resolves once it holds the TUN device. */
async function startRouter(
  plan: TopologyPlan,
  processes: Map<string, ChildProcess>,
  onLine: (host: string, line: string) => void,
): Promise<void> {
  const router = hostOfKind(plan, 'router');
  let ready = false;
  const child = spawnInHost(
    router,
    [process.execPath, '--import', 'tsx', path.join(REPOSITORY_ROOT, 'lib/platform/hosts/wan.ts')],
    { ...process.env, WAN_IMPAIRMENTS: IMPAIRMENTS_FILE(), WAN_TUN: ROUTER_TUN },
    (line) => {
      if (line === 'ready') ready = true;
      else onLine(router.name, line);
    },
  );
  processes.set(router.name, child);
  await untilReady('the router', async () => ready, child, 30_000);
}

/**
 * A detached process that outlives this one: once this process is gone and has not removed the
 * topology itself, it does (reaper.ts).
 */
export function startReaper(): void {
  const reaper = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPOSITORY_ROOT, 'lib/platform/hosts/reaper.ts'), String(process.pid)],
    { cwd: REPOSITORY_ROOT, detached: true, stdio: 'ignore' },
  );
  reaper.unref();
}
