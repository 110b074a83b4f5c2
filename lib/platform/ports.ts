/**
 * Which ports the stack's services may have: one a client can reach, given to one service only, that
 * nobody listens on yet; and a free one for a stack of its own (tests, benchmarks, the simulator).
 */
import net from 'node:net';
import { isBadPort } from './badPorts';

/** A port given to a service, and the variable that gave it. */
export interface PortAssignment {
  name: string;
  port: number;
  variable: string;
}

/**
 * Ports no client could reach: one browsers and `fetch` block (badPorts.ts) or outside 1-65535, or
 * one given to two services. One problem each, naming the service and the variable.
 */
export function unusablePorts(assignments: readonly PortAssignment[]): string[] {
  const problems = assignments.flatMap(({ name, port, variable }) => {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return [`${name} cannot listen on port ${port} (${variable}): not a TCP port (1-65535)`];
    }
    if (isBadPort(port)) {
      return [
        `${name} cannot listen on port ${port} (${variable}): browsers and fetch refuse to connect to it (a WHATWG "bad port")`,
      ];
    }
    return [];
  });
  const given = new Map<number, string>();
  for (const { name, port, variable } of assignments) {
    const other = given.get(port);
    if (other) problems.push(`${name} cannot listen on port ${port} (${variable}): ${other} is given it too`);
    given.set(port, name);
  }
  return problems;
}

/**
 * Ports another process listens on, naming every one: the quick answer for the usual case (a stack
 * already running). A port taken between this check and the service's own start is still reported,
 * by the service: it exits saying it cannot listen.
 */
export async function takenPorts(assignments: readonly PortAssignment[]): Promise<string[]> {
  const free = await Promise.all(assignments.map(({ port }) => canBind(port)));
  return assignments
    .filter((_assignment, index) => !free[index])
    .map(({ name, port }) => `${name} cannot listen on port ${port}: already in use`);
}

/** Whether 127.0.0.1:`port` can be bound right now (the services' default host). */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * A TCP port nobody listens on right now, that clients accept and that is not in `taken` (which it
 * joins), for tests and benchmarks that start their own stack. Chosen at random below Linux's
 * ephemeral range (32768 and up): a port the kernel hands out for `listen(0)` is also what it hands
 * out as the local port of outgoing connections, so another stack's connections could take it
 * before the service that was given it binds it.
 */
export async function freePort(taken = new Set<number>()): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const wanted = attempt < 50 ? 20_000 + Math.floor(Math.random() * 12_000) : 0;
    const port = await new Promise<number | undefined>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(wanted, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    // The kernel may hand out 6000 or 10080 like any other port; no client would reach it.
    if (port !== undefined && !isBadPort(port) && !taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}
