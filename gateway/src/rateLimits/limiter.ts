import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Logger } from '@platform/log';
import { withParent, type TraceParent } from '@platform/tracing/spans';
import {
  checkBudgets,
  DEFAULT_RATE_LIMIT_BUDGETS,
  type Budget,
  type OperationClass,
  type RateLimitBudgets,
} from './budgets';

/** An account's budget for one operation class, or the address budget shared by every operation. */
export type BucketName = OperationClass | 'address';

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Where the counts live: this replica's memory, or Redis, shared by every gateway replica. */
  readonly store: 'memory' | 'redis';
  /**
   * Takes `points` (default 1) from `key`'s bucket. Never rejects and never waits on Redis for longer
   * than its timeout: when Redis fails or hangs, the count is taken in memory.
   */
  /** `trace`: the request's span, which the Redis commands of the count go under. */
  consume(bucket: BucketName, key: string, points?: number, trace?: TraceParent): Promise<Verdict>;
}

export interface RateLimiterOptions {
  /** Defaults to {@link DEFAULT_RATE_LIMIT_BUDGETS}. */
  budgets?: RateLimitBudgets;
  /**
   * Counts in Redis, so every gateway replica draws on one budget. The client should be created with
   * `enableOfflineQueue: false`, so that a command fails at once while Redis is away. Without it, each
   * replica counts in its own memory (N replicas then allow N times the budget).
   */
  redis?: Redis;
  /** Longest wait for Redis on one count before counting in memory. Defaults to 50 ms. */
  redisTimeoutMs?: number;
  /** Prefix of the Redis keys. Defaults to `ratelimit:v1`; tests use their own. */
  keyPrefix?: string;
  logger: Logger;
}

/** The two windows of a budget (see budgets.ts), shortest first: both must have room. */
const windowsOf = (budget: Budget) => [
  { name: '1s', seconds: 1, points: budget.burst },
  { name: '60s', seconds: 60, points: budget.perMinute },
];

/**
 * Builds the limiter: two rate-limiter-flexible windows per bucket, in Redis when `redis` is given,
 * else in memory.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const budgets = options.budgets ?? DEFAULT_RATE_LIMIT_BUDGETS;
  checkBudgets(budgets);
  const keyPrefix = options.keyPrefix ?? 'ratelimit:v1';
  const { redis, logger } = options;
  const fallback = redis ? new FallbackReport(redis, logger) : undefined;
  const windowLimiter = (bucket: BucketName, window: ReturnType<typeof windowsOf>[number]) => {
    const config = {
      keyPrefix: `${keyPrefix}:${bucket}:${window.name}`,
      points: window.points,
      duration: window.seconds,
    };
    if (!redis || !fallback) return new RateLimiterMemory(config);
    const insurance = new InsuranceLimiter(config, () => fallback.countingInMemory());
    return new RLWrapperTimeouts({
      limiter: new RateLimiterRedis({
        ...config,
        storeClient: redis,
        insuranceLimiter: insurance,
        // Straight to memory while the connection is down, instead of a command that must fail first.
        rejectIfRedisNotReady: true,
        // A key past its budget is refused from memory until its window ends: a loop that keeps
        // hammering costs this replica no Redis round trips.
        inMemoryBlockOnConsumed: window.points + 1,
      }),
      timeoutMs: options.redisTimeoutMs ?? 50,
      insuranceLimiter: insurance,
    });
  };
  const windowsFor = (name: BucketName, budget: Budget) =>
    windowsOf(budget).map((window) => windowLimiter(name, window));
  const buckets: Record<BucketName, RateLimiterAbstract[]> = {
    play: windowsFor('play', budgets.account.play),
    prefetch: windowsFor('prefetch', budgets.account.prefetch),
    endPlayback: windowsFor('endPlayback', budgets.account.endPlayback),
    browse: windowsFor('browse', budgets.account.browse),
    address: windowsFor('address', budgets.address),
  };

  let reportedFailure = false;
  return {
    store: redis ? 'redis' : 'memory',
    async consume(bucket, key, points = 1, trace) {
      // One window after the other, the second only when the first had room: a request the burst
      // refuses takes nothing from the minute, so a client that waits out its `Retry-After` of one
      // second still has the minute it had.
      for (const window of buckets[bucket]) {
        try {
          await withParent(trace, () => window.consume(key, points));
        } catch (reason) {
          if (reason instanceof RateLimiterRes) {
            // Rounded up, and at least 1: a client that waits exactly this long finds the window reset.
            return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(reason.msBeforeNext / 1000)) };
          }
          // Not a refusal but a failure, which the insurance should make impossible: let the request
          // through rather than fail it for a rate limit, and say so once.
          if (!reportedFailure) {
            reportedFailure = true;
            logger.error('rate limit could not be counted; letting requests through', {
              bucket,
              error: reason instanceof Error ? reason.message : String(reason),
            });
          }
          return { allowed: true };
        }
      }
      return { allowed: true };
    },
  };
}

/** The in-memory window that counts for a Redis window while Redis fails or hangs. */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    config: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(config);
  }

  override consume(key: string | number, pointsToConsume?: number, options?: Record<string, unknown>) {
    this.onUse();
    return super.consume(key, pointsToConsume, options);
  }
}

/**
 * Logs once when the replica starts counting in memory (each replica then allows its own full budget),
 * instead of a line per request, and once when the Redis connection is ready again (a Redis that was
 * only slow, never disconnected, is not reported back).
 */
class FallbackReport {
  private inMemory = false;

  constructor(
    redis: Redis,
    private readonly logger: Logger,
  ) {
    redis.on('ready', () => {
      if (!this.inMemory) return;
      this.inMemory = false;
      logger.info('rate limits shared through Redis again');
    });
  }

  countingInMemory(): void {
    if (this.inMemory) return;
    this.inMemory = true;
    this.logger.warn('rate limits counted in memory: Redis is unreachable or too slow', {
      effect: 'each gateway replica allows the full budget until Redis answers again',
    });
  }
}
