/**
 * Field usage in MongoDB, shared by every gateway replica: the `fieldUsage` collection, one document
 * per day, coordinate and client version, incremented with upserts. Old days are deleted by `prune`
 * (the recorder calls it daily) rather than by a TTL index, which FerretDB does not apply.
 */
import type { Collection } from 'mongodb';
import type { MongoStore } from '../mongo/client';
import { rowKey, type FieldUsageStore, type UsageRow } from './usage';

interface UsageDocument {
  /** `rowKey`: day, coordinate, client and version. */
  _id: string;
  day: string;
  coordinate: string;
  client: string;
  version: string;
  count: number;
}

export const FIELD_USAGE_COLLECTION = 'fieldUsage';

const ROWS_PER_WRITE = 500;

export class MongoFieldUsageStore implements FieldUsageStore {
  private readonly collection: Collection<UsageDocument>;

  constructor(
    private readonly store: MongoStore,
    /** Whether `close` closes the connection too (one opened for this store alone). */
    private readonly ownsConnection: boolean,
  ) {
    this.collection = store.db.collection<UsageDocument>(FIELD_USAGE_COLLECTION);
  }

  /** The index on `day` that reads and pruning use; created with the first write, retried if it fails. */
  private indexed: Promise<string> | undefined;

  async add(rows: readonly UsageRow[]): Promise<void> {
    if (rows.length === 0) return;
    this.indexed ??= this.collection.createIndex({ day: 1 }).catch((error: unknown) => {
      this.indexed = undefined;
      throw error;
    });
    await this.indexed;
    // In batches: FerretDB takes milliseconds per upsert, and one command of thousands would outlast
    // the connection's deadline.
    for (let start = 0; start < rows.length; start += ROWS_PER_WRITE) {
      await this.collection.bulkWrite(
        rows.slice(start, start + ROWS_PER_WRITE).map(({ count, ...row }) => ({
          updateOne: {
            filter: { _id: rowKey(row) },
            update: { $inc: { count }, $setOnInsert: row },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    }
  }

  async read(from: string, to: string): Promise<UsageRow[]> {
    const documents = await this.collection
      .find({ day: { $gte: from, $lte: to } }, { maxTimeMS: this.store.operationTimeoutMs })
      .toArray();
    return documents.map(({ day, coordinate, client, version, count }) => ({
      day,
      coordinate,
      client,
      version,
      count,
    }));
  }

  async firstDay(): Promise<string | null> {
    const [first] = await this.collection
      .find({}, { projection: { day: 1 }, maxTimeMS: this.store.operationTimeoutMs })
      .sort({ day: 1 })
      .limit(1)
      .toArray();
    return first?.day ?? null;
  }

  async prune(before: string): Promise<void> {
    await this.collection.deleteMany({ day: { $lt: before } }, { maxTimeMS: this.store.operationTimeoutMs });
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.store.close();
  }
}
