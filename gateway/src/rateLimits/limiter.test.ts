import { createLogger } from '@platform/log';
import { createAddressGate } from './addressGate';
import type { RateLimitBudgets } from './budgets';
import { createRateLimiter, type RateLimiter, type Verdict } from './limiter';

/** Small budgets, so a test can use one up in a few calls. */
const BUDGETS: RateLimitBudgets = {
  account: {
    play: { perMinute: 3, burst: 2 },
    prefetch: { perMinute: 600, burst: 100 },
    endPlayback: { perMinute: 4, burst: 2 },
    browse: { perMinute: 10, burst: 5 },
  },
  address: { perMinute: 20, burst: 8 },
};

const memoryLimiter = (budgets = BUDGETS) =>
  createRateLimiter({ budgets, logger: createLogger('test', 'silent') });

async function consumeTimes(
  limiter: RateLimiter,
  times: number,
  ...args: Parameters<RateLimiter['consume']>
) {
  const verdicts: Verdict[] = [];
  for (let i = 0; i < times; i += 1) verdicts.push(await limiter.consume(...args));
  return verdicts;
}

describe('the in-memory rate limiter', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('allows a burst, then refuses the next point within the same second', async () => {
    const limiter = memoryLimiter();
    await expect(consumeTimes(limiter, 2, 'play', 'u-1')).resolves.toEqual([
      { allowed: true },
      { allowed: true },
    ]);
    await expect(limiter.consume('play', 'u-1')).resolves.toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('keeps a budget per operation class: an account that used up browsing can still press play', async () => {
    const limiter = memoryLimiter();
    const browsing = await consumeTimes(limiter, 6, 'browse', 'u-1');
    expect(browsing.at(-1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await expect(limiter.consume('play', 'u-1')).resolves.toEqual({ allowed: true });
    await expect(limiter.consume('endPlayback', 'u-1')).resolves.toEqual({ allowed: true });
  });

  it('keeps a budget per account: another account is unaffected by one that used up its own', async () => {
    const limiter = memoryLimiter();
    await consumeTimes(limiter, 3, 'play', 'u-1');
    await expect(limiter.consume('play', 'u-1')).resolves.toMatchObject({ allowed: false });
    await expect(limiter.consume('play', 'u-2')).resolves.toEqual({ allowed: true });
  });

  it('keeps the address budget apart from every account budget', async () => {
    const limiter = memoryLimiter();
    await consumeTimes(limiter, 8, 'address', '203.0.113.7');
    await expect(limiter.consume('address', '203.0.113.7')).resolves.toMatchObject({ allowed: false });
    await expect(limiter.consume('address', '203.0.113.8')).resolves.toEqual({ allowed: true });
    await expect(limiter.consume('browse', 'u-1')).resolves.toEqual({ allowed: true });
  });

  it('says Retry-After 1 for a used-up burst, and allows again exactly one second later', async () => {
    const limiter = memoryLimiter();
    await consumeTimes(limiter, 2, 'play', 'u-1');
    const refused = await limiter.consume('play', 'u-1');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await jest.advanceTimersByTimeAsync(999);
    await expect(limiter.consume('play', 'u-1')).resolves.toMatchObject({ allowed: false });
    await jest.advanceTimersByTimeAsync(1);
    await expect(limiter.consume('play', 'u-1')).resolves.toEqual({ allowed: true });
  });

  it('says how many whole seconds remain of a used-up minute, and allows again when they have passed', async () => {
    const limiter = memoryLimiter();
    // One play a second: the burst never runs out, the minute (3) does at the fourth.
    for (let second = 0; second < 3; second += 1) {
      await expect(limiter.consume('play', 'u-1')).resolves.toEqual({ allowed: true });
      await jest.advanceTimersByTimeAsync(1_000);
    }
    await jest.advanceTimersByTimeAsync(500);
    // 56.5 s of the minute remain: rounded up, so that waiting that long is always enough.
    await expect(limiter.consume('play', 'u-1')).resolves.toEqual({ allowed: false, retryAfterSeconds: 57 });
    await jest.advanceTimersByTimeAsync(56_000);
    await expect(limiter.consume('play', 'u-1')).resolves.toMatchObject({ allowed: false });
    await jest.advanceTimersByTimeAsync(1_000);
    await expect(limiter.consume('play', 'u-1')).resolves.toEqual({ allowed: true });
  });

  it('does not take a point from the minute for a request the burst refused', async () => {
    const limiter = memoryLimiter();
    await consumeTimes(limiter, 2, 'play', 'u-1');
    // Refused by the burst: were they counted, the minute (3) would be used up for the next minute.
    await consumeTimes(limiter, 5, 'play', 'u-1');
    await jest.advanceTimersByTimeAsync(1_000);
    await expect(limiter.consume('play', 'u-1')).resolves.toEqual({ allowed: true });
  });

  it('charges several points at once, for an operation that asks for several plays', async () => {
    const limiter = memoryLimiter();
    await expect(limiter.consume('play', 'u-1', 2)).resolves.toEqual({ allowed: true });
    await expect(limiter.consume('play', 'u-1')).resolves.toMatchObject({ allowed: false });
  });

  it('refuses to start with a burst larger than its minute or a budget that is not a positive integer', () => {
    const broken = (address: RateLimitBudgets['address']) => () => memoryLimiter({ ...BUDGETS, address });
    expect(broken({ perMinute: 5, burst: 6 })).toThrow(
      'address.burst (6) must be at most address.perMinute (5)',
    );
    expect(broken({ perMinute: Infinity, burst: 1 })).toThrow('address.perMinute must be a positive integer');
    expect(broken({ perMinute: 10, burst: 0 })).toThrow('address.burst must be a positive integer');
  });
});

describe('the address gate the HTTP layer calls before reading a body', () => {
  it('allows an address until its burst is used up, then answers how long to wait', async () => {
    const gate = createAddressGate(memoryLimiter());
    for (let i = 0; i < 8; i += 1) await expect(gate('198.51.100.1')).resolves.toEqual({ allowed: true });
    await expect(gate('198.51.100.1')).resolves.toEqual({ allowed: false, retryAfterSeconds: 1 });
    await expect(gate('198.51.100.2')).resolves.toEqual({ allowed: true });
  });
});
