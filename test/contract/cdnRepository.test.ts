/**
 * The CdnRepository contract: the embedded store, MongoDB and the cache in front of them answer the
 * same questions the same way.
 */
import { CachedCdnRepository } from '../../subgraphs/playback/src/data/cachedCdnRepository';
import type { CdnRepository } from '../../subgraphs/playback/src/data/cdnRepository';
import { MemoryCdnRepository } from '../../subgraphs/playback/src/data/memoryCdnRepository';
import { MongoCdnRepository } from '../../subgraphs/playback/src/data/mongoCdnRepository';
import { describeWithMongo } from '@testing/mongo';
import { contractDataset as dataset } from './contractDataset';

const POLICY = { freshMs: 60_000, maxStaleMs: 600_000, deadlineMs: 5_000 };
const byId = <T extends { id: string }>(cdns: T[]) => [...cdns].sort((a, b) => a.id.localeCompare(b.id));

function cdnRepositoryContract(repository: () => CdnRepository) {
  it('lists every CDN, whatever its regions and health, exactly as the dataset describes it', async () => {
    expect(byId(await repository().listCdns())).toStrictEqual(byId(dataset.cdns));
  });

  it("hands out a list the caller may reorder without changing the next caller's", async () => {
    const first = await repository().listCdns();
    first.reverse();

    expect(byId(await repository().listCdns())).toStrictEqual(byId(dataset.cdns));
  });
}

describe('MemoryCdnRepository', () => {
  cdnRepositoryContract(() => new MemoryCdnRepository(dataset.cdns));
});

describe('CachedCdnRepository over the embedded store', () => {
  const cached = new CachedCdnRepository(new MemoryCdnRepository(dataset.cdns), POLICY);
  cdnRepositoryContract(() => cached);
});

describeWithMongo('MongoCdnRepository', dataset, (database) => {
  cdnRepositoryContract(() => new MongoCdnRepository(database.store));
});
