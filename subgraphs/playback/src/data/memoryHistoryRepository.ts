import {
  CONTINUE_WATCHING_LIMIT,
  historyKey,
  newestPerKey,
  type ContinueWatchingEntry,
  type HistoryOwner,
  type HistoryRepository,
  type PlaybackEnd,
} from './historyRepository';

/** The embedded store: history in memory, gone when the process stops (development and tests). */
export class MemoryHistoryRepository implements HistoryRepository {
  private readonly entries = new Map<string, PlaybackEnd>();

  constructor(initial: readonly PlaybackEnd[] = []) {
    for (const end of initial) this.entries.set(historyKey(end), { ...end });
  }

  /** Every entry held, one per profile and title. */
  all(): PlaybackEnd[] {
    return [...this.entries.values()];
  }

  async recordEnds(ends: readonly PlaybackEnd[]): Promise<void> {
    for (const end of newestPerKey(ends)) {
      const held = this.entries.get(historyKey(end));
      if (!held || Date.parse(held.endedAt) <= Date.parse(end.endedAt)) {
        this.entries.set(historyKey(end), { ...end });
      }
    }
  }

  async continueWatching(owners: readonly HistoryOwner[]): Promise<ContinueWatchingEntry[][]> {
    return owners.map(({ accountId, profileId }) =>
      [...this.entries.values()]
        .filter((end) => end.profileId === profileId && end.accountId === accountId && !end.completed)
        .sort((a, b) => Date.parse(b.endedAt) - Date.parse(a.endedAt))
        .slice(0, CONTINUE_WATCHING_LIMIT)
        .map(({ titleId, positionSeconds, endedAt }) => ({ titleId, positionSeconds, updatedAt: endedAt })),
    );
  }
}
