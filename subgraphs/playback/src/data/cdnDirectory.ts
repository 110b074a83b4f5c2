import { LRUCache } from 'lru-cache';
import type { Cdn } from '@platform/dataset/model';
import { orderCdns } from '../manifest/cdns';
import type { CdnRepository } from './cdnRepository';

/**
 * CDN order per country, shared across requests: it does not depend on the session, so it is worked
 * out once per country and reused until it may have changed (health flips).
 */
export class CdnDirectory {
  private readonly byCountry: LRUCache<string, Cdn[]>;

  /** @param ttlMs how long an ordering is reused. Defaults to 30_000 (thirty seconds). */
  constructor(repository: CdnRepository, ttlMs = 30_000) {
    this.byCountry = new LRUCache<string, Cdn[]>({
      max: 500,
      ttl: ttlMs,
      fetchMethod: async (country) => orderCdns(await repository.listCdns(), country === '' ? null : country),
    });
  }

  async forCountry(country: string | null): Promise<Cdn[]> {
    return (await this.byCountry.fetch(country ?? ''))!;
  }
}
