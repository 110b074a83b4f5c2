/**
 * Which CDN serves the next request: the manifest's order (healthy first, then by priority) is the
 * preference; a CDN that fails is set aside for a while, then tried again, so a recovered preferred
 * CDN wins its traffic back.
 */
import type { ManifestCdn } from './manifest';

export interface CdnSelectorOptions {
  /** How long a failed CDN is set aside, in wall milliseconds. */
  setAsideMs: number;
  now: () => number;
}

export class CdnSelector {
  private readonly setAsideUntil = new Map<string, number>();

  constructor(
    private readonly cdns: readonly ManifestCdn[],
    private readonly options: CdnSelectorOptions,
  ) {
    if (cdns.length === 0) throw new RangeError('A manifest lists at least one CDN');
  }

  /**
   * The first CDN in manifest order that is not set aside; when every one is, the one whose set-aside
   * ends first (playing on a doubtful CDN beats not playing).
   */
  select(): ManifestCdn {
    const now = this.options.now();
    const available = this.cdns.find((cdn) => (this.setAsideUntil.get(cdn.id) ?? -Infinity) <= now);
    if (available) return available;
    return [...this.cdns].sort((a, b) => this.setAsideUntil.get(a.id)! - this.setAsideUntil.get(b.id)!)[0]!;
  }

  setAside(cdnId: string): void {
    this.setAsideUntil.set(cdnId, this.options.now() + this.options.setAsideMs);
  }

  isSetAside(cdnId: string): boolean {
    return (this.setAsideUntil.get(cdnId) ?? -Infinity) > this.options.now();
  }
}
