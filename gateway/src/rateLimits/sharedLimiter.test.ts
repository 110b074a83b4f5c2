import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { createLogger, type Logger } from '@platform/log';
import { freePort } from '@platform/ports';
import { describeWith } from '@testing/servers';
import type { RateLimitBudgets } from './budgets';
import { createRateLimiter } from './limiter';

/** Bursts as large as minutes: every refusal here comes from a one-minute window no test outlives. */
const BUDGETS: RateLimitBudgets = {
  account: {
    play: { perMinute: 3, burst: 3 },
    prefetch: { perMinute: 600, burst: 100 },
    endPlayback: { perMinute: 3, burst: 3 },
    browse: { perMinute: 5, burst: 5 },
  },
  address: { perMinute: 10, burst: 10 },
};

/** How the gateway's `index.ts` connects: a command fails at once while the connection is down. */
const CLIENT_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 1_000,
};

/** A logger that keeps what was logged at warn and error, so a test can count the lines. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const silent = createLogger('test', 'silent');
  return {
    ...silent,
    lines,
    warn: (message) => lines.push(message),
    error: (message) => lines.push(message),
  };
}

async function connected(port: number): Promise<Redis> {
  const redis = new Redis({ ...CLIENT_OPTIONS, host: '127.0.0.1', port, lazyConnect: true });
  await redis.connect();
  return redis;
}

/** Whether `promise` settles before `ms` have passed: it did not wait on a Redis that does not answer. */
async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true as const), late]);
  clearTimeout(timer);
  return settled;
}

describe('the rate limiter when Redis is unreachable', () => {
  let redis: Redis;

  beforeEach(async () => {
    // Nothing listens on a port just freed: every connection attempt is refused.
    redis = new Redis({
      ...CLIENT_OPTIONS,
      host: '127.0.0.1',
      port: await freePort(),
      retryStrategy: () => 100,
      // The failed socket never closes again: do not keep the test process up for ioredis's 2 s.
      disconnectTimeout: 50,
    });
    redis.on('error', () => {});
  });

  afterEach(() => redis.disconnect());

  it('answers every request, counting in memory, and logs once', async () => {
    const logger = recordingLogger();
    const limiter = createRateLimiter({
      budgets: BUDGETS,
      redis,
      logger,
      keyPrefix: `ratelimit:test:${randomUUID()}`,
    });
    expect(limiter.store).toBe('redis');
    for (let i = 0; i < 3; i += 1)
      await expect(limiter.consume('play', 'u-1')).resolves.toEqual({ allowed: true });
    // Still limited, by this replica's memory.
    await expect(limiter.consume('play', 'u-1')).resolves.toMatchObject({ allowed: false });
    for (let i = 0; i < 20; i += 1) await limiter.consume('browse', `u-${i}`);
    expect(logger.lines).toEqual(['rate limits counted in memory: Redis is unreachable or too slow']);
  });
});

describeWith(['redis'], 'the rate limiter shared through the local Redis', () => {
  const keyPrefix = `ratelimit:test:${randomUUID()}`;
  let redis: Redis;

  beforeAll(async () => {
    redis = await connected(6379);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('gives two gateway replicas one budget per account, not one each', async () => {
    const logger = recordingLogger();
    const replicaA = createRateLimiter({ budgets: BUDGETS, redis, logger, keyPrefix, redisTimeoutMs: 1_000 });
    const replicaB = createRateLimiter({ budgets: BUDGETS, redis, logger, keyPrefix, redisTimeoutMs: 1_000 });
    await expect(replicaA.consume('play', 'u-shared')).resolves.toEqual({ allowed: true });
    await expect(replicaB.consume('play', 'u-shared')).resolves.toEqual({ allowed: true });
    await expect(replicaA.consume('play', 'u-shared')).resolves.toEqual({ allowed: true });
    const refused = await replicaB.consume('play', 'u-shared');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
    const retryAfterSeconds = refused.allowed ? NaN : refused.retryAfterSeconds;
    expect(Number.isInteger(retryAfterSeconds)).toBe(true);
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    await expect(replicaA.consume('play', 'u-shared')).resolves.toMatchObject({ allowed: false });
    // The count is in Redis, under the limiter's prefix.
    await expect(redis.get(`${keyPrefix}:play:60s:u-shared`)).resolves.toBe('3');
    expect(logger.lines).toEqual([]);
  });

  it('shares the address budget between replicas too', async () => {
    const logger = recordingLogger();
    const replicas = [0, 1].map(() =>
      createRateLimiter({ budgets: BUDGETS, redis, logger, keyPrefix, redisTimeoutMs: 1_000 }),
    );
    for (let i = 0; i < 10; i += 1) {
      await expect(replicas[i % 2]!.consume('address', '192.0.2.50')).resolves.toEqual({ allowed: true });
    }
    await expect(replicas[0]!.consume('address', '192.0.2.50')).resolves.toMatchObject({ allowed: false });
    await expect(replicas[1]!.consume('address', '192.0.2.50')).resolves.toMatchObject({ allowed: false });
  });

  it('does not wait for a Redis that stops answering: the count falls back to memory, logged once', async () => {
    // A connection of its own, held up by a blocking pop: ioredis still calls it ready, and every
    // command sent on it waits behind the pop, as behind a hung Redis. Only the timeout helps.
    const hungRedis = await connected(6379);
    const hangKey = `${keyPrefix}:hang`;
    try {
      const logger = recordingLogger();
      const limiter = createRateLimiter({
        budgets: BUDGETS,
        redis: hungRedis,
        logger,
        keyPrefix,
        redisTimeoutMs: 50,
      });
      await expect(limiter.consume('browse', 'u-hung')).resolves.toEqual({ allowed: true });
      const hang = hungRedis.blpop(hangKey, 10);
      const answers = Promise.all(Array.from({ length: 4 }, () => limiter.consume('browse', 'u-hung')));
      await expect(settlesWithin(answers, 2_000)).resolves.toBe(true);
      await expect(answers).resolves.toEqual(Array(4).fill({ allowed: true }));
      expect(logger.lines).toEqual(['rate limits counted in memory: Redis is unreachable or too slow']);
      await redis.lpush(hangKey, 'release');
      await hang;
    } finally {
      await redis.del(hangKey);
      hungRedis.disconnect();
    }
  });
});
