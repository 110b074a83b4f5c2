/**
 * Last good values, so a failed subgraph fetch can be answered with stale data. Records are kept per
 * entity (subgraph, type, key, scope) and per root request (subgraph, operation, variables, scope),
 * one timestamp per field; the scope is the caller, or every caller for PUBLIC data (engine.ts
 * builds the keys), so one account's data can never answer for another's.
 */
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import type { Logger } from '@platform/log';
import { withTimeout } from '@platform/withTimeout';

/** A field's last good value and when it was received (epoch milliseconds). */
export interface StaleField {
  value: unknown;
  at: number;
}
export type StaleRecord = Record<string, StaleField>;

export interface StaleStore {
  get(key: string): Promise<StaleRecord | undefined>;
  /** Merges fields into the record: newer fields replace older ones, others stay. */
  put(key: string, fields: Record<string, unknown>, at?: number): Promise<void>;
}

/**
 * Records the in-process store keeps by default (STALE_MAX_RECORDS). On the benchmark's traffic mix
 * a record holds about 6.5 KB (a title with its ladder): 20,000 or 50,000 of them
 * filled the image's 256 MB heap (the gateway at 316-342 MB resident), and 50,000 halved throughput
 * as collections ran back to back (docs/benchmarks.md). With REDIS_URL, Redis keeps more for every
 * replica; this is the hot tier.
 */
export const DEFAULT_STALE_RECORDS = 5_000;

/**
 * In-process store, bounded by record count (an entity or a root answer each, a few KiB at most for
 * a title with its ladder) that live 24 hours (no policy in the schema allows an older copy).
 * Counting records, not bytes, keeps a successful fetch from paying for a serialisation just to be
 * remembered.
 */
export class MemoryStaleStore implements StaleStore {
  private readonly records: LRUCache<string, StaleRecord>;

  constructor(options: { maxRecords?: number; ttlMs?: number } = {}) {
    this.records = new LRUCache<string, StaleRecord>({
      max: options.maxRecords ?? DEFAULT_STALE_RECORDS,
      ttl: options.ttlMs ?? 24 * 3600 * 1000,
    });
  }

  async get(key: string) {
    return this.records.get(key);
  }

  async put(key: string, fields: Record<string, unknown>, at = Date.now()) {
    this.records.set(key, newest(this.records.get(key), stamp(fields, at)));
  }

  /** For the tiered store: keep a record read from the shared tier. */
  remember(key: string, record: StaleRecord): void {
    this.records.set(key, newest(this.records.get(key), record));
  }
}

function stamp(fields: Record<string, unknown>, at: number): StaleRecord {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => [field, { value, at }]),
  );
}

/** Field by field, the newer of two records. */
function newest(existing: StaleRecord | undefined, incoming: StaleRecord): StaleRecord {
  const record: StaleRecord = { ...existing };
  for (const [field, value] of Object.entries(incoming)) {
    if (!record[field] || record[field].at <= value.at) record[field] = value;
  }
  return record;
}

/**
 * Memory first, then a Redis shared by every gateway replica, so a replica that just started can
 * serve stale data too. Redis is best effort: a slow or absent Redis costs at most `timeoutMs`
 * (default 50) on a read that is already a fallback, and never fails a request.
 */
export class TieredStaleStore implements StaleStore {
  constructor(
    private readonly memory: MemoryStaleStore,
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly options: { timeoutMs?: number; ttlSeconds?: number; prefix?: string } = {},
  ) {}

  async get(key: string): Promise<StaleRecord | undefined> {
    const local = await this.memory.get(key);
    if (local) return local;
    try {
      const text = await withTimeout(this.redis.get(this.redisKey(key)), this.options.timeoutMs ?? 50);
      if (!text) return undefined;
      const record = JSON.parse(text) as StaleRecord;
      this.memory.remember(key, record);
      return record;
    } catch (error) {
      this.logger.warn('shared stale store unavailable', { error: (error as Error).message });
      return undefined;
    }
  }

  async put(key: string, fields: Record<string, unknown>, at = Date.now()): Promise<void> {
    await this.memory.put(key, fields, at);
    const record = await this.memory.get(key);
    this.redis
      .set(this.redisKey(key), JSON.stringify(record), 'EX', this.options.ttlSeconds ?? 86_400)
      .catch((error: Error) => this.logger.warn('could not share a stale copy', { error: error.message }));
  }

  private redisKey(key: string) {
    return `${this.options.prefix ?? 'stale:v1:'}${key}`;
  }
}
