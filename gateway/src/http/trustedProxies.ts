import net from 'node:net';

/**
 * The hops whose `x-country` the gateway believes: the edge or load balancer in front of it. Anyone
 * can send the header; it counts only when the TCP peer, the address nobody can forge on an
 * established connection, is one of these. Everyone else's request has an unknown country, which no
 * title's country list contains (lib/contracts/country.ts), so a lie can only lose access.
 */
export class TrustedProxies {
  private constructor(
    private readonly list: net.BlockList,
    /** The entries as configured, for the log line at start. */
    readonly entries: readonly string[],
  ) {}

  /** Nobody: the production default until the edge's addresses are configured. */
  static readonly none = TrustedProxies.parse([]);

  /** This machine: the development and test default (`npm start` and the tests call from loopback). */
  static readonly loopback = TrustedProxies.parse(['127.0.0.0/8', '::1']);

  /**
   * From addresses and CIDR blocks, IPv4 or IPv6 (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`).
   * Throws naming every entry that is neither.
   */
  static parse(entries: readonly string[]): TrustedProxies {
    const list = new net.BlockList();
    const problems: string[] = [];
    for (const entry of entries) {
      const [address = '', prefix, extra] = entry.split('/');
      const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : undefined;
      const bits = prefix === undefined ? undefined : Number(prefix);
      const maxBits = family === 'ipv4' ? 32 : 128;
      if (!family || extra !== undefined || (bits !== undefined && !validPrefix(prefix!, bits, maxBits))) {
        problems.push(`"${entry}" is not an IP address or CIDR block`);
      } else if (bits === undefined) list.addAddress(address, family);
      else list.addSubnet(address, bits, family);
    }
    if (problems.length > 0) throw new Error(problems.join('; '));
    return new TrustedProxies(list, entries);
  }

  /** Whether the TCP peer `address` (as `socket.remoteAddress` gives it) is a trusted hop. */
  trusts(address: string | undefined): boolean {
    if (!address) return false;
    // A dual-stack listener reports IPv4 peers as IPv4-mapped IPv6 (`::ffff:10.0.0.1`).
    const mapped = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : undefined;
    if (mapped && net.isIPv4(mapped)) return this.list.check(mapped, 'ipv4');
    if (net.isIPv4(address)) return this.list.check(address, 'ipv4');
    return net.isIPv6(address) && this.list.check(address, 'ipv6');
  }
}

function validPrefix(text: string, bits: number, maxBits: number): boolean {
  return /^\d{1,3}$/.test(text) && bits >= 0 && bits <= maxBits;
}

/** `TRUSTED_PROXIES`: comma-separated entries, or `none`. */
export function parseTrustedProxyList(value: string): string[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
