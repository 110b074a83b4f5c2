/**
 * Manifests `Player.prefetch()` got ahead of time, held until the viewer presses play on one of those
 * titles or until they can no longer be started (their `startBy` claim). One manifest starts one
 * session, so `take` removes it.
 */
import type { PlayInput } from './__generated__/operations';
import type { VerifiedManifest } from './manifest';

export class PrefetchedManifests {
  private readonly held = new Map<string, VerifiedManifest>();

  /**
   * @param now wall clock, in ms
   * @param capacity most manifests held; the oldest go first
   * @param marginMs a manifest this close to its `startBy` is no longer used: the start must reach
   *   the edges, and be reported, while its tokens are still good
   */
  constructor(
    private readonly now: () => number,
    private readonly capacity = 10,
    private readonly marginMs = 10_000,
  ) {}

  put(input: PlayInput, manifest: VerifiedManifest): void {
    const key = keyOf(input);
    this.held.delete(key);
    this.held.set(key, manifest);
    for (const oldest of this.held.keys()) {
      if (this.held.size <= this.capacity) break;
      this.held.delete(oldest);
    }
  }

  /** Whether a startable manifest is held for this request. */
  has(input: PlayInput): boolean {
    return this.startable(keyOf(input)) !== null;
  }

  /** The startable manifest held for this request, removed; null when there is none. */
  take(input: PlayInput): VerifiedManifest | null {
    const key = keyOf(input);
    const manifest = this.startable(key);
    this.held.delete(key);
    return manifest;
  }

  private startable(key: string): VerifiedManifest | null {
    const manifest = this.held.get(key);
    if (!manifest) return null;
    const startBy = manifest.claims.startBy;
    if (startBy === undefined || startBy * 1000 - this.marginMs <= this.now()) {
      this.held.delete(key);
      return null;
    }
    return manifest;
  }
}

/** The same title for the same profile on the same device: the network may have changed since. */
function keyOf(input: PlayInput): string {
  return JSON.stringify([input.titleId, input.profileId, input.device]);
}
