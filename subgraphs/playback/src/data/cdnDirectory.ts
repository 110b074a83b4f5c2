import { LRUCache } from 'lru-cache';
import type { Cdn } from '@platform/dataset/model';
import type { TraceParent } from '@platform/tracing/spans';
import { orderCdns } from '../manifest/cdns';
import type { CdnRepository } from './cdnRepository';

/**
 * CDN order per country, shared across requests: it does not depend on the session, so it is worked
 * out once per country and reused until it may have changed (health flips). A read it needs is
 * traced under the request that found the ordering missing (requests asking meanwhile wait on it).
 */
export class CdnDirectory {
  private readonly byCountry: LRUCache<string, Cdn[], TraceParent>;

  /** @param ttlMs how long an ordering is reused. Defaults to 30_000 (thirty seconds). */
  constructor(repository: CdnRepository, ttlMs = 30_000) {
    this.byCountry = new LRUCache<string, Cdn[], TraceParent>({
      max: 500,
      ttl: ttlMs,
      fetchMethod: async (country, _stale, { context }) =>
        orderCdns(await repository.listCdns(context), country === '' ? null : country),
    });
  }

  /** `parent`: the request asking. */
  async forCountry(country: string | null, parent?: TraceParent): Promise<Cdn[]> {
    return (await this.byCountry.fetch(country ?? '', { context: parent }))!;
  }
}
