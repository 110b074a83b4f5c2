/**
 * The stack's processes on the topology's hosts: each started in its host's namespace with the
 * environment of that host (its own address, the datastores' hosts, and for a gateway its own
 * zone's replicas first and the other zone's as failover), watched, stopped.
 *
 * Each process is spawned through `ip netns exec`, which enters the namespace and then runs the
 * service itself (no shell between), with an IPC channel as `npm start` gives its services: a
 * service stops by itself once its supervisor is gone (lib/platform/service.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPOSITORY_ROOT } from '../env';
import { subgraphs } from '../registry';
import { forwardLines } from '../stack';
import { SEARCH_PATH, type Command } from './commands';
import { hostsOfZone, serviceUrl, ZONES, type PlannedHost, type TopologyPlan, type Zone } from './plan';

/** What every process of the stack shares: keys, dataset, datastores, settings. */
export type SharedEnv = NodeJS.ProcessEnv;

/** The GraphQL URLs of a subgraph's replicas (the processes running its entry point) in one zone. */
function replicaUrls(plan: TopologyPlan, zone: Zone, entry: string): string[] {
  return hostsOfZone(plan, zone)
    .filter((host) => host.role.kind === 'stack' && host.role.service.entry === entry)
    .map((host) => `${serviceUrl(host)}/graphql`);
}

/**
 * The environment of one host's process: listening on the host's address and the service's port;
 * a gateway also gets every subgraph's replicas, its zone's as `<NAME>_URL` and the other zone's as
 * `<NAME>_FAILOVER_URL`, and its admin listener (metrics) on its address.
 */
export function hostEnv(plan: TopologyPlan, host: PlannedHost, shared: SharedEnv): NodeJS.ProcessEnv {
  if (host.role.kind !== 'stack' || !host.zone) throw new Error(`${host.name} runs no process of the stack`);
  const { service } = host.role;
  const env: NodeJS.ProcessEnv = {
    ...shared,
    PATH: SEARCH_PATH,
    HOST: host.address,
    [service.listenVar]: String(host.role.port),
  };
  if (service.name !== 'gateway') return env;
  const zone = host.zone;
  const others = ZONES.filter((candidate) => candidate !== zone);
  for (const subgraph of subgraphs()) {
    env[subgraph.env.url] = replicaUrls(plan, zone, subgraph.entry).join(',');
    env[subgraph.env.failoverUrl] = others
      .flatMap((other) => replicaUrls(plan, other, subgraph.entry))
      .join(',');
  }
  env.ADMIN_HOST = host.address;
  env.ADMIN_PORT = String(ADMIN_PORT);
  // Viewers come from the root namespace, through the bridge's address: it stands in for the edge
  // whose `x-country` a gateway believes.
  env.TRUSTED_PROXIES = plan.bridge.address;
  return env;
}

/** The gateways' admin listener (`/metrics`), on each gateway host's address. */
export const ADMIN_PORT = 9400;

/** `node --import tsx <entry>` of a host's service. */
export function serviceCommand(host: PlannedHost): Command {
  if (host.role.kind !== 'stack') throw new Error(`${host.name} runs no process of the stack`);
  return [process.execPath, '--import', 'tsx', path.join(REPOSITORY_ROOT, host.role.service.entry)];
}

/** Spawns `command` in the host's namespace; every output line goes to `onLine`. */
export function spawnInHost(
  host: PlannedHost,
  command: Command,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
  options: { ipc?: boolean } = {},
): ChildProcess {
  const child = spawn('ip', ['netns', 'exec', host.namespace, ...command], {
    cwd: REPOSITORY_ROOT,
    env: { ...env, PATH: SEARCH_PATH },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  forwardLines(child, onLine);
  return child;
}

/** Resolves once `check` is true; rejects when `child` exits first or `timeoutMs` passes. */
export async function untilReady(
  what: string,
  check: () => Promise<boolean>,
  child: ChildProcess | null,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms`);
}

/** Whether a service of the stack answers ready at the host. */
export async function serviceReady(host: PlannedHost): Promise<boolean> {
  try {
    const response = await fetch(`${serviceUrl(host)}/health/ready`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
