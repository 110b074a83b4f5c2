import type { TrustedProxies } from './trustedProxies';

/**
 * The address a request comes from, for the per-address rate limit: the TCP peer, unless the peer is
 * a trusted proxy (the edge), in which case the nearest address it forwards in `X-Forwarded-For`
 * that is not itself a trusted proxy. Entries to the left of that one were written by the client and
 * prove nothing, so they are never used; an untrusted peer's header is ignored whole.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string | undefined {
  if (!trusted.trusts(peer) || forwardedFor === undefined) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index--) {
    if (!trusted.trusts(hops[index])) return hops[index];
  }
  return hops[0] ?? peer;
}
