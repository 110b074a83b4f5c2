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
import { availabilityDataset, INSTANT } from './availabilityDataset';

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

/** The availability filters, on {@link availabilityDataset}: what `titles(country, playableAt)` lists. */
function availabilityContract(repository: () => TitleRepository) {
  const ids = async (query: Parameters<TitleRepository['list']>[0]) =>
    (await repository().list(query)).titles.map(({ id }) => id);
  const justBefore = new Date(INSTANT.getTime() - 1);

  it('lists for a country the titles licensed there and those licensed everywhere (null or empty)', async () => {
    const page = await repository().list({ country: 'CA', limit: 20 });

    expect(page.titles.map(({ id }) => id)).toEqual([
      'av-ca-open',
      'av-ends-at',
      'av-everywhere-empty',
      'av-everywhere-null',
      'av-expired',
      'av-starts-at',
      'av-unreadable-end',
      'av-unreadable-start',
    ]);
    expect(page).toMatchObject({ hasNextPage: false, totalCount: 8 });
  });

  it('lists only the titles licensed everywhere for a country no title names', async () => {
    const page = await repository().list({ country: 'GB', limit: 20 });

    expect(page.titles.map(({ id }) => id)).toEqual([
      'av-everywhere-empty',
      'av-everywhere-null',
      'av-unreadable-end',
      'av-unreadable-start',
    ]);
    expect(page.totalCount).toBe(4);
  });

  it('lists the titles whose window is open at an instant: start inclusive, end exclusive', async () => {
    const page = await repository().list({ playableAt: INSTANT, limit: 20 });

    // av-starts-at opens at INSTANT, av-ends-at closes at INSTANT, av-expired closed years ago.
    expect(page.titles.map(({ id }) => id)).toEqual([
      'av-ca-open',
      'av-everywhere-empty',
      'av-everywhere-null',
      'av-starts-at',
      'av-us-only',
    ]);
    expect(page).toMatchObject({ hasNextPage: false, totalCount: 5 });
  });

  it('one millisecond before, lists the window that has not opened yet as closed and the closing one as open', async () => {
    expect(await ids({ playableAt: justBefore, limit: 20 })).toEqual([
      'av-ca-open',
      'av-ends-at',
      'av-everywhere-empty',
      'av-everywhere-null',
      'av-us-only',
    ]);
  });

  it('never lists a title whose window bound cannot be read, yet lists it without playableAt', async () => {
    const everything = await ids({ limit: 20 });
    const playable = [
      ...(await ids({ playableAt: INSTANT, limit: 20 })),
      ...(await ids({ playableAt: new Date('1990-01-01T00:00:00Z'), limit: 20 })),
      ...(await ids({ playableAt: new Date('2200-01-01T00:00:00Z'), limit: 20 })),
    ];

    expect(everything).toEqual(expect.arrayContaining(['av-unreadable-end', 'av-unreadable-start']));
    expect(playable).not.toContain('av-unreadable-start');
    expect(playable).not.toContain('av-unreadable-end');
  });

  it('combines country and instant: what can be watched in CA at that instant', async () => {
    const page = await repository().list({ country: 'CA', playableAt: INSTANT, limit: 20 });

    expect(page.titles.map(({ id }) => id)).toEqual([
      'av-ca-open',
      'av-everywhere-empty',
      'av-everywhere-null',
      'av-starts-at',
    ]);
    expect(page).toMatchObject({ hasNextPage: false, totalCount: 4 });
  });

  it('combines the availability filters with a genre', async () => {
    const page = await repository().list({ genre: 'drama', country: 'CA', playableAt: INSTANT, limit: 20 });

    expect(page.titles.map(({ id }) => id)).toEqual(['av-ca-open', 'av-everywhere-empty', 'av-starts-at']);
    expect(page).toMatchObject({ hasNextPage: false, totalCount: 3 });
  });

  it('pages through filtered titles without leaving the filter, counting only the matches', async () => {
    const filter = { country: 'CA', playableAt: INSTANT };
    const first = await repository().list({ ...filter, limit: 3 });
    const second = await repository().list({ ...filter, limit: 3, afterId: first.titles.at(-1)!.id });

    expect(first.titles.map(({ id }) => id)).toEqual([
      'av-ca-open',
      'av-everywhere-empty',
      'av-everywhere-null',
    ]);
    expect(first).toMatchObject({ hasNextPage: true, totalCount: 4 });
    expect(second.titles.map(({ id }) => id)).toEqual(['av-starts-at']);
    expect(second).toMatchObject({ hasNextPage: false, totalCount: 4 });
  });

  it('continues after a title the filters leave out, from the next one they keep', async () => {
    // av-ends-at is in CA but closed at INSTANT.
    expect(await ids({ country: 'CA', playableAt: INSTANT, afterId: 'av-ends-at', limit: 20 })).toEqual([
      'av-everywhere-empty',
      'av-everywhere-null',
      'av-starts-at',
    ]);
  });
}

describe('MemoryTitleRepository', () => {
  titleRepositoryContract(() => new MemoryTitleRepository(dataset.titles));
});

describe('MemoryTitleRepository availability filters', () => {
  availabilityContract(() => new MemoryTitleRepository(availabilityDataset.titles));
});

describe('CachedTitleRepository availability filters over the embedded store', () => {
  // One cache for every case: a key that left out a filter would serve one case another's page.
  const cached = new CachedTitleRepository(new MemoryTitleRepository(availabilityDataset.titles), POLICY);
  availabilityContract(() => cached);
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

describeWithMongo('MongoTitleRepository availability filters', availabilityDataset, (database) => {
  availabilityContract(() => new MongoTitleRepository(database.store));

  it('filters in the database: one find and one count, both carrying the filters', async () => {
    database.resetCommands();

    await new MongoTitleRepository(database.store).list({ country: 'CA', playableAt: INSTANT, limit: 2 });

    const [find] = database.commands('find');
    const [count] = [...database.commands('count'), ...database.commands('aggregate')];
    expect(database.commands('find')).toHaveLength(1);
    expect(find!.command.limit).toBe(3);
    expect(JSON.stringify(find!.command.filter)).toContain('CA');
    expect(JSON.stringify(count!.command)).toContain('CA');
  });
});
