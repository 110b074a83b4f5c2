/**
 * Decision records in MongoDB, shared by every gateway replica: the `playDecisions` collection, one
 * document per decision whose `_id` is its session id, so a retried write never keeps a record twice.
 * `at` is a BSON date, so that ranges compare instants and a TTL index can expire records.
 */
import { MongoBulkWriteError, MongoServerError, type Collection, type Filter } from 'mongodb';
import type { MongoStore } from '../mongo/client';
import {
  decisionInstant,
  type DecisionQuery,
  type DecisionRecord,
  type DecisionStore,
  type RefusalCount,
} from './record';

type DecisionDocument = Omit<DecisionRecord, 'sessionId' | 'at'> & { _id: string; at: Date };

export const DECISION_COLLECTION = 'playDecisions';

/** FerretDB takes milliseconds per document: one command of thousands would outlast the deadline. */
const RECORDS_PER_WRITE = 500;

const DUPLICATE_KEY = 11000;
/** An index of the same keys exists with other options: the TTL index of another retention. */
const INDEX_OPTIONS_CONFLICT = 85;
/** What FerretDB 1.24 answers to a TTL index. */
const NOT_IMPLEMENTED = 238;

export class MongoDecisionStore implements DecisionStore {
  private readonly collection: Collection<DecisionDocument>;

  constructor(
    private readonly store: MongoStore,
    /** Whether `close` closes the connection too (one opened for this store alone). */
    private readonly ownsConnection: boolean,
    /** Records expire this many days after their `at` (where the server applies TTL indexes). */
    private readonly retentionDays: number,
  ) {
    this.collection = store.db.collection<DecisionDocument>(DECISION_COLLECTION);
  }

  /** The indexes; created with the first write (readers may not be allowed to), retried if it fails. */
  private indexed: Promise<void> | undefined;

  async add(records: readonly DecisionRecord[]): Promise<void> {
    if (records.length === 0) return;
    const documents = records.map(toDocument);
    this.indexed ??= this.createIndexes().catch((error: unknown) => {
      this.indexed = undefined;
      throw error;
    });
    await this.indexed;
    for (let start = 0; start < documents.length; start += RECORDS_PER_WRITE) {
      try {
        await this.collection.insertMany(documents.slice(start, start + RECORDS_PER_WRITE), {
          ordered: false,
        });
      } catch (error) {
        // Unordered: every other record of the batch was inserted (FerretDB 1.24 as well; the contract
        // test checks it); those already kept stay as they were.
        if (!onlyDuplicates(error)) throw error;
      }
    }
  }

  async list(query: DecisionQuery): Promise<DecisionRecord[]> {
    if (query.limit <= 0) return [];
    const filter: Filter<DecisionDocument> = {
      accountId: query.accountId,
      at: { $gte: query.from, $lt: query.to },
    };
    if (query.reason !== undefined) filter.reason = query.reason;
    if (query.after) {
      // Session ids are ASCII (UUIDs), where the server's byte order is `listedBefore`'s.
      const at = decisionInstant(query.after.at);
      filter.$or = [{ at: { $lt: at } }, { at, _id: { $lt: query.after.sessionId } }];
    }
    const documents = await this.collection
      .find(filter, { maxTimeMS: this.store.operationTimeoutMs })
      .sort({ at: -1, _id: -1 })
      .limit(query.limit)
      .toArray();
    return documents.map(toRecord);
  }

  async get(sessionId: string): Promise<DecisionRecord | null> {
    const document = await this.collection.findOne(
      { _id: sessionId },
      { maxTimeMS: this.store.operationTimeoutMs },
    );
    return document && toRecord(document);
  }

  async refusalCounts(country: string, from: Date, to: Date): Promise<RefusalCount[]> {
    const counts = await this.collection
      .aggregate<{ _id: RefusalCount['reason']; count: number }>(
        [
          { $match: { country, allowed: false, at: { $gte: from, $lt: to } } },
          { $group: { _id: '$reason', count: { $sum: 1 } } },
          { $sort: { count: -1, _id: 1 } },
        ],
        { maxTimeMS: this.store.operationTimeoutMs },
      )
      .toArray();
    return counts.map(({ _id, count }) => ({ reason: _id, count }));
  }

  /**
   * Deletes what the TTL index would, for servers without one: FerretDB 1.24 (CI's) refuses to create
   * TTL indexes, so there nothing expires unless this runs.
   */
  async prune(before: Date): Promise<void> {
    await this.collection.deleteMany({ at: { $lt: before } }, { maxTimeMS: this.store.operationTimeoutMs });
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.store.close();
  }

  /** An account's records newest first (`list`), refusals per country and range, and the TTL index. */
  private async createIndexes(): Promise<void> {
    // One index per command: FerretDB 1.24 drops the connection (a panic) on a `createIndexes` of
    // several indexes that already exist, which is every replica's start but the first.
    await this.collection.createIndex({ accountId: 1, at: -1, _id: -1 });
    await this.collection.createIndex({ country: 1, at: 1 });
    const expireAfterSeconds = this.retentionDays * 86_400;
    try {
      await this.collection.createIndex({ at: 1 }, { expireAfterSeconds });
    } catch (error) {
      if (!(error instanceof MongoServerError)) throw error;
      if (error.code === NOT_IMPLEMENTED) return; // FerretDB: `prune` deletes what the index would
      if (error.code !== INDEX_OPTIONS_CONFLICT) throw error;
      // The retention changed since the index was made: change the index's expiry to the new one.
      await this.store.db.command({
        collMod: DECISION_COLLECTION,
        index: { keyPattern: { at: 1 }, expireAfterSeconds },
      });
    }
  }
}

function toDocument({ sessionId, at, ...record }: DecisionRecord): DecisionDocument {
  return { _id: sessionId, at: decisionInstant(at), ...record };
}

function toRecord({ _id, at, ...record }: DecisionDocument): DecisionRecord {
  return { sessionId: _id, at: at.toISOString(), ...record };
}

/** Whether a write failed only because some of its records were kept already. */
function onlyDuplicates(error: unknown): boolean {
  if (!(error instanceof MongoBulkWriteError) || error.result.getWriteConcernError()) return false;
  const errors = [error.writeErrors].flat();
  return errors.length > 0 && errors.every((writeError) => writeError.code === DUPLICATE_KEY);
}
