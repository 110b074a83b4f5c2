import { parseTrustedProxyList, TrustedProxies } from './trustedProxies';

describe('TrustedProxies', () => {
  it('trusts addresses inside configured IPv4 and IPv6 blocks and nothing else', () => {
    const proxies = TrustedProxies.parse(['10.0.0.0/8', '2001:db8::/32', '192.0.2.7']);
    expect(proxies.trusts('10.1.2.3')).toBe(true);
    expect(proxies.trusts('192.0.2.7')).toBe(true);
    expect(proxies.trusts('2001:db8::1')).toBe(true);
    expect(proxies.trusts('192.0.2.8')).toBe(false);
    expect(proxies.trusts('11.0.0.1')).toBe(false);
    expect(proxies.trusts('2001:db9::1')).toBe(false);
    expect(proxies.trusts(undefined)).toBe(false);
  });

  it('treats an IPv4-mapped IPv6 peer as the IPv4 address it carries', () => {
    expect(TrustedProxies.loopback.trusts('::ffff:127.0.0.1')).toBe(true);
    expect(TrustedProxies.loopback.trusts('::1')).toBe(true);
    expect(TrustedProxies.loopback.trusts('::ffff:10.0.0.1')).toBe(false);
  });

  it('trusts nobody when no proxy is configured', () => {
    expect(TrustedProxies.none.trusts('127.0.0.1')).toBe(false);
    expect(TrustedProxies.parse(parseTrustedProxyList('none')).trusts('127.0.0.1')).toBe(false);
  });

  it('refuses entries that are not addresses or CIDR blocks, naming each', () => {
    expect(() => TrustedProxies.parse(['10.0.0.0/33', 'edge.example.net', '10.0.0.1'])).toThrow(
      '"10.0.0.0/33" is not an IP address or CIDR block; "edge.example.net" is not an IP address or CIDR block',
    );
  });
});
