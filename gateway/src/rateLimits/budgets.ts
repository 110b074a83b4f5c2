/**
 * How many operations an account and a client address may send. rate-limiter-flexible counts fixed
 * windows, not token buckets, so each budget is two windows that must both have room: `burst` per
 * second caps how fast a caller may go, `perMinute` how much it may do. A loop is held to `burst` in
 * its first second (stopped within a second) and to `perMinute` in its first minute; a device that
 * stays under both never notices either.
 */

/** The operations that get separate budgets: a browsing screen must never use up `play`. */
export type OperationClass = 'play' | 'prefetch' | 'endPlayback' | 'browse';

export const OPERATION_CLASSES: readonly OperationClass[] = ['play', 'prefetch', 'endPlayback', 'browse'];

export interface Budget {
  /** Most points in any one-minute window (a window starts at a key's first point). */
  perMinute: number;
  /** Most points in any one-second window; at most `perMinute`. */
  burst: number;
}

export interface RateLimitBudgets {
  /**
   * Per account, one budget per operation class. An account is a household: several devices (and
   * profiles) share it, so every default allows five devices at a device's busiest at once.
   */
  account: Readonly<Record<OperationClass, Budget>>;
  /**
   * Per client address, every operation of every account together. Many households can share one
   * address (carrier-grade NAT, a hotel), so this budget is far larger than an account's: it is there
   * to stop one machine that rotates tokens or sends no token at all, and it is the one the HTTP layer
   * can check before it reads a request's body.
   */
  address: Budget;
}

/**
 * - `play`: 30 a minute, 5 a second. A viewer presses play a few times a minute at most (zapping
 *   through titles, a refusal followed by a purchase and a new try): five devices doing so at once
 *   stay under 30, and five pressing in the same second under 5. A loop gets 5 through.
 *   `startPlayback` (a prefetched manifest started) counts as a `play`: it is one.
 * - `prefetch`: 60 a minute, 10 a second. A device prefetches the few titles the viewer lingers on
 *   while browsing, so its own budget: prefetching never spends the viewer's `play` budget.
 * - `endPlayback`: 60 a minute, 10 a second. One per session, but a player's outbox sends the reports
 *   it queued while offline back to back when it reconnects (and retries a refused one later).
 * - `browse` (`titles`, `title`, `me`, anything but the two above): 600 a minute, 20 a second. A TV
 *   pages a row a few times a second while the viewer scrolls, then stops to look; five such TVs
 *   sustain well under 10 a second.
 * - per address: 3_000 a minute, 100 a second: twenty busy households behind one address before any of
 *   them notices; one machine looping from that address is held to 100 a second.
 */
export const DEFAULT_RATE_LIMIT_BUDGETS: Readonly<RateLimitBudgets> = Object.freeze({
  account: Object.freeze({
    play: Object.freeze({ perMinute: 30, burst: 5 }),
    prefetch: Object.freeze({ perMinute: 60, burst: 10 }),
    endPlayback: Object.freeze({ perMinute: 60, burst: 10 }),
    browse: Object.freeze({ perMinute: 600, burst: 20 }),
  }),
  address: Object.freeze({ perMinute: 3_000, burst: 100 }),
});

/**
 * Refuses budgets that would refuse everything or nothing: a count that is not a positive integer
 * (rate-limiter-flexible consumes whole points; NaN or Infinity would turn a window off), or a burst
 * larger than the minute it is part of.
 */
export function checkBudgets(budgets: RateLimitBudgets): void {
  const problems: string[] = [];
  const named: Array<[string, Budget]> = [
    ...OPERATION_CLASSES.map((name): [string, Budget] => [`account.${name}`, budgets.account[name]]),
    ['address', budgets.address],
  ];
  for (const [name, budget] of named) {
    for (const field of ['perMinute', 'burst'] as const) {
      const value = budget[field];
      if (!(Number.isSafeInteger(value) && value > 0)) {
        problems.push(`${name}.${field} must be a positive integer, not ${value}`);
      }
    }
    if (!(budget.burst <= budget.perMinute)) {
      problems.push(
        `${name}.burst (${budget.burst}) must be at most ${name}.perMinute (${budget.perMinute})`,
      );
    }
  }
  if (problems.length > 0) throw new Error(`Invalid rate limits: ${problems.join('; ')}.`);
}
