import { MongoBulkWriteError, type AnyBulkWriteOperation } from 'mongodb';
import { collection, type WatchHistoryDocument } from '@platform/mongo/collections';
import type { MongoStore } from '@platform/mongo/client';
import { mongoSpan } from '@platform/mongo/spans';
import type { TraceParent } from '@platform/tracing/spans';
import {
  CONTINUE_WATCHING_LIMIT,
  historyKey,
  newestPerKey,
  type ContinueWatchingEntry,
  type HistoryOwner,
  type HistoryRepository,
  type PlaybackEnd,
} from './historyRepository';

const DUPLICATE_KEY = 11000;

/** Watch history in the `watchHistory` collection (docs/mongodb.md), one document per profile and title. */
export class MongoHistoryRepository implements HistoryRepository {
  constructor(private readonly store: MongoStore) {}

  private get history() {
    return collection(this.store.db, 'watchHistory');
  }

  /**
   * One `bulkWrite` per batch: an upsert per (profile, title) whose filter only matches a document
   * that is not newer (`updatedAt <= endedAt`). When a newer one exists, the filter misses, the upsert
   * tries to insert the same `_id` and fails with a duplicate key: that end is simply stale, and is
   * dropped. The rest of the batch is sent again (some servers, FerretDB among them, stop an
   * unordered batch at its first error); every write is idempotent, so resending is harmless.
   */
  async recordEnds(ends: readonly PlaybackEnd[]): Promise<void> {
    let pending = newestPerKey(ends);
    while (pending.length > 0) {
      try {
        await this.history.bulkWrite(pending.map(upsertOf), { ordered: false });
        return;
      } catch (error) {
        const stale = staleIndexes(error);
        if (stale === null) throw error;
        pending = pending.filter((_end, index) => !stale.has(index));
      }
    }
  }

  async continueWatching(
    owners: readonly HistoryOwner[],
    parent?: TraceParent,
  ): Promise<ContinueWatchingEntry[][]> {
    const documents = await mongoSpan(parent, this.store, 'find', 'watchHistory', () =>
      this.history
        .find(
          {
            profileId: { $in: [...new Set(owners.map((owner) => owner.profileId))] },
            accountId: { $in: [...new Set(owners.map((owner) => owner.accountId))] },
            completed: false,
          },
          { projection: { profileId: 1, accountId: 1, titleId: 1, positionSeconds: 1, updatedAt: 1 } },
        )
        .sort({ updatedAt: -1 })
        .maxTimeMS(this.store.operationTimeoutMs)
        .toArray(),
    );
    return owners.map(({ accountId, profileId }) =>
      documents
        .filter((document) => document.profileId === profileId && document.accountId === accountId)
        .slice(0, CONTINUE_WATCHING_LIMIT)
        .map(({ titleId, positionSeconds, updatedAt }) => ({
          titleId,
          positionSeconds,
          updatedAt: updatedAt.toISOString(),
        })),
    );
  }
}

function upsertOf(end: PlaybackEnd): AnyBulkWriteOperation<WatchHistoryDocument> {
  const updatedAt = new Date(end.endedAt);
  return {
    updateOne: {
      filter: { _id: historyKey(end), updatedAt: { $lte: updatedAt } },
      update: {
        $set: {
          profileId: end.profileId,
          accountId: end.accountId,
          titleId: end.titleId,
          sessionId: end.sessionId,
          positionSeconds: end.positionSeconds,
          completed: end.completed,
          updatedAt,
        },
      },
      upsert: true,
    },
  };
}

/** The batch indexes that failed only because a newer document exists; null for any other failure. */
function staleIndexes(error: unknown): Set<number> | null {
  if (!(error instanceof MongoBulkWriteError)) return null;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.length === 0 || writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY)) {
    return null;
  }
  return new Set(writeErrors.map((writeError) => writeError.index));
}
