import DataLoader from 'dataloader';
import type { TraceParent } from '@platform/tracing/spans';
import type { ContinueWatchingEntry, HistoryRepository } from './historyRepository';

export interface PlaybackLoaders {
  /**
   * Continue-watching rows by profile id, for the caller's account only: `me { profiles {
   * continueWatching } }` asks for every profile of the account in one `_entities` batch, which this
   * turns into one repository read instead of one per profile.
   */
  continueWatching: DataLoader<string, ContinueWatchingEntry[]>;
}

/**
 * New loaders for every request, bound to its caller, so nothing here outlives the request; their
 * reads are traced under `trace`, the request's.
 */
export function createLoaders(
  history: HistoryRepository,
  accountId: string | null,
  trace: TraceParent,
): PlaybackLoaders {
  return {
    continueWatching: new DataLoader(async (profileIds) =>
      accountId === null
        ? profileIds.map(() => [])
        : history.continueWatching(
            profileIds.map((profileId) => ({ accountId, profileId })),
            trace,
          ),
    ),
  };
}
