/**
 * Virtual time for unit tests: `sleep` waits for the test to advance the clock, and `runUntil` advances
 * it to the next timer whenever nothing else can run, so a 10-minute session takes milliseconds and
 * every run is identical. Test-only (it uses Node's `setImmediate`).
 */
import type { Clock } from '../../src/clock';

interface Timer {
  at: number;
  sequence: number;
  resolve: () => void;
}

export class VirtualClock implements Clock {
  private time: number;
  private sequence = 0;
  private readonly timers = new Set<Timer>();
  private readonly holds = new Set<Promise<unknown>>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        sequence: this.sequence++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers.delete(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.add(timer);
    });
  }

  /**
   * Stops time until `work` settles: real asynchronous work the clock cannot see (WebCrypto) then
   * finishes before any timer fires, as it would in a moment of real time.
   */
  hold(work: Promise<unknown>): void {
    const held = work.catch(() => {}).finally(() => this.holds.delete(held));
    this.holds.add(held);
  }

  /** Lets every pending callback run, then fires timers in time order until `work` settles. */
  async runUntil<T>(work: Promise<T>, limitMs = 24 * 3600 * 1000): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    const deadline = this.time + limitMs;
    let waitingSince = Date.now();
    for (;;) {
      await idle();
      if (settled) return work;
      const next = [...this.timers].sort((a, b) => a.at - b.at || a.sequence - b.sequence)[0];
      if (!next || this.holds.size > 0) {
        // Real asynchronous work (WebCrypto, body parsing) is under way: give it real time.
        if (Date.now() - waitingSince > 5_000)
          throw new Error('Deadlock: the work waits for something other than the clock');
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      waitingSince = Date.now();
      if (next.at > deadline) throw new Error(`The work did not settle within ${limitMs} virtual ms`);
      this.timers.delete(next);
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }
}

async function idle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
}
