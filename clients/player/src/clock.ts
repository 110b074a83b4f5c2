/**
 * Time for the player, injected so the same loop runs in a browser, in Node, in a unit test on
 * virtual time, and in the fleet simulator on compressed time.
 */
export interface Clock {
  /** Milliseconds on a monotonic-enough wall clock (`Date.now()` in production). */
  now(): number;
  /**
   * Resolves after `ms` wall milliseconds. With `signal` aborted before then it rejects with the
   * signal's reason, and the timer is released.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now()` and `setTimeout`, available in browsers and Node alike. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** The `fetch` the player uses: the global one by default, a fake in tests. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
