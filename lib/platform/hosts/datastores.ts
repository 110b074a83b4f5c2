/**
 * The topology's Redis and MongoDB hosts: Debian's `redis-server`, and FerretDB, the binary `.ci/run`
 * builds and caches, on its SQLite backend (from its namespace it cannot reach the PostgreSQL on the
 * root namespace's loopback, which `.ci/run` uses). Each keeps its data in a directory of the
 * topology's own. MongoDB is seeded once, from the root namespace: one dataset for both zones.
 */
import { accessSync, constants, statSync } from 'node:fs';
import net from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Dataset } from '../dataset/model';
import { openMongoStore } from '../mongo/client';
import { seedDatabase } from '../mongo/seed';
import type { Command } from './commands';
import { MONGODB_PORT, REDIS_PORT, type PlannedHost } from './plan';

/** The version `.ci/run` builds; its cache directory is named after it. */
const FERRETDB_VERSION = 'v1.24.2';

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The FerretDB binary, found as the tests find it: `FERRETDB_BIN` when set (`.ci/run` sets it), else
 * where `.ci/run` caches its build. Null when there is none; nothing is ever downloaded here.
 */
export function ferretDbBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const cached = path.join(
    env.XDG_CACHE_HOME || path.join(homedir(), '.cache'),
    'streaming-ci',
    `ferretdb-${FERRETDB_VERSION}`,
    'ferretdb',
  );
  return [env.FERRETDB_BIN, cached].find((file) => file && isExecutableFile(file)) ?? null;
}

/**
 * Redis in memory only: the stale copies and counts it holds live as long as the topology. Protected
 * mode refuses every client from another host when no password is set; the topology's hosts are
 * its only clients (nothing outside the bridge reaches the address).
 */
export const redisCommand = (host: PlannedHost, dir: string): Command => [
  'redis-server',
  '--protected-mode',
  'no',
  '--bind',
  host.address,
  '--port',
  String(REDIS_PORT),
  '--save',
  '',
  '--appendonly',
  'no',
  '--loglevel',
  'warning',
  '--dir',
  dir,
];

/** Its debug listener (metrics, pprof) on the namespace's own loopback: nobody outside reaches it. */
export const ferretDbCommand = (binary: string, host: PlannedHost, dir: string): Command => [
  binary,
  '--handler=sqlite',
  `--sqlite-url=file:${path.join(dir, 'sqlite')}/`,
  `--listen-addr=${host.address}:${MONGODB_PORT}`,
  '--debug-addr=127.0.0.1:0',
  `--state-dir=${dir}`,
  '--telemetry=disable',
  '--log-level=error',
];

/** Whether Redis at the host answers PING within a second. */
export function redisAnswers(host: PlannedHost): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(REDIS_PORT, host.address, () => socket.write('PING\r\n'));
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once('data', (data) => done(String(data).startsWith('+PONG')));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}

/** Whether the server answers a ping over the wire protocol, not merely accepts connections. */
export async function mongoAnswers(uri: string): Promise<boolean> {
  const store = openMongoStore(uri, { timeoutMs: 1_000 });
  try {
    await store.db.command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await store.close();
  }
}

/** Seeds the database every subgraph of both zones reads. */
export async function seedTopology(uri: string, dataset: Dataset): Promise<void> {
  const store = openMongoStore(uri, { timeoutMs: 10_000 });
  try {
    await seedDatabase(store.db, dataset);
  } finally {
    await store.close();
  }
}
