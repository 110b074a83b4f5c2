/**
 * The gateways a device may ask, one per region, home first. A gateway that could not answer
 * (unreachable, timed out, 5xx, shedding) is set aside for a while, so the next requests go straight
 * to one that answers instead of waiting out the same failure; the home gateway is preferred again
 * once its set-aside ends.
 */
export class GatewayList {
  readonly urls: readonly string[];
  private readonly setAsideUntil = new Map<string, number>();

  constructor(
    urls: string | readonly string[],
    private readonly options: { now?: () => number; setAsideMs?: number } = {},
  ) {
    const list = (typeof urls === 'string' ? [urls] : [...urls]).map((url) => url.replace(/\/+$/, ''));
    if (list.length === 0) throw new RangeError('A player needs at least one gateway URL');
    this.urls = list;
  }

  /** Where to send a request, in order: the gateways not set aside, then those that are. */
  order(): string[] {
    const now = this.now();
    const ready = (url: string) => (this.setAsideUntil.get(url) ?? -Infinity) <= now;
    return [...this.urls.filter(ready), ...this.urls.filter((url) => !ready(url))];
  }

  /** The gateway failed to answer: try the others first for `setAsideMs` (default 30 s). */
  failed(url: string): void {
    this.setAsideUntil.set(url, this.now() + (this.options.setAsideMs ?? 30_000));
  }

  /** The gateway answered. */
  answered(url: string): void {
    this.setAsideUntil.delete(url);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
