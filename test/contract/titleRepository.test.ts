/**
 * The TitleRepository contract: the embedded store, MongoDB and the cache in front of them answer the
 * same questions the same way.
 */
import { CachedTitleRepository } from '../../subgraphs/catalog/src/data/cachedTitleRepository';
import { MemoryTitleRepository } from '../../subgraphs/catalog/src/data/memoryTitleRepository';
import { MongoTitleRepository } from '../../subgraphs/catalog/src/data/mongoTitleRepository';
import type { TitleRepository } from '../../subgraphs/catalog/src/data/titleRepository';
import { describeWithMongo } from '@testing/mongo';
import { contractDataset as dataset } from './contractDataset';

const POLICY = { freshMs: 60_000, maxStaleMs: 600_000, deadlineMs: 5_000 };
const title = (id: string) => dataset.titles.find((candidate) => candidate.id === id)!;

function titleRepositoryContract(repository: () => TitleRepository) {
  it('finds titles by id in the order asked, with null for an unknown id', async () => {
    expect(await repository().findByIds(['t-c', 't-missing', 't-a', 't-c'])).toEqual([
      title('t-c'),
      null,
      title('t-a'),
      title('t-c'),
    ]);
  });

  it('returns a title exactly as the dataset describes it, times and offers included', async () => {
    const [found] = await repository().findByIds(['t-a']);

    expect(found).toStrictEqual(title('t-a'));
  });

  it('lists titles in catalog order, page by page, with the total', async () => {
    const first = await repository().list({ limit: 2 });
    const second = await repository().list({ limit: 2, afterId: 't-b' });
    const last = await repository().list({ limit: 2, afterId: 't-d' });

    expect(first.titles.map(({ id }) => id)).toEqual(['t-a', 't-b']);
    expect(first).toMatchObject({ hasNextPage: true, totalCount: 5 });
    expect(second.titles.map(({ id }) => id)).toEqual(['t-c', 't-d']);
    expect(last).toMatchObject({ hasNextPage: false, totalCount: 5 });
    expect(last.titles.map(({ id }) => id)).toEqual(['t-e']);
  });

  it('lists a genre whatever its case, counting only that genre', async () => {
    const page = await repository().list({ genre: 'dRaMa', limit: 10 });

    expect(page.titles.map(({ id }) => id)).toEqual(['t-b', 't-c', 't-e']);
    expect(page).toMatchObject({ hasNextPage: false, totalCount: 3 });
  });

  it('lists nothing for a genre no title has', async () => {
    expect(await repository().list({ genre: 'Western', limit: 10 })).toEqual({
      titles: [],
      hasNextPage: false,
      totalCount: 0,
    });
  });
}

describe('MemoryTitleRepository', () => {
  titleRepositoryContract(() => new MemoryTitleRepository(dataset.titles));
});

describe('CachedTitleRepository over the embedded store', () => {
  const cached = new CachedTitleRepository(new MemoryTitleRepository(dataset.titles), POLICY);
  titleRepositoryContract(() => cached);
});

describeWithMongo('MongoTitleRepository', dataset, (database) => {
  titleRepositoryContract(() => new MongoTitleRepository(database.store));

  it('reads a batch of ids with one find command that projects only title fields', async () => {
    const ids = Array.from({ length: 25 }, (_, index) => `t-${index}`);
    database.resetCommands();

    await new MongoTitleRepository(database.store).findByIds(ids);

    const finds = database.commands('find');
    expect(finds).toHaveLength(1);
    expect(finds[0]!.command.filter).toEqual({ _id: { $in: ids } });
    expect(finds[0]!.command.projection).not.toHaveProperty('genreKeys');
    expect(finds[0]!.command.maxTimeMS).toBeGreaterThan(0);
  });
});
