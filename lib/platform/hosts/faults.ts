/**
 * What goes wrong between the hosts, each fault with its undoing. Three means, all real network
 * behaviour rather than a process told to misbehave:
 *
 * - **Through the router** (latency, loss): the affected hosts route each other's addresses via the
 *   `wan` host, whose delay line holds or drops the packets (delayLine.ts: this kernel has no
 *   `sch_netem`).
 * - **Blackholed** (a host or a datastore out of reach): the senders' neighbour entry for the address
 *   names a MAC address nobody has, so their frames go nowhere: packets are dropped, never refused,
 *   and a connect or a request waits until its own deadline, as across a real partition.
 * - **Gone** (a host lost): its process is killed and its link taken down; it comes back with a new
 *   process once the link is up again.
 */
import { batched, run, type Command } from './commands';
import type { Impairment } from './delayLine';
import { hostNamed, hostOfKind, hostsOfZone, type PlannedHost, type TopologyPlan, type Zone } from './plan';

/** What a fault needs of the running topology besides its network. */
export interface FaultTarget {
  plan: TopologyPlan;
  /** Replaces the router's impairments. */
  impair(impairments: Impairment[]): void;
  /** SIGKILL to the host's process. */
  kill(host: string): Promise<void>;
  /** Starts the host's process again and resolves once it is ready. */
  start(host: string): Promise<void>;
}

