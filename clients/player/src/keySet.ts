/**
 * The gateway's manifest keys (`GET /.well-known/jwks.json`), fetched with the injected `fetch` and
 * cached. jose's `createRemoteJWKSet` would do the same but uses Node's http module in Node, which
 * neither a fake `fetch` nor the fleet simulator can reach. Several URLs (one per gateway region) are
 * tried in turn; when none answers, a set fetched before keeps being used, so manifests verify while
 * the control plane is away.
 */
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { Clock, Fetch } from './clock';

export interface RemoteKeySetOptions {
  fetch: Fetch;
  clock: Clock;
  /** How long a fetched set is used before it is fetched again. Defaults to 600_000 (ten minutes). */
  maxAgeMs?: number;
  /**
   * Least time between two fetches, so a manifest with an unknown `kid` (forged, or signed by a key
   * rotated in a moment ago) cannot make every player hammer the gateway. Defaults to 30_000.
   */
  cooldownMs?: number;
  /** Deadline of one fetch. Defaults to 5_000. */
  timeoutMs?: number;
}

/** A `getKey` for jose's `jwtVerify` backed by a remote JWK Set. */
export class RemoteKeySet {
  private local: JWTVerifyGetKey | null = null;
  private fetchedAt = -Infinity;
  /** When the last fetch was tried, answered or not: the cooldown counts from it. */
  private triedAt = -Infinity;
  private inFlight: Promise<void> | null = null;
  private readonly urls: readonly string[];

  constructor(
    urls: string | readonly string[],
    private readonly options: RemoteKeySetOptions,
  ) {
    this.urls = typeof urls === 'string' ? [urls] : urls;
  }

  /** For `jwtVerify(jws, keySet.getKey)`: refreshes once (within the cooldown) for an unknown `kid`. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const now = this.options.clock.now();
    const coolingDown = now - this.triedAt <= (this.options.cooldownMs ?? 30_000);
    const stale = now - this.fetchedAt > (this.options.maxAgeMs ?? 600_000);
    let refreshed = false;
    if (!this.local || (stale && !coolingDown)) {
      await this.refresh();
      refreshed = true;
    }
    try {
      return await this.local!(header, token);
    } catch (error) {
      if (refreshed || coolingDown) throw error;
      await this.refresh();
      return this.local!(header, token);
    }
  };

  private refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async load(): Promise<void> {
    this.triedAt = this.options.clock.now();
    let failure: Error | null = null;
    for (const url of this.urls) {
      try {
        const response = await this.options.fetch(url, {
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
        });
        if (!response.ok) throw new Error(`The key set at ${url} answered HTTP ${response.status}`);
        const set = (await response.json()) as JSONWebKeySet;
        this.local = createLocalJWKSet(set);
        this.fetchedAt = this.options.clock.now();
        return;
      } catch (error) {
        failure = error as Error;
      }
    }
    // Stale keys beat none: a set fetched before still verifies what those keys signed.
    if (!this.local) throw failure!;
  }
}
