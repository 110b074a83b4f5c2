import type { Title } from '@platform/dataset/model';
import { StaleCache, type CachePolicy } from '@platform/staleCache';
import type { TraceParent } from '@platform/tracing/spans';
import type { TitlePage, TitleQuery, TitleRepository } from './titleRepository';

/**
 * Titles through the subgraph's cache: every play request reads its title, and a catalog page may be
 * served stale while the database is away (see {@link StaleCache} for the policy).
 */
export class CachedTitleRepository implements TitleRepository {
  private readonly byId: StaleCache<string, Title | null>;
  private readonly pages: StaleCache<TitleQuery, TitlePage>;

  constructor(repository: TitleRepository, policy: CachePolicy) {
    this.byId = new StaleCache((ids, parent) => repository.findByIds(ids, parent), {
      name: 'titles',
      policy,
    });
    this.pages = new StaleCache(
      (queries, parent) => Promise.all(queries.map((query) => repository.list(query, parent))),
      {
        name: 'title pages',
        policy,
        // Every field of the query that changes the page; the instant as epoch milliseconds, so that one
        // instant written with different offsets shares one entry.
        keyOf: ({ genre, country, playableAt, afterId, limit }) =>
          JSON.stringify([genre?.toLowerCase(), country, playableAt?.getTime(), afterId, limit]),
      },
    );
  }

  findByIds(ids: readonly string[], parent?: TraceParent): Promise<(Title | null)[]> {
    return this.byId.getMany(ids, parent);
  }

  list(query: TitleQuery, parent?: TraceParent): Promise<TitlePage> {
    return this.pages.get(query, parent);
  }
}