export const FAULT_NAMES = [
  'zone-latency',
  'lossy-link',
  'blackholed-replica',
  'gateway-gone',
  'zone-cut-from-data',
  'zone-playback-gone',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export interface Fault {
  name: FaultName;
  /** What an operator reads in the report. */
  description: string;
  /** Milliseconds added to a round trip, for the latency target: the delay a request may take more. */
  injectedMs: number;
  /** The hosts whose process the fault kills: those it starts again when healed. */
  gone: string[];
  apply(target: FaultTarget): Promise<void>;
  heal(target: FaultTarget): Promise<void>;
}

/** A MAC address no host has (locally administered): frames to it are dropped by every host. */
export const NOWHERE_MAC = '02:00:5e:00:de:ad';
/** The one-way delay and jitter between the zones. */
export const ZONE_DELAY_MS = 100;
export const ZONE_JITTER_MS = 20;
export const LINK_LOSS = 0.05;

const stackHostsOf = (plan: TopologyPlan, zone: Zone) =>
  hostsOfZone(plan, zone).filter((host) => host.role.kind === 'stack');
const stackHosts = (plan: TopologyPlan) => plan.hosts.filter((host) => host.role.kind === 'stack');

/** In each of `from`, a route to each of `to` through the router; undone by {@link directRoutes}. */
export function routesViaRouter(plan: TopologyPlan, from: PlannedHost[], to: PlannedHost[]): Command[] {
  const router = hostOfKind(plan, 'router');
  return from.flatMap((source) =>
    to.map((target) => [
      'ip',
      '-n',
      source.namespace,
      'route',
      'replace',
      `${target.address}/32`,
      'via',
      router.address,
    ]),
  );
}

export function directRoutes(from: PlannedHost[], to: PlannedHost[]): Command[] {
  return from.flatMap((source) =>
    to.map((target) => ['ip', '-n', source.namespace, 'route', 'del', `${target.address}/32`]),
  );
}

/**
 * The neighbour entry of each of `to` in each of `from` (and, with `root`, on the bridge's side):
 * set to {@link NOWHERE_MAC}, or deleted so that the address is resolved again.
 */
function neighbours(
  plan: TopologyPlan,
  from: PlannedHost[],
  to: PlannedHost[],
  root: boolean,
  change: 'blackhole' | 'clear',
): Command[] {
  const entry = (address: string, dev: string) =>
    change === 'blackhole'
      ? ['neigh', 'replace', address, 'dev', dev, 'lladdr', NOWHERE_MAC, 'nud', 'permanent']
      : ['neigh', 'del', address, 'dev', dev];
  return [
    ...from.flatMap((source) =>
      to.map((target) => ['ip', '-n', source.namespace, ...entry(target.address, source.veth.hostEnd)]),
    ),
    ...(root ? to.map((target) => ['ip', ...entry(target.address, plan.bridge.name)]) : []),
  ];
}

/** In each of `from`, each of `to` at {@link NOWHERE_MAC}; `root`: the bridge's side too. */
export const blackholes = (plan: TopologyPlan, from: PlannedHost[], to: PlannedHost[], root = false) =>
  neighbours(plan, from, to, root, 'blackhole');

/** Forgets the entries {@link blackholes} set: the addresses are resolved again. */
export const clearBlackholes = (plan: TopologyPlan, from: PlannedHost[], to: PlannedHost[], root = false) =>
  neighbours(plan, from, to, root, 'clear');

const linkState = (host: PlannedHost, state: 'up' | 'down'): Command => [
  'ip',
  'link',
  'set',
  host.veth.bridgeEnd,
  state,
];

/** Undoing is best effort: each step is tried, and what failed is reported together. */
async function undo(commands: Command[]): Promise<void> {
  const failures: string[] = [];
  for (const { command, input } of batched(commands, true)) {
    await run(command, input).catch((error: Error) => failures.push(error.message));
  }
  if (failures.length > 0) throw new Error(`Healing left: ${failures.join('; ')}`);
}

async function apply(commands: Command[]): Promise<void> {
  for (const { command, input } of batched(commands)) await run(command, input);
}

/** Kills the hosts' processes and takes their links down; healed by bringing both back. */
function hostsGone(name: FaultName, description: string, hosts: string[]): Fault {
  return {
    name,
    description,
    injectedMs: 0,
    gone: hosts,
    async apply(target) {
      for (const host of hosts) {
        await target.kill(host);
        await run(linkState(hostNamed(target.plan, host), 'down'));
      }
    },
    async heal(target) {
      await undo(hosts.map((host) => linkState(hostNamed(target.plan, host), 'up')));
      await Promise.all(hosts.map((host) => target.start(host)));
    },
  };
}

/** Every fault the topology knows, by name, for its plan. */
export function faults(plan: TopologyPlan): Record<FaultName, Fault> {
  const [zoneA, zoneB] = [stackHostsOf(plan, 'a'), stackHostsOf(plan, 'b')];
  const gateway = hostNamed(plan, 'a-gateway');
  const playback = hostNamed(plan, 'a-playback');
  const datastores = [hostOfKind(plan, 'redis'), hostOfKind(plan, 'mongodb')];
  const others = stackHosts(plan).filter((host) => host !== playback);
  return {
    'zone-latency': {
      name: 'zone-latency',
      description: `${ZONE_DELAY_MS} ± ${ZONE_JITTER_MS} ms on every packet from zone a to zone b`,
      injectedMs: ZONE_DELAY_MS + ZONE_JITTER_MS,
      gone: [],
      async apply(target) {
        target.impair([
          {
            from: zoneA.map((host) => host.address),
            to: zoneB.map((host) => host.address),
            delayMs: ZONE_DELAY_MS,
            jitterMs: ZONE_JITTER_MS,
            loss: 0,
          },
        ]);
        await apply(routesViaRouter(plan, zoneA, zoneB));
      },
      async heal(target) {
        await undo(directRoutes(zoneA, zoneB));
        target.impair([]);
      },
    },
    'lossy-link': {
      name: 'lossy-link',
      description: `${LINK_LOSS * 100}% of packets lost between a-gateway and a-playback, both ways`,
      injectedMs: 0,
      gone: [],
      async apply(target) {
        const pair = [gateway.address, playback.address];
        target.impair([{ from: pair, to: pair, delayMs: 0, jitterMs: 0, loss: LINK_LOSS }]);
        await apply([
          ...routesViaRouter(plan, [gateway], [playback]),
          ...routesViaRouter(plan, [playback], [gateway]),
        ]);
      },
      async heal(target) {
        await undo([...directRoutes([gateway], [playback]), ...directRoutes([playback], [gateway])]);
        target.impair([]);
      },
    },
    'blackholed-replica': {
      name: 'blackholed-replica',
      description: 'a-playback blackholed: every packet to it dropped, from every host',
      injectedMs: 0,
      gone: [],
      apply: () => apply(blackholes(plan, others, [playback], true)),
      heal: () => undo(clearBlackholes(plan, others, [playback], true)),
    },
    'gateway-gone': hostsGone('gateway-gone', "a-gateway's host lost mid-traffic", ['a-gateway']),
    'zone-cut-from-data': {
      name: 'zone-cut-from-data',
      description: 'zone b cut off from Redis and MongoDB (packets dropped both ways)',
      injectedMs: 0,
      gone: [],
      apply: () => apply([...blackholes(plan, zoneB, datastores), ...blackholes(plan, datastores, zoneB)]),
      heal: () =>
        undo([...clearBlackholes(plan, zoneB, datastores), ...clearBlackholes(plan, datastores, zoneB)]),
    },
    'zone-playback-gone': hostsGone('zone-playback-gone', "both of zone a's playback replicas lost", [
      'a-playback',
      'a-playback-2',
    ]),
  };
}
