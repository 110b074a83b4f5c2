import type { Cdn } from '@platform/dataset/model';
import { collection } from '@platform/mongo/collections';
import type { MongoStore } from '@platform/mongo/client';
import { mongoSpan } from '@platform/mongo/spans';
import type { TraceParent } from '@platform/tracing/spans';
import type { CdnRepository } from './cdnRepository';

/** The CDN directory in the `cdns` collection (docs/mongodb.md); a few dozen documents at most. */
export class MongoCdnRepository implements CdnRepository {
  constructor(private readonly store: MongoStore) {}

  async listCdns(parent?: TraceParent): Promise<Cdn[]> {
    const documents = await mongoSpan(parent, this.store, 'find', 'cdns', () =>
      collection(this.store.db, 'cdns')
        .find({}, { projection: { baseUrl: 1, regions: 1, priority: 1, healthy: 1 } })
        .sort({ _id: 1 })
        .maxTimeMS(this.store.operationTimeoutMs)
        .toArray(),
    );
    return documents.map(({ _id, baseUrl, regions, priority, healthy }) => ({
      id: _id,
      baseUrl,
      regions,
      priority,
      healthy,
    }));
  }
}
