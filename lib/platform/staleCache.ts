/**
 * A read-through cache in front of a batched database read, shared by every subgraph's cached
 * repositories. It is what lets a database outage degrade to stale data instead of failed requests:
 *
 * - fresh (younger than `freshMs`): served from memory, no database call;
 * - stale but younger than `maxStaleMs`: served at once while one background read refreshes it
 *   (stale-while-revalidate), and served again if that read fails or misses the deadline
 *   (stale-if-error);
 * - older than `maxStaleMs`, or never read: the caller waits for the database, and gets an
 *   {@link DataUnavailableError} if it fails or misses the deadline. A copy that old is never served.
 *
 * Misses of one tick are fetched together: every key that `getMany` (and any concurrent caller) asks for
 * in the same tick goes to the database in ONE call of the batch function, so a DataLoader batch of N
 * ids stays one round trip. Those misses may be several requests': the one read is traced under the
 * request whose miss opened the batch (the first that waits for it), and the others wait on that read
 * without a span of their own. A background refresh waits for no request, so it is traced under none.
 */
import { LRUCache } from 'lru-cache';
import type { TraceParent } from './tracing/spans';

/** How long copies of one kind of data stay fresh and how long they may stand in when reads fail. */
export interface CachePolicy {
  /** Served without asking the database while younger than this. */
  freshMs: number;
  /** Oldest copy ever served, counted from when it was read from the database. */
  maxStaleMs: number;
  /** Longest a request waits for the database before it falls back to a stale copy or fails. */
  deadlineMs: number;
  /** Most keys held; the least recently used go first. Defaults to 10_000. */
  maxEntries?: number;
}

export interface StaleCacheOptions<K> {
  /** Names the data in errors and logs, such as "titles". */
  name: string;
  policy: CachePolicy;
  /** The cache key of a key; defaults to `String(key)`. Keys that compare equal must map to one string. */
  keyOf?: (key: K) => string;
  /** Milliseconds on a monotonic clock; tests pass a fake one. Defaults to `performance.now()`. */
  now?: () => number;
}

/** A read failed (or missed its deadline) and no copy young enough to stand in was cached. */
export class DataUnavailableError extends Error {
  override name = 'DataUnavailableError';
}

/** What the cache holds: a value and when it was read from the database. */
interface Held<V> {
  value: V;
  readAt: number;
}

interface Waiting<K, V> {
  key: K;
  resolve(held: Held<V>): void;
  reject(error: unknown): void;
}

/** What a fetch hands {@link StaleCache.enqueue}: the key, and the request waiting for it, if any. */
interface Miss<K> {
  key: K;
  parent: TraceParent;
}

/** The misses of one tick, and the parent their one read is traced under. */
interface Batch<K, V> {
  parent: TraceParent;
  waiting: Waiting<K, V>[];
}

/** Defaults to 10_000 keys per cache. */
const DEFAULT_MAX_ENTRIES = 10_000;

export class StaleCache<K, V> {
  // The fetch context is the miss being fetched (a Miss); typed `unknown` because lru-cache's
  // conditional option types do not resolve for a generic context.
  private readonly cache: LRUCache<string, Held<V>, unknown>;
  private readonly name: string;
  private readonly policy: CachePolicy;
  private readonly keyOf: (key: K) => string;
  private readonly now: () => number;
  /** Misses of the current tick, read together by {@link flush}. */
  private batch: Batch<K, V> | null = null;

  /**
   * @param readBatch reads many keys in one database call; returns values in the order asked. `parent`
   *   is the request it is read for (see above), undefined when none waits for it.
   */
  constructor(
    private readonly readBatch: (keys: readonly K[], parent: TraceParent) => Promise<V[]>,
    options: StaleCacheOptions<K>,
  ) {
    this.name = options.name;
    this.policy = options.policy;
    this.keyOf = options.keyOf ?? String;
    this.now = options.now ?? (() => performance.now());
    this.cache = new LRUCache<string, Held<V>, unknown>({
      max: options.policy.maxEntries ?? DEFAULT_MAX_ENTRIES,
      ttl: options.policy.freshMs,
      // Exact ages: a fake clock in tests, and no timer-rounded "now" deciding what counts as fresh.
      ttlResolution: 0,
      perf: { now: this.now },
      // Stale entries stay after their TTL so they can stand in; `get` below bounds their age.
      allowStaleOnFetchRejection: true,
      allowStaleOnFetchAbort: true,
      noDeleteOnFetchRejection: true,
      fetchMethod: (_cacheKey, _stale, { context }) => this.enqueue(context as Miss<K>),
    });
  }

  /**
   * Values for `keys`, in order; rejects with {@link DataUnavailableError} when any cannot be served.
   * `parent`: the request asking, whose trace a database read for it goes in.
   */
  getMany(keys: readonly K[], parent?: TraceParent): Promise<V[]> {
    return Promise.all(keys.map((key) => this.get(key, parent)));
  }

  async get(key: K, parent?: TraceParent): Promise<V> {
    const cacheKey = this.keyOf(key);
    const held = this.cache.peek(cacheKey, { allowStale: true });
    const servable = held !== undefined && this.isServable(held);
    const status: LRUCache.Status<string, Held<V>, unknown> = {};
    const result = await this.cache.fetch(cacheKey, {
      // Served a stale copy, the caller does not wait for the refresh: that read is on nobody's behalf.
      context: { key, parent: servable ? undefined : parent } satisfies Miss<K>,
      // Stale-while-revalidate only for copies still young enough to stand in.
      allowStale: servable,
      signal: AbortSignal.timeout(this.policy.deadlineMs),
      status,
    });
    if (result !== undefined && this.isServable(result)) return result.value;
    // Too old to serve: drop it so it cannot be mistaken for something servable later.
    if (result !== undefined) this.cache.delete(cacheKey);
    throw new DataUnavailableError(
      `${this.name}: ${describe(status.fetchError)} and no copy younger than ${this.policy.maxStaleMs} ms is cached`,
      { cause: status.fetchError },
    );
  }

  private isServable(held: Held<V>): boolean {
    return this.now() - held.readAt <= this.policy.maxStaleMs;
  }

  private enqueue({ key, parent }: Miss<K>): Promise<Held<V>> {
    return new Promise((resolve, reject) => {
      if (this.batch === null) {
        this.batch = { parent: undefined, waiting: [] };
        queueMicrotask(() => this.flush());
      }
      // The first miss a request waits for names the batch's parent; a refresh's leaves it open.
      this.batch.parent ??= parent;
      this.batch.waiting.push({ key, resolve, reject });
    });
  }

  private flush(): void {
    const { parent, waiting } = this.batch ?? { parent: undefined, waiting: [] };
    this.batch = null;
    this.readBatch(
      waiting.map((miss) => miss.key),
      parent,
    ).then(
      (values) => {
        const readAt = this.now();
        waiting.forEach((miss, index) => miss.resolve({ value: values[index] as V, readAt }));
      },
      (error: unknown) => waiting.forEach((miss) => miss.reject(error)),
    );
  }
}

function describe(error: unknown): string {
  if (error === undefined) return 'the read failed';
  return `the read failed (${error instanceof Error ? error.message : String(error)})`;
}
