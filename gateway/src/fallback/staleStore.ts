/**
 * Last good values, so a failed subgraph fetch can be answered with stale data. Records are kept per
 * entity (subgraph, type, key, scope) and per root request (subgraph, operation, variables, scope),
 * one timestamp per field; the scope is the caller, or every caller for PUBLIC data (engine.ts
 * builds the keys), so one account's data can never answer for another's.
 */
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import type { Logger } from '@platform/log';
import { withParent, type TraceParent } from '@platform/tracing/spans';
import { traceFields } from '@platform/traceIds';
import { withTimeout } from '@platform/withTimeout';

/** A field's last good value and when it was received (epoch milliseconds). */
export interface StaleField {
  value: unknown;
  at: number;
}
export type StaleRecord = Record<string, StaleField>;

export interface StaleStore {
  /** `trace`, here and below: the fetch's span, which a shared store's commands go under. */
  get(key: string, trace?: TraceParent): Promise<StaleRecord | undefined>;
  /** Merges fields into the record: newer fields replace older ones, others stay. */
  put(key: string, fields: Record<string, unknown>, at?: number, trace?: TraceParent): Promise<void>;
}

/**
 * The start of a key whose record is PUBLIC data kept once for every caller (engine.ts builds the
 * keys). Such records have half of the in-process store to themselves: a viewer's own records, far
 * more numerous, never push a title or a row out.
 */
export const SHARED_KEY_PREFIX = 'shared|';

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
  /** Half of the records for PUBLIC data ({@link SHARED_KEY_PREFIX}), half for callers' own. */
  private readonly shared: LRUCache<string, StaleRecord>;
  private readonly perCaller: LRUCache<string, StaleRecord>;

  constructor(options: { maxRecords?: number; ttlMs?: number } = {}) {
    const max = Math.max(options.maxRecords ?? DEFAULT_STALE_RECORDS, 2);
    const ttl = options.ttlMs ?? 24 * 3600 * 1000;
    this.shared = new LRUCache<string, StaleRecord>({ max: Math.floor(max / 2), ttl });
    this.perCaller = new LRUCache<string, StaleRecord>({ max: max - Math.floor(max / 2), ttl });
  }

  async get(key: string) {
    return this.recordsOf(key).get(key);
  }

  async put(key: string, fields: Record<string, unknown>, at = Date.now()) {
    this.remember(key, stamp(fields, at));
  }

  /** For the tiered store: keep a record read from the shared tier. */
  remember(key: string, record: StaleRecord): void {
    const records = this.recordsOf(key);
    records.set(key, newest(records.get(key), record));
  }

  private recordsOf(key: string) {
    return key.startsWith(SHARED_KEY_PREFIX) ? this.shared : this.perCaller;
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

  async get(key: string, trace?: TraceParent): Promise<StaleRecord | undefined> {
    const local = await this.memory.get(key);
    if (local) return local;
    try {
      const text = await withTimeout(
        withParent(trace, () => this.redis.get(this.redisKey(key))),
        this.options.timeoutMs ?? 50,
      );
      if (!text) return undefined;
      const record = JSON.parse(text) as StaleRecord;
      this.memory.remember(key, record);
      return record;
    } catch (error) {
      this.logger.warn('shared stale store unavailable', {
        error: (error as Error).message,
        ...traceFields(trace),
      });
      return undefined;
    }
  }

  async put(
    key: string,
    fields: Record<string, unknown>,
    at = Date.now(),
    trace?: TraceParent,
  ): Promise<void> {
    await this.memory.put(key, fields, at);
    const record = await this.memory.get(key);
    withParent(trace, () =>
      this.redis.set(this.redisKey(key), JSON.stringify(record), 'EX', this.options.ttlSeconds ?? 86_400),
    ).catch((error: Error) =>
      this.logger.warn('could not share a stale copy', { error: error.message, ...traceFields(trace) }),
    );
  }

  private redisKey(key: string) {
    return `${this.options.prefix ?? 'stale:v1:'}${key}`;
  }
}
