/**
 * One call for many identical ones in flight: the first caller of a key runs the work, callers of
 * the same key that arrive before it settles share its outcome. Nothing is kept once it settles
 * (that is the cache's job), so an error is shared by the callers in flight and no later one.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  /** How many keys are in flight right now. */
  get size(): number {
    return this.inFlight.size;
  }

  /** `work()`'s outcome, or that of the call of `key` in flight; `shared` says which. */
  async run(key: string, work: () => Promise<T>): Promise<{ value: T; shared: boolean }> {
    const running = this.inFlight.get(key);
    if (running) return { value: await running, shared: true };
    const started = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return { value: await started, shared: false };
  }
}
