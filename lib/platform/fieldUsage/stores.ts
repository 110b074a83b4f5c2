/**
 * Opens the store a `FIELD_USAGE_STORE` value names, the same way for the gateway that writes it, the
 * `usage` subgraph that answers analysts from it and `schema:check --usage` that reads it:
 * `redis://…` (or `rediss://`), `mongodb://…` (or `mongodb+srv://`), else a directory.
 */
import path from 'node:path';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { REPOSITORY_ROOT } from '../env';
import { openMongoStore } from '../mongo/client';
import { FileFieldUsageStore } from './fileStore';
import { MongoFieldUsageStore } from './mongoStore';
import { RedisFieldUsageStore } from './redisStore';
import { DEFAULT_RETENTION_DAYS, type FieldUsageStore } from './usage';

const MONGO_TIMEOUT_MS = 15_000;

/** The embedded store's directory, beside `.keys/` and `.journal/`. */
export const DEFAULT_FIELD_USAGE_DIR = path.join(REPOSITORY_ROOT, '.usage');

export const fieldUsageEnvShape = {
  /**
   * Where field usage is kept: a directory (default `.usage/` in the repository; one gateway host
   * only), `redis://…` or `mongodb://…` (every replica of the gateway writes the same counts); `off`
   * counts nothing (the gateway) or has nothing to answer (the `usage` subgraph).
   */
  FIELD_USAGE_STORE: z.string().min(1).default(DEFAULT_FIELD_USAGE_DIR),
  /** Days of counts kept; older days are deleted. Defaults to 30. */
  FIELD_USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(366).default(DEFAULT_RETENTION_DAYS),
};

export type FieldUsageStoreKind = 'directory' | 'redis' | 'mongodb';

export function fieldUsageStoreKind(spec: string): FieldUsageStoreKind {
  if (/^rediss?:\/\//.test(spec)) return 'redis';
  if (/^mongodb(\+srv)?:\/\//.test(spec)) return 'mongodb';
  return 'directory';
}

export interface OpenStoreOptions {
  retentionDays?: number;
  /** A Redis connection to share when the spec is a Redis URL (the gateway's own). */
  redis?: Redis;
}

/** The store `spec` names; a directory is resolved from the working directory. */
export function openFieldUsageStore(spec: string, options: OpenStoreOptions = {}): FieldUsageStore {
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  switch (fieldUsageStoreKind(spec)) {
    case 'redis': {
      const redis =
        options.redis ??
        new Redis(spec, { maxRetriesPerRequest: 1, connectTimeout: 1_000, enableOfflineQueue: true });
      const store = new RedisFieldUsageStore(redis, retentionDays);
      if (options.redis) return store;
      return Object.assign(store, { close: async () => void redis.disconnect() });
    }
    case 'mongodb':
      // No request waits on this store: the gateway writes in the background, a check or an analyst
      // reads a month of rows at once (seconds on FerretDB), so its deadline is long.
      return new MongoFieldUsageStore(
        openMongoStore(spec, { appName: 'field-usage', timeoutMs: MONGO_TIMEOUT_MS }),
        true,
      );
    case 'directory':
      return new FileFieldUsageStore(path.resolve(spec));
  }
}
