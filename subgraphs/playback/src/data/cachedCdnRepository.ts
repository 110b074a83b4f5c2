import type { Cdn } from '@platform/dataset/model';
import { StaleCache, type CachePolicy } from '@platform/staleCache';
import type { TraceParent } from '@platform/tracing/spans';
import type { CdnRepository } from './cdnRepository';

/**
 * The CDN directory through the subgraph's cache, so manifests keep being built from the last known
 * CDNs while the database is away (see {@link StaleCache} for the policy).
 */
export class CachedCdnRepository implements CdnRepository {
  private readonly directory: StaleCache<'all', Cdn[]>;

  constructor(repository: CdnRepository, policy: CachePolicy) {
    this.directory = new StaleCache(
      (keys, parent) => Promise.all(keys.map(() => repository.listCdns(parent))),
      { name: 'cdns', policy },
    );
  }

  async listCdns(parent?: TraceParent): Promise<Cdn[]> {
    return [...(await this.directory.get('all', parent))];
  }
}
