/**
 * The multi-host topology as data: which hosts exist, in which zone, at which address, in which
 * network namespace, running what. Everything else (the network, the processes, the faults, the
 * tests) reads it from here, so a subgraph added to the registry gets a host in each zone.
 *
 * Each zone has a gateway host and one host per process of the stack (lib/platform/stack.ts: every
 * subgraph replica); Redis and MongoDB have a host each, in no zone; `wan` is the router that carries
 * traffic between the zones while a delay is applied (faults.ts). Every host hangs off one bridge in
 * the root namespace, where the clients (tests, the simulator) run.
 */
import { stackServices, type StackService } from '../stack';

export type Zone = 'a' | 'b';
export const ZONES: readonly Zone[] = ['a', 'b'];

/** What a host runs. */
export type HostRole =
  /** A process of the stack, listening on its default port. */
  | { kind: 'stack'; service: StackService; port: number }
  | { kind: 'redis'; port: number }
  | { kind: 'mongodb'; port: number }
  /** Runs nothing until a delay between the zones is applied. */
  | { kind: 'router' };

export interface PlannedHost {
  /** `a-gateway`, `b-playback-2`, `redis`, `mongodb`, `wan`. */
  name: string;
  zone: Zone | null;
  /** `st-<name>`: every namespace of the topology starts with `st-`. */
  namespace: string;
  address: string;
  role: HostRole;
  /** The veth pair: one end on the bridge, in the root namespace; the other in the host's namespace. */
  veth: { bridgeEnd: string; hostEnd: string };
}

export interface TopologyPlan {
  bridge: { name: string; address: string; prefixLength: number };
  hosts: PlannedHost[];
}

/** Prefix of every namespace the topology creates: what `down` looks for. */
export const NAMESPACE_PREFIX = 'st-';
/** Prefix of every link the topology creates (the bridge, veth ends, the router's TUN). */
export const LINK_PREFIX = 'sth';
const SUBNET = '10.88.0';
/** Zone a's hosts are at .11-.19, zone b's at .21-.29. */
const ZONE_FIRST_OCTET: Record<Zone, number> = { a: 11, b: 21 };
const HOSTS_PER_ZONE = 9;
export const REDIS_PORT = 6379;
export const MONGODB_PORT = 27017;

function host(name: string, zone: Zone | null, octet: number, role: HostRole): PlannedHost {
  return {
    name,
    zone,
    namespace: `${NAMESPACE_PREFIX}${name}`,
    address: `${SUBNET}.${octet}`,
    role,
    // Interface names have at most 15 characters: the address's last octet keeps them short.
    veth: { bridgeEnd: `${LINK_PREFIX}-${octet}-br`, hostEnd: `${LINK_PREFIX}-${octet}-ns` },
  };
}

/** The gateway first, then the stack's other processes in their start order. */
function zoneHosts(zone: Zone, services: readonly StackService[]): PlannedHost[] {
  const ordered = [
    ...services.filter((service) => service.name === 'gateway'),
    ...services.filter((service) => service.name !== 'gateway'),
  ];
  if (ordered.length > HOSTS_PER_ZONE) {
    throw new Error(
      `A zone has room for ${HOSTS_PER_ZONE} hosts (${SUBNET}.${ZONE_FIRST_OCTET[zone]}-${ZONE_FIRST_OCTET[zone] + HOSTS_PER_ZONE - 1}); the stack has ${ordered.length} processes`,
    );
  }
  return ordered.map((service, index) =>
    host(`${zone}-${service.name}`, zone, ZONE_FIRST_OCTET[zone] + index, {
      kind: 'stack',
      service,
      port: service.defaultPort,
    }),
  );
}

/** The topology for the stack's processes (defaults to this repository's: {@link stackServices}). */
export function topologyPlan(services: readonly StackService[] = stackServices()): TopologyPlan {
  return {
    bridge: { name: 'sthosts0', address: `${SUBNET}.1`, prefixLength: 24 },
    hosts: [
      ...ZONES.flatMap((zone) => zoneHosts(zone, services)),
      host('redis', null, 31, { kind: 'redis', port: REDIS_PORT }),
      host('mongodb', null, 32, { kind: 'mongodb', port: MONGODB_PORT }),
      host('wan', null, 2, { kind: 'router' }),
    ],
  };
}

/** One host of the plan; throws naming the hosts there are. */
export function hostNamed(plan: TopologyPlan, name: string): PlannedHost {
  const found = plan.hosts.find((candidate) => candidate.name === name);
  if (!found) {
    throw new Error(`No host "${name}" (hosts: ${plan.hosts.map((known) => known.name).join(', ')})`);
  }
  return found;
}

export function hostsOfZone(plan: TopologyPlan, zone: Zone): PlannedHost[] {
  return plan.hosts.filter((candidate) => candidate.zone === zone);
}

/** The only host of a kind: Redis, MongoDB, the router. */
export function hostOfKind(plan: TopologyPlan, kind: 'redis' | 'mongodb' | 'router'): PlannedHost {
  return plan.hosts.find((candidate) => candidate.role.kind === kind)!;
}

/** `http://<address>:<port>` of a host running a process of the stack. */
export function serviceUrl(planned: PlannedHost): string {
  if (planned.role.kind !== 'stack') throw new Error(`${planned.name} runs no process of the stack`);
  return `http://${planned.address}:${planned.role.port}`;
}

/** The gateway of a zone: where its clients send `play`. */
export function gatewayHost(plan: TopologyPlan, zone: Zone): PlannedHost {
  return hostNamed(plan, `${zone}-gateway`);
}

export const redisUrl = (plan: TopologyPlan) => `redis://${hostOfKind(plan, 'redis').address}:${REDIS_PORT}`;

/** The database every subgraph of both zones reads: one dataset for the whole topology. */
export const mongodbUri = (plan: TopologyPlan) =>
  `mongodb://${hostOfKind(plan, 'mongodb').address}:${MONGODB_PORT}/streaming`;
