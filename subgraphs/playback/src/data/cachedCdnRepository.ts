import type { Cdn } from '@platform/dataset/model';
import { StaleCache, type CachePolicy } from '@platform/staleCache';
import type { CdnRepository } from './cdnRepository';

/**
 * The CDN directory through the subgraph's cache, so manifests keep being built from the last known
 * CDNs while the database is away (see {@link StaleCache} for the policy).
 */
export class CachedCdnRepository implements CdnRepository {
  private readonly directory: StaleCache<'all', Cdn[]>;

  constructor(repository: CdnRepository, policy: CachePolicy) {
    this.directory = new StaleCache((keys) => Promise.all(keys.map(() => repository.listCdns())), {
      name: 'cdns',
      policy,
    });
  }

  async listCdns(): Promise<Cdn[]> {
    return [...(await this.directory.get('all'))];
  }
}
