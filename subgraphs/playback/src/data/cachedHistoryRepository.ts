import { StaleCache, type CachePolicy } from '@platform/staleCache';
import type { TraceParent } from '@platform/tracing/spans';
import type {
  ContinueWatchingEntry,
  HistoryOwner,
  HistoryRepository,
  PlaybackEnd,
} from './historyRepository';

/**
 * Continue-watching reads through the subgraph's cache (see {@link StaleCache}), so the row keeps
 * showing while the database is away. Fresh only briefly: a viewer who just stopped expects to see
 * it. Writes pass straight through (the journal is their queue).
 */
export class CachedHistoryRepository implements HistoryRepository {
  private readonly rows: StaleCache<HistoryOwner, ContinueWatchingEntry[]>;

  constructor(
    private readonly repository: HistoryRepository,
    policy: CachePolicy,
  ) {
    this.rows = new StaleCache((owners, parent) => repository.continueWatching(owners, parent), {
      name: 'continue watching',
      policy,
      keyOf: ({ accountId, profileId }) => JSON.stringify([accountId, profileId]),
    });
  }

  recordEnds(ends: readonly PlaybackEnd[]): Promise<void> {
    return this.repository.recordEnds(ends);
  }

  continueWatching(
    owners: readonly HistoryOwner[],
    parent?: TraceParent,
  ): Promise<ContinueWatchingEntry[][]> {
    return this.rows.getMany(owners, parent);
  }
}
