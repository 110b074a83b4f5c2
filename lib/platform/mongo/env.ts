/**
 * Settings of a subgraph that may run on MongoDB, spread into each subgraph's `env.ts`. Without
 * `MONGODB_URI` the subgraph serves the embedded store and ignores the rest.
 */
import { z } from 'zod';
import type { CachePolicy } from '../staleCache';

const milliseconds = (defaultMs: number) => z.coerce.number().int().min(50).max(60_000).default(defaultMs);
// At least a second: a TTL of 0 would mean "fresh forever" to lru-cache.
const seconds = (defaultSeconds: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(defaultSeconds);

export const mongoEnvShape = {
  /** Serve from MongoDB instead of the embedded store; the database is the URI's path (default `streaming`). */
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  /** Server selection, connect and per-operation (`maxTimeMS`) timeout. Defaults to 1_500 (1.5 s). */
  MONGODB_TIMEOUT_MS: milliseconds(1_500),
  /** Longest a request waits for one database read before falling back. Defaults to 2_000 (2 s). */
  READ_DEADLINE_MS: milliseconds(2_000),
};

/** Catalog, profile and CDN data: wrong-but-recent beats missing, so stale copies serve for long. */
export const referenceCacheEnvShape = {
  /** Defaults to 60 (one minute). */
  CACHE_FRESH_SECONDS: seconds(60),
  /** Oldest copy served while the database is away. Defaults to 86_400 (a day). */
  CACHE_MAX_STALE_SECONDS: seconds(86_400),
};

/** Subscriptions and rentals decide grants: stale copies serve only briefly, then the decision waits. */
export const entitlementCacheEnvShape = {
  /** Defaults to 10 (ten seconds). */
  ENTITLEMENT_CACHE_FRESH_SECONDS: seconds(10),
  /** Oldest copy a decision may rest on; past it the answer is TEMPORARILY_UNAVAILABLE. Defaults to 300. */
  ENTITLEMENT_MAX_STALE_SECONDS: seconds(300),
};

/** A cache policy from seconds (as configured) and the read deadline. */
export function cachePolicy(freshSeconds: number, maxStaleSeconds: number, deadlineMs: number): CachePolicy {
  return {
    freshMs: freshSeconds * 1000,
    maxStaleMs: Math.max(maxStaleSeconds, freshSeconds) * 1000,
    deadlineMs,
  };
}
