/**
 * A watcher of where processes try to send anything: strace records every `connect` and every
 * datagram's destination (`sendto`, `sendmsg`, `sendmmsg`) of a process and all its descendants, so a
 * test can list the addresses a stack reached for, failed attempts included. A name lookup shows up
 * as a datagram or connection to port 53 of a resolver.
 */
import { isIP } from 'node:net';

/** The syscalls that name a destination: a connection, or a datagram sent without one. */
const SYSCALLS = 'connect,sendto,sendmsg,sendmmsg';

/**
 * The command to put in front of another so that its whole process tree is watched, written to
 * `traceFile`. `--seccomp-bpf` stops the tracee only at these syscalls, so the stack runs at nearly
 * full speed.
 */
export function watchedBy(traceFile: string): string[] {
  return [
    'strace',
    '-f',
    '-qq',
    '--seccomp-bpf',
    '-e',
    `trace=${SYSCALLS}`,
    '-e',
    'signal=none',
    '-o',
    traceFile,
  ];
}

/**
 * The command to put in front of another so that it runs in a network namespace of its own with only
 * loopback: whatever it reaches for beyond the host fails at once (ENETUNREACH) and never leaves the
 * machine, while a watcher inside still records the attempt. Needs root (as CI runs).
 */
export function isolatedFromTheNetwork(): string[] {
  return ['unshare', '--net', '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh'];
}

/** One destination a traced process named. */
export interface Destination {
  address: string;
  port: number;
  /** The trace line it was read from, to show in a failure. */
  line: string;
}

/** An endpoint a process was configured with, such as REDIS_URL's host and port. */
export interface Endpoint {
  host: string;
  port: number;
}

/** Every IPv4 and IPv6 destination in an strace output; Unix sockets and netlink are local. */
export function destinationsIn(trace: string): Destination[] {
  const destinations: Destination[] = [];
  for (const line of trace.split('\n')) {
    for (const [socketAddress] of line.matchAll(/sa_family=AF_INET6?,[^}]*/g)) {
      const port = /sin6?_port=htons\((\d+)\)/.exec(socketAddress)?.[1];
      const address =
        /inet_addr\("([^"]+)"\)/.exec(socketAddress)?.[1] ??
        /inet_pton\(AF_INET6, "([^"]+)"/.exec(socketAddress)?.[1];
      if (port === undefined || address === undefined)
        throw new Error(`Cannot read the destination of this trace line: ${line}`);
      destinations.push({ address, port: Number(port), line });
    }
  }
  return destinations;
}

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6 (::ffff:127.x.x.x). */
export function isLoopback(address: string): boolean {
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(ipv4) === 4) return ipv4.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** The host and port of a configured URL (`redis://127.0.0.1:6379`, `mongodb://host:27017/`). */
export function endpointOf(url: string, defaultPort: number): Endpoint {
  const parsed = new URL(url);
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || defaultPort) };
}

/**
 * The destinations that are neither loopback nor one of `configured`, and every name lookup (port 53,
 * loopback resolvers included: every configured endpoint here is an address, so nothing needs one).
 */
export function unaskedDestinations(
  destinations: readonly Destination[],
  configured: readonly Endpoint[] = [],
): Destination[] {
  return destinations.filter(
    (destination) =>
      destination.port === 53 ||
      !(
        isLoopback(destination.address) ||
        configured.some(
          (endpoint) => endpoint.host === destination.address && endpoint.port === destination.port,
        )
      ),
  );
}
