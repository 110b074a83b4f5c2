/**
 * The gateway's manifest keys (`GET /.well-known/jwks.json`), fetched with the injected `fetch` and
 * cached. jose's `createRemoteJWKSet` would do the same but uses Node's http module in Node, which
 * neither a fake `fetch` nor the fleet simulator can reach.
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
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly options: RemoteKeySetOptions,
  ) {}

  /** For `jwtVerify(jws, keySet.getKey)`: refreshes once (within the cooldown) for an unknown `kid`. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    let refreshed = false;
    if (!this.local || this.options.clock.now() - this.fetchedAt > (this.options.maxAgeMs ?? 600_000)) {
      await this.refresh();
      refreshed = true;
    }
    try {
      return await this.local!(header, token);
    } catch (error) {
      const coolingDown = this.options.clock.now() - this.fetchedAt <= (this.options.cooldownMs ?? 30_000);
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
    const response = await this.options.fetch(this.url, {
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
    });
    if (!response.ok) throw new Error(`The key set at ${this.url} answered HTTP ${response.status}`);
    const set = (await response.json()) as JSONWebKeySet;
    this.local = createLocalJWKSet(set);
    this.fetchedAt = this.options.clock.now();
  }
}
