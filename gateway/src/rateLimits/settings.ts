import { z } from 'zod';
import { EnvError, onOff } from '@platform/env';
import { DEFAULT_RATE_LIMIT_BUDGETS, type Budget, type RateLimitBudgets } from './budgets';

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const { account, address } = DEFAULT_RATE_LIMIT_BUDGETS;

/**
 * The rate-limit variables, for the gateway's `env.ts` to spread into its shape. Defaults and why: see
 * {@link DEFAULT_RATE_LIMIT_BUDGETS}. Turn the parsed values into budgets with {@link rateLimitBudgets}.
 */
export const rateLimitEnvShape = {
  /** `off` removes every rate limit: for benchmarks that measure the gateway, never for devices. */
  RATE_LIMITS: onOff('on'),
  RATE_LIMIT_PLAY_PER_MINUTE: count(account.play.perMinute),
  RATE_LIMIT_PLAY_BURST: count(account.play.burst),
  RATE_LIMIT_PREFETCH_PER_MINUTE: count(account.prefetch.perMinute),
  RATE_LIMIT_PREFETCH_BURST: count(account.prefetch.burst),
  RATE_LIMIT_END_PLAYBACK_PER_MINUTE: count(account.endPlayback.perMinute),
  RATE_LIMIT_END_PLAYBACK_BURST: count(account.endPlayback.burst),
  RATE_LIMIT_BROWSE_PER_MINUTE: count(account.browse.perMinute),
  RATE_LIMIT_BROWSE_BURST: count(account.browse.burst),
  RATE_LIMIT_ADDRESS_PER_MINUTE: count(address.perMinute),
  RATE_LIMIT_ADDRESS_BURST: count(address.burst),
  /**
   * Longest wait for Redis on one count before the replica counts in memory instead. Defaults to 50:
   * Redis answers in about a millisecond next to the gateway, and a request should not wait longer
   * than that for its rate limit when Redis hangs.
   */
  RATE_LIMIT_REDIS_TIMEOUT_MS: count(50),
};

export type RateLimitEnv = z.infer<z.ZodObject<typeof rateLimitEnvShape>>;

/**
 * The budgets the parsed variables describe. Throws an {@link EnvError} naming the variables when a
 * burst is larger than its minute (which would make the burst meaningless), like `parseEnv` does.
 */
export function rateLimitBudgets(env: RateLimitEnv): RateLimitBudgets {
  const problems: string[] = [];
  const budget = (prefix: string, perMinute: number, burst: number): Budget => {
    if (!(burst <= perMinute)) {
      problems.push(`  ${prefix}_BURST: ${burst} is more than ${prefix}_PER_MINUTE (${perMinute})`);
    }
    return { perMinute, burst };
  };
  const budgets: RateLimitBudgets = {
    account: {
      play: budget('RATE_LIMIT_PLAY', env.RATE_LIMIT_PLAY_PER_MINUTE, env.RATE_LIMIT_PLAY_BURST),
      prefetch: budget(
        'RATE_LIMIT_PREFETCH',
        env.RATE_LIMIT_PREFETCH_PER_MINUTE,
        env.RATE_LIMIT_PREFETCH_BURST,
      ),
      endPlayback: budget(
        'RATE_LIMIT_END_PLAYBACK',
        env.RATE_LIMIT_END_PLAYBACK_PER_MINUTE,
        env.RATE_LIMIT_END_PLAYBACK_BURST,
      ),
      browse: budget('RATE_LIMIT_BROWSE', env.RATE_LIMIT_BROWSE_PER_MINUTE, env.RATE_LIMIT_BROWSE_BURST),
    },
    address: budget('RATE_LIMIT_ADDRESS', env.RATE_LIMIT_ADDRESS_PER_MINUTE, env.RATE_LIMIT_ADDRESS_BURST),
  };
  if (problems.length > 0) throw new EnvError(`Invalid environment:\n${problems.join('\n')}`);
  return budgets;
}
