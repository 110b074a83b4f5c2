/**
 * Which CDNs a manifest lists, and in what order: the `cdns` claim (docs/play-contract.md, "CDNs").
 */
import type { Cdn } from '@platform/dataset/model';

/**
 * True when the CDN may serve a viewer in `country`. A CDN with no regions serves everywhere; one with
 * regions serves only those, and so never a viewer whose country is unknown (null): without a country
 * we cannot show the viewer is inside a CDN's licensed footprint.
 */
export function servesCountry(cdn: Cdn, country: string | null): boolean {
  if (cdn.regions.length === 0) return true;
  return country !== null && cdn.regions.includes(country);
}

/** Healthy first, then ascending priority, then id so equal priorities still order the same way. */
function byHealthThenPriorityThenId(a: Cdn, b: Cdn): number {
  return (
    Number(b.healthy) - Number(a.healthy) ||
    a.priority - b.priority ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * The CDNs a player may fetch segments from, best first.
 *
 * Every CDN that serves `country` is listed (see {@link servesCountry}), unhealthy ones included:
 * health is a snapshot and may be stale, so an unhealthy CDN is still worth a try after the healthy ones
 * fail. Healthy CDNs come first; within each group, lower `priority` comes first (ties by id).
 * `country` is an ISO 3166-1 alpha-2 code as validated at the edge, compared exactly. The input is not
 * mutated; the result may be empty when no CDN serves the country.
 */
export function orderCdns(cdns: readonly Cdn[], country: string | null): Cdn[] {
  return cdns.filter((cdn) => servesCountry(cdn, country)).sort(byHealthThenPriorityThenId);
}
