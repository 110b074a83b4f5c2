/**
 * The topology's network: one bridge in the root namespace, and per host a namespace with loopback
 * up and a veth pair, one end on the bridge, the other in the namespace with the host's address.
 * The root namespace gets the bridge and its address, nothing else: no forwarding, no NAT, no route
 * beyond the bridge's own subnet. Only the router `wan` forwards, inside its own namespace, between
 * its veth and a TUN device that the delay line reads while a delay is applied (faults.ts).
 *
 * Every name starts with `st-` (namespaces) or `sth` (links), so that removing leftovers removes
 * exactly the topology's, even after its supervisor was killed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inNamespace, run, runAll, runEach, type Command } from './commands';
import { LINK_PREFIX, NAMESPACE_PREFIX, type PlannedHost, type TopologyPlan } from './plan';

/** The router's TUN device, in its namespace: socat attaches the delay line to it. */
export const ROUTER_TUN = `${LINK_PREFIX}wan0`;
/** The router's routing table for packets arriving from the bridge: they all go to the TUN. */
const ROUTER_TABLE = '100';

function hostCommands(plan: TopologyPlan, host: PlannedHost): Command[] {
  const { namespace, veth, address } = host;
  const router = host.role.kind === 'router';
  return [
    ['ip', 'netns', 'add', namespace],
    // Before any interface exists in it, so that each one is created with these defaults.
    ...(router
      ? [
          inNamespace(namespace, [
            'sysctl',
            '-qw',
            'net.ipv4.ip_forward=1',
            // Delayed packets come back through the TUN with the source address of a bridge host.
            'net.ipv4.conf.all.rp_filter=0',
            'net.ipv4.conf.default.rp_filter=0',
            'net.ipv4.conf.all.send_redirects=0',
          ]),
        ]
      : []),
    ['ip', 'link', 'add', veth.bridgeEnd, 'type', 'veth', 'peer', 'name', veth.hostEnd, 'netns', namespace],
    ['ip', 'link', 'set', veth.bridgeEnd, 'master', plan.bridge.name, 'up'],
    ['ip', '-n', namespace, 'addr', 'add', `${address}/${plan.bridge.prefixLength}`, 'dev', veth.hostEnd],
    ['ip', '-n', namespace, 'link', 'set', veth.hostEnd, 'up'],
    ['ip', '-n', namespace, 'link', 'set', 'lo', 'up'],
    ...(router
      ? [
          ['ip', '-n', namespace, 'tuntap', 'add', 'dev', ROUTER_TUN, 'mode', 'tun'],
          ['ip', '-n', namespace, 'link', 'set', ROUTER_TUN, 'up'],
          // What arrives from the bridge goes through the delay line; what comes back out of it is
          // routed by the main table, onto the bridge.
          ['ip', '-n', namespace, 'rule', 'add', 'iif', veth.hostEnd, 'pref', '100', 'table', ROUTER_TABLE],
          ['ip', '-n', namespace, 'route', 'add', 'default', 'dev', ROUTER_TUN, 'table', ROUTER_TABLE],
        ]
      : []),
  ];
}

/** Every command that builds the network of `plan`, in order. */
export function networkCommands(plan: TopologyPlan): Command[] {
  const { name, address, prefixLength } = plan.bridge;
  return [
    ['ip', 'link', 'add', name, 'type', 'bridge'],
    ['ip', 'addr', 'add', `${address}/${prefixLength}`, 'dev', name],
    ['ip', 'link', 'set', name, 'up'],
    ...plan.hosts.flatMap((host) => hostCommands(plan, host)),
  ];
}

export const buildNetwork = (plan: TopologyPlan) => runAll(networkCommands(plan));

/** The topology's namespaces that exist now. */
export async function topologyNamespaces(): Promise<string[]> {
  const listed = await run(['ip', 'netns', 'list']);
  return listed
    .split('\n')
    .map((line) => line.split(' ')[0]!)
    .filter((name) => name.startsWith(NAMESPACE_PREFIX));
}

/** The processes in a namespace, by id. */
export async function processesIn(namespace: string): Promise<number[]> {
  const listed = await run(['ip', 'netns', 'pids', namespace]).catch(() => '');
  return listed.split(/\s+/).filter(Boolean).map(Number);
}

/** SIGKILL to every process in the namespace; resolves once they are gone (three seconds at most). */
export async function killProcessesIn(namespace: string): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const pids = await processesIn(namespace);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await sleep(100);
  }
}

/** The topology's links in the root namespace: the bridge and the bridge ends of the veths. */
async function topologyLinks(): Promise<string[]> {
  const listed = await run(['ip', '-o', 'link', 'show']);
  return listed
    .split('\n')
    .map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name.startsWith(LINK_PREFIX));
}

/** What is left of a topology right now: namespaces and links by name. */
export async function leftovers(): Promise<{ namespaces: string[]; links: string[] }> {
  return { namespaces: await topologyNamespaces(), links: await topologyLinks() };
}

/**
 * Removes whatever is left of a topology: every process in an `st-` namespace (SIGKILL), the
 * namespaces (and with them the veth ends and the router's TUN in them), the links in the root
 * namespace. Resolves with the names still there after three seconds: none, normally.
 */
export async function removeLeftovers(): Promise<string[]> {
  const namespaces = await topologyNamespaces();
  for (const namespace of namespaces) await killProcessesIn(namespace);
  await runEach(namespaces.map((namespace) => ['ip', 'netns', 'del', namespace]));
  // A deleted namespace takes its veths along a moment later: a link listed now may be gone by the
  // time it is deleted, so what counts is what is left afterwards.
  await runEach((await topologyLinks()).map((link) => ['ip', 'link', 'del', link]));
  const deadline = Date.now() + 3_000;
  for (;;) {
    const left = await leftovers();
    const names = [...left.namespaces, ...left.links];
    if (names.length === 0 || Date.now() > deadline) return names;
    await sleep(100);
  }
}
