import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger, type Logger } from '@platform/log';
import { describeWith } from '@testing/servers';
import { MemoryStaleStore, SHARED_KEY_PREFIX, TieredStaleStore } from './staleStore';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** A logger that keeps its warnings, so a test can see what a best-effort failure reported. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const silent = createLogger('test', 'silent');
  return { ...silent, warnings, warn: (message) => warnings.push(message) };
}

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 2_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the in-memory stale store', () => {
  it('merge fields into a record, a newer field replacing an older one and the others staying', async () => {
    const store = new MemoryStaleStore();
    await store.put('e|profiles|p1', { name: 'Ada', maxMaturity: 18 }, 1_000);
    await store.put('e|profiles|p1', { maxMaturity: 13 }, 2_000);
    await expect(store.get('e|profiles|p1')).resolves.toEqual({
      name: { value: 'Ada', at: 1_000 },
      maxMaturity: { value: 13, at: 2_000 },
    });
  });

  it('keep a newer field when an older copy of it arrives later', async () => {
    const store = new MemoryStaleStore();
    await store.put('k', { maxMaturity: 13 }, 2_000);
    await store.put('k', { maxMaturity: 18 }, 1_000);
    await expect(store.get('k')).resolves.toEqual({ maxMaturity: { value: 13, at: 2_000 } });
  });

  it('keep null values but not undefined ones', async () => {
    const store = new MemoryStaleStore();
    await store.put('k', { manifest: null, prompt: undefined }, 1_000);
    await expect(store.get('k')).resolves.toEqual({ manifest: { value: null, at: 1_000 } });
  });

  it("give shared records half of the store, so callers' own records never push one out", async () => {
    const store = new MemoryStaleStore({ maxRecords: 10 });
    const title = `${SHARED_KEY_PREFIX}e|catalog|Title|{"id":"t-1"}`;
    await store.put(title, { name: 'The Long Night' }, 1_000);
    for (let viewer = 0; viewer < 100; viewer++)
      await store.put(`v${viewer}|e|profiles|p`, { maxMaturity: 18 }, 1_000);
    await expect(store.get(title)).resolves.toEqual({ name: { value: 'The Long Night', at: 1_000 } });
    await expect(store.get('v99|e|profiles|p')).resolves.toBeDefined();
    await expect(store.get('v0|e|profiles|p')).resolves.toBeUndefined();
    // Shared records have five places of their own here: a sixth pushes out the oldest.
    for (let index = 2; index <= 6; index++)
      await store.put(`${SHARED_KEY_PREFIX}t-${index}`, { name: 'x' }, 1_000);
    await expect(store.get(title)).resolves.toBeUndefined();
    await expect(store.get('v99|e|profiles|p')).resolves.toBeDefined();
  });

  it('keep records under different keys apart', async () => {
    const store = new MemoryStaleStore();
    await store.put('account-a', { maxMaturity: 18 }, 1_000);
    await store.put('account-b', { maxMaturity: 7 }, 1_000);
    await expect(store.get('account-a')).resolves.toEqual({ maxMaturity: { value: 18, at: 1_000 } });
    await expect(store.get('account-b')).resolves.toEqual({ maxMaturity: { value: 7, at: 1_000 } });
    await expect(store.get('account-c')).resolves.toBeUndefined();
  });

  it('stay within its size by evicting the least recently used records', async () => {
    const store = new MemoryStaleStore({ maxRecords: 5 });
    for (let index = 0; index < 10; index++) {
      await store.put(`record-${index}`, { synopsis: 'x'.repeat(40) }, 1_000);
    }
    await expect(store.get('record-0')).resolves.toBeUndefined();
    await expect(store.get('record-9')).resolves.toEqual({ synopsis: { value: 'x'.repeat(40), at: 1_000 } });
  });
});

describe('the tiered stale store with an unreachable Redis', () => {
  let redis: Redis;

  beforeEach(() => {
    redis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
  });
  afterEach(() => redis.disconnect());

  it('answer undefined quickly for a key it does not hold in memory, and never throw', async () => {
    const logger = recordingLogger();
    const store = new TieredStaleStore(new MemoryStaleStore(), redis, logger, { timeoutMs: 50 });
    const started = performance.now();
    await expect(store.get('e|profiles|p1')).resolves.toBeUndefined();
    expect(performance.now() - started).toBeLessThan(200);
    expect(logger.warnings).toContain('shared stale store unavailable');
  });

  it('still keep and serve records in memory', async () => {
    const logger = recordingLogger();
    const store = new TieredStaleStore(new MemoryStaleStore(), redis, logger);
    await expect(store.put('k', { maxMaturity: 13 }, 1_000)).resolves.toBeUndefined();
    await expect(store.get('k')).resolves.toEqual({ maxMaturity: { value: 13, at: 1_000 } });
    await eventually(
      async () => logger.warnings,
      (warnings) => warnings.includes('could not share a stale copy'),
    );
    expect(logger.warnings).toContain('could not share a stale copy');
  });
});

describeWith(['redis'], 'the tiered stale store with the local Redis', () => {
  const prefix = `stale:test:${randomUUID()}:`;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1_000 });
    await redis.connect();
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('serve a record put by one replica to a replica that just started, with an empty memory', async () => {
    const logger = recordingLogger();
    const replicaA = new TieredStaleStore(new MemoryStaleStore(), redis, logger, { prefix });
    const replicaB = new TieredStaleStore(new MemoryStaleStore(), redis, logger, { prefix, timeoutMs: 500 });
    await replicaA.put('e|profiles|p1', { maxMaturity: 13, accountId: 'u-1' }, 1_000);
    const shared = await eventually(
      () => redis.get(`${prefix}e|profiles|p1`),
      (text) => text !== null,
    );
    expect(shared).not.toBeNull();
    await expect(replicaB.get('e|profiles|p1')).resolves.toEqual({
      maxMaturity: { value: 13, at: 1_000 },
      accountId: { value: 'u-1', at: 1_000 },
    });
    expect(logger.warnings).toEqual([]);
  });

  it('keep a record read from Redis in memory, so the next read needs no Redis', async () => {
    const memory = new MemoryStaleStore();
    const replicaB = new TieredStaleStore(memory, redis, recordingLogger(), { prefix, timeoutMs: 500 });
    await redis.set(`${prefix}k`, JSON.stringify({ name: { value: 'Ada', at: 1_000 } }));
    await expect(replicaB.get('k')).resolves.toEqual({ name: { value: 'Ada', at: 1_000 } });
    await expect(memory.get('k')).resolves.toEqual({ name: { value: 'Ada', at: 1_000 } });
  });

  it('share the merged record, with every field the replica knows', async () => {
    const replicaA = new TieredStaleStore(new MemoryStaleStore(), redis, recordingLogger(), { prefix });
    await replicaA.put('merged', { name: 'Ada' }, 1_000);
    await replicaA.put('merged', { maxMaturity: 7 }, 2_000);
    const shared = await eventually(
      () => redis.get(`${prefix}merged`),
      (text) => text !== null && text.includes('maxMaturity'),
    );
    expect(JSON.parse(shared ?? 'null')).toEqual({
      name: { value: 'Ada', at: 1_000 },
      maxMaturity: { value: 7, at: 2_000 },
    });
  });

  it('answer undefined for a key no replica has put', async () => {
    const store = new TieredStaleStore(new MemoryStaleStore(), redis, recordingLogger(), {
      prefix,
      timeoutMs: 500,
    });
    await expect(store.get('never-put')).resolves.toBeUndefined();
  });
});
