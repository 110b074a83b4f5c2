/**
 * The gateway's cache of PUBLIC entities: an `_entities` fetch whose every field is PUBLIC with a
 * maxAge (see cachePolicy.ts) is answered per entity from here, and only the misses go to the
 * subgraph. One entry per subgraph, query (its hash: the exact selection) and representation (the
 * key fields), kept for the smallest maxAge of what the query asks for. In memory first, then in
 * Redis when one is given, so every gateway replica shares what one of them fetched.
 *
 * This is not the fallbacks' stale store (fallback/staleStore.ts): an entry here is served only
 * while fresh, and never in place of a failure.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from '@platform/log';
import { withParent, type TraceParent } from '@platform/tracing/spans';
import { traceFields } from '@platform/traceIds';
import { CachePolicies, type PublicPolicy } from './cachePolicy';
import { SingleFlight } from './singleFlight';
import { withTimeout } from '@platform/withTimeout';
import type { SubgraphName } from '@platform/composition';

export interface EntityCacheOptions {
  /** Shares entries between gateway replicas; none keeps them in this process only. */
  redis?: Redis;
  logger?: Logger;
  /** Entries kept in memory. Defaults to 10_000 (a catalog's worth of titles per query shape). */
  maxEntries?: number;
  /** Longest a Redis read may take before it counts as a miss. Defaults to 50 ms. */
  redisTimeoutMs?: number;
  /** Prefix of Redis keys. Defaults to `entity:v1:`. */
  prefix?: string;
  /** The clock, in epoch ms (tests). Defaults to `Date.now`. */
  now?: () => number;
}

/** A cache hit: the entity, and how many whole seconds it stays fresh. */
export interface CachedEntity {
  entity: Record<string, unknown>;
  maxAgeSeconds: number;
}

/** What is stored: the entity as JSON and when it stops being fresh (epoch ms). */
interface Entry {
  json: string;
  expiresAt: number;
}

export class EntityCache {
  private policies = CachePolicies.none();
  private readonly local: LRUCache<string, Entry>;
  private readonly queryHashes = new Map<string, string>();
  private readonly flights = new SingleFlight<unknown>();
  private readonly now: () => number;

  constructor(private readonly options: EntityCacheOptions = {}) {
    this.local = new LRUCache({ max: options.maxEntries ?? 10_000 });
    this.now = options.now ?? Date.now;
  }

  /** Takes the `@cacheControl` hints of a new supergraph. */
  usePolicies(policies: CachePolicies): void {
    this.policies = policies;
  }

  /** Whether, and how long, the entities of this `_entities` query may be shared; null: never. */
  policyFor(query: string): PublicPolicy | null {
    return this.policies.forEntitiesQuery(query);
  }

  /** The key of one entity: subgraph, the query's hash (the exact selection), the representation. */
  keyFor(subgraph: SubgraphName, query: string, representation: unknown): string {
    let hash = this.queryHashes.get(query);
    if (!hash) {
      hash = createHash('sha256').update(query).digest('base64url');
      if (this.queryHashes.size > 1_000) this.queryHashes.clear();
      this.queryHashes.set(query, hash);
    }
    return `${subgraph}:${hash}:${JSON.stringify(representation)}`;
  }

  /**
   * The fresh entity of each key, or undefined for a miss; every hit is a copy of its own, which the
   * caller may change, with the whole seconds it stays fresh. Redis is asked for what memory misses;
   * a slow or absent Redis is a miss.
   */
  async getMany(keys: string[], trace?: TraceParent): Promise<(CachedEntity | undefined)[]> {
    const now = this.now();
    const entries = keys.map((key) => {
      const entry = this.local.get(key);
      return entry && entry.expiresAt > now ? entry : undefined;
    });
    const missing = keys.flatMap((key, index) => (entries[index] ? [] : [index]));
    if (this.options.redis && missing.length > 0) {
      const shared = await this.readShared(
        missing.map((index) => keys[index]!),
        trace,
      );
      missing.forEach((index, position) => {
        const entry = shared[position];
        if (!entry || entry.expiresAt <= now) return;
        this.local.set(keys[index]!, entry);
        entries[index] = entry;
      });
    }
    return entries.map((entry) =>
      entry
        ? {
            entity: JSON.parse(entry.json) as Record<string, unknown>,
            maxAgeSeconds: Math.floor((entry.expiresAt - now) / 1000),
          }
        : undefined,
    );
  }

  /** Keeps each entity for `maxAgeSeconds`, here and in Redis. */
  putMany(entities: [key: string, entity: unknown][], maxAgeSeconds: number, trace?: TraceParent): void {
    const expiresAt = this.now() + maxAgeSeconds * 1000;
    for (const [key, entity] of entities) this.local.set(key, { json: JSON.stringify(entity), expiresAt });
    const { redis } = this.options;
    if (!redis || entities.length === 0) return;
    const pipeline = redis.pipeline();
    for (const [key] of entities) {
      pipeline.set(this.redisKey(key), JSON.stringify(this.local.get(key)), 'PX', maxAgeSeconds * 1000);
    }
    withParent(trace, () => pipeline.exec()).catch((error: Error) =>
      this.warn('could not share cached entities', error, trace),
    );
  }

  /**
   * Runs `work` once for every identical call in flight (same `key`): a premiere's thousands of
   * `play`s of one title cost the subgraph one fetch. `shared` is true for the callers that waited.
   */
  share<T>(key: string, work: () => Promise<T>): Promise<{ value: T; shared: boolean }> {
    return this.flights.run(key, work) as Promise<{ value: T; shared: boolean }>;
  }

  private async readShared(keys: string[], trace: TraceParent): Promise<(Entry | undefined)[]> {
    const redis = this.options.redis!;
    try {
      const texts = await withTimeout(
        withParent(trace, () => redis.mget(keys.map((key) => this.redisKey(key)))),
        this.options.redisTimeoutMs ?? 50,
      );
      return texts.map((text) => (text ? (JSON.parse(text) as Entry) : undefined));
    } catch (error) {
      this.warn('shared entity cache unavailable', error as Error, trace);
      return keys.map(() => undefined);
    }
  }

  private redisKey(key: string) {
    return `${this.options.prefix ?? 'entity:v1:'}${key}`;
  }

  /** A log line for the request `trace` names, when one does. */
  private warn(message: string, error: Error, trace?: TraceParent) {
    this.options.logger?.warn(message, { error: error.message, ...traceFields(trace) });
  }
}
