/**
 * The player SDK's entry point: `play()` asks a gateway for a manifest (or takes one `prefetch()` got
 * earlier), verifies it, and runs a {@link PlaybackSession}; the start of a prefetched manifest and
 * the end of every session are reported through the outbox.
 *
 * The core uses no Node-only API: `fetch`, the clock and the outbox store are injected, with
 * browser-and-Node defaults (global `fetch`, `Date.now`/`setTimeout`, memory).
 */
import type { JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock, type Fetch } from './clock';
import { GraphQLPlaybackReporter } from './playbackReporter';
import {
  PlayerEvents,
  type Listener,
  type PlayerEvent,
  type PlayerEventType,
  type SessionSummary,
} from './events';
import { RemoteKeySet } from './keySet';
import type { VerifiedManifest } from './manifest';
import { ManifestVerifier } from './manifestVerifier';
import { MemoryOutboxStore, Outbox } from './outbox';
import { PlaybackSession, type PlaybackOptions } from './playbackSession';
import { GatewayList } from './gateways';
import { PrefetchedManifests } from './prefetched';
import { prefetchManifest, requestManifest, type PlayInput } from './playRequest';
import { clientHeaders, PLAYER_CLIENT, type ClientIdentity, type GraphQLEndpoint } from './graphql';

export interface PlayerOptions {
  /**
   * The gateway's origin, or one per region with the home region first: GraphQL at `/graphql`,
   * manifest keys at `/.well-known/jwks.json`. A request goes to the next region when one does not
   * answer (see `sendGraphQL`).
   */
  gatewayUrl: string | readonly string[];
  /** The account's bearer token; asked for on every request so the app can refresh it. */
  authToken: () => string | Promise<string>;
  /** Sent as `x-country`. Only for development: in production the gateway's edge sets it. */
  country?: string;
  fetch?: Fetch;
  clock?: Clock;
  /** Manifest keys; defaults to the gateway's JWK Set, fetched and cached (see {@link RemoteKeySet}). */
  manifestKeys?: JWTVerifyGetKey;
  /** Expected manifest `iss`; unchecked when absent. */
  manifestIssuer?: string;
  /** Where session ends wait for delivery. Defaults to an in-memory outbox reporting via `endPlayback`. */
  outbox?: Outbox;
  /** Defaults for every session; `play()` may override them. */
  playback?: PlaybackOptions;
  /** Told about problems that never reach the viewer: a throwing listener, a dropped report. */
  onBackgroundError?: (message: string) => void;
  /** Most manifests held from `prefetch()` at once; the oldest go first. Defaults to 10. */
  maxPrefetched?: number;
  /** The app, for the gateway's field usage: its name and version. Defaults to this SDK's. */
  client?: ClientIdentity;
  /**
   * How long one GraphQL request may wait for a gateway before the next one is tried, in wall ms.
   * Defaults to 10_000; a device given several gateways fails over sooner with less.
   */
  requestTimeoutMs?: number;
  /**
   * For `play` and `prefetch` (queries: safe to send twice): when the gateway asked has not answered
   * within this many wall ms, the next gateway is asked too and the first answer wins, so a home
   * gateway that went silent costs a start this much instead of `requestTimeoutMs`. Unset (the
   * default): the next gateway is asked only once the first has failed. A hedged `play` may leave a
   * decision record at the gateway whose answer was abandoned.
   */
  hedgeAfterMs?: number;
}

/**
 * What `prefetch()` did for one title: got a manifest (`prefetched`), had one already (`held`), was
 * told the viewer may not play it (`refused`: `play()` will say why), or could not ask (`failed`).
 */
export type PrefetchOutcome = 'prefetched' | 'held' | 'refused' | 'failed';

export interface PlayRequest {
  /** The `PlayInput` of the `play` request. */
  input: PlayInput;
  /** Media seconds to play; the session ends after them. */
  plannedSeconds: number;
  playback?: PlaybackOptions;
}

/** One press of play: listen to `events`, await `done`, call `stop()` to end early. */
export interface PlayHandle {
  on<T extends PlayerEventType>(type: T, listener: Listener<T>): () => void;
  onAny(listener: (event: PlayerEvent) => void): () => void;
  /** The verified manifest; rejects with `PlaybackRefusedError`, `ManifestRejectedError` or `GraphQLRequestError`. */
  readonly manifest: Promise<VerifiedManifest>;
  /** The session's summary once it ended; rejects like `manifest` when it never started. */
  readonly done: Promise<SessionSummary>;
  stop(): void;
}

export class Player {
  readonly outbox: Outbox;
  private readonly clock: Clock;
  private readonly fetch: Fetch;
  private readonly endpoint: GraphQLEndpoint;
  private readonly verifier: ManifestVerifier;
  private readonly prefetched: PrefetchedManifests;

  constructor(private readonly options: PlayerOptions) {
    this.clock = options.clock ?? systemClock;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    const gateways = new GatewayList(options.gatewayUrl, { now: () => this.clock.now() });
    this.endpoint = {
      fetch: this.fetch,
      gateways,
      headers: async () => ({
        authorization: `Bearer ${await options.authToken()}`,
        ...clientHeaders(options.client ?? PLAYER_CLIENT),
        ...(options.country ? { 'x-country': options.country } : {}),
      }),
      timeoutMs: options.requestTimeoutMs,
      hedgeAfterMs: options.hedgeAfterMs,
    };
    const keys =
      options.manifestKeys ??
      new RemoteKeySet(
        gateways.urls.map((url) => `${url}/.well-known/jwks.json`),
        { fetch: this.fetch, clock: this.clock },
      ).getKey;
    this.verifier = new ManifestVerifier({
      getKey: keys,
      issuer: options.manifestIssuer,
      now: () => this.clock.now(),
    });
    this.outbox =
      options.outbox ??
      new Outbox(new MemoryOutboxStore(), new GraphQLPlaybackReporter(this.endpoint), {
        clock: this.clock,
        onError: (message) => options.onBackgroundError?.(message),
      });
    this.prefetched = new PrefetchedManifests(() => this.clock.now(), options.maxPrefetched);
  }

  /**
   * The reporter (session ends, prefetched starts) for an outbox built outside, on a file or
   * `localStorage` store.
   */
  static reporterFor(
    options: Pick<PlayerOptions, 'gatewayUrl' | 'authToken' | 'fetch' | 'client'>,
  ): GraphQLPlaybackReporter {
    return new GraphQLPlaybackReporter({
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      gateways: new GatewayList(options.gatewayUrl),
      headers: async () => ({
        authorization: `Bearer ${await options.authToken()}`,
        ...clientHeaders(options.client ?? PLAYER_CLIENT),
      }),
    });
  }

  /**
   * Gets manifests for titles the viewer may play soon, one request per title in turn, as `prefetch`
   * class (an overloaded gateway refuses them before anybody's `play`), so that `play()` of one of them
   * within five minutes starts without asking any gateway. Nothing is counted as watched until then.
   * Never rejects: a title that could not be prefetched is simply asked for when played.
   */
  async prefetch(
    titleIds: readonly string[],
    request: Omit<PlayInput, 'titleId'>,
  ): Promise<Map<string, PrefetchOutcome>> {
    const outcomes = new Map<string, PrefetchOutcome>();
    for (const titleId of titleIds) {
      const input: PlayInput = { ...request, titleId };
      if (this.prefetched.has(input)) {
        outcomes.set(titleId, 'held');
        continue;
      }
      try {
        const jws = await prefetchManifest(this.endpoint, input);
        if (jws === null) {
          outcomes.set(titleId, 'refused');
          continue;
        }
        this.prefetched.put(input, await this.verifier.verify(jws, titleId));
        outcomes.set(titleId, 'prefetched');
      } catch (error) {
        this.options.onBackgroundError?.(`Prefetching ${titleId} failed: ${(error as Error).message}`);
        outcomes.set(titleId, 'failed');
      }
    }
    return outcomes;
  }

  /**
   * Plays a title: from a manifest `prefetch()` holds for it, at once, with no request (the start is
   * reported through the outbox, and the answer renews the session or stops it); otherwise from a
   * manifest asked of the gateways, the next region when one does not answer.
   */
  play(request: PlayRequest): PlayHandle {
    const events = new PlayerEvents((error) =>
      this.options.onBackgroundError?.(`A player event listener threw: ${(error as Error).message}`),
    );
    const requestedAtMs = this.clock.now();
    const held = this.prefetched.take(request.input);
    let session: PlaybackSession | null = null;
    let stopped = false;
    const manifest = held
      ? Promise.resolve(held)
      : (async () => {
          const jws = await requestManifest(this.endpoint, request.input);
          return this.verifier.verify(jws, String(request.input.titleId));
        })();
    const done = manifest.then(async (verified) => {
      if (stopped) throw new Error('Stopped before the manifest arrived');
      const started = new PlaybackSession(
        {
          manifest: verified,
          plannedSeconds: request.plannedSeconds,
          requestedAtMs,
          manifestMs: this.clock.now() - requestedAtMs,
          prefetched: held !== null,
        },
        { fetch: this.fetch, clock: this.clock, events },
        { ...this.options.playback, ...request.playback },
      );
      session = started;
      let current = verified;
      const stopHearing = held
        ? this.reportStart(started, request.input, verified, (renewed) => (current = renewed))
        : () => {};
      const summary = await started.done;
      stopHearing();
      // Reported after the session ended, and never awaited by it: delivery cannot hold up playback.
      void this.outbox.enqueue({
        manifest: current.jws,
        positionSeconds: summary.positionSeconds,
        completed: summary.completed,
      });
      return summary;
    });
    // A caller that only awaits `done` must not see an unhandled rejection from `manifest`.
    manifest.catch(() => {});
    return {
      on: (type, listener) => events.on(type, listener),
      onAny: (listener) => events.onAny(listener),
      manifest,
      done,
      stop: () => {
        stopped = true;
        session?.stop();
      },
    };
  }

  /**
   * Reports the start of a prefetched manifest through the outbox and applies the answer to the
   * session while it runs: a renewed manifest (verified like any) replaces its tokens, a refusal
   * stops it. Returns the way to stop listening.
   */
  private reportStart(
    session: PlaybackSession,
    input: PlayInput,
    prefetched: VerifiedManifest,
    onRenewed: (manifest: VerifiedManifest) => void,
  ): () => void {
    // Delivery is retried while the session plays, not only when something else is reported.
    const delivering = new AbortController();
    const stopHearing = this.outbox.onStartAnswer((reported, answer) => {
      if (reported.manifest !== prefetched.jws) return;
      delivering.abort();
      if (!answer.allowed) return session.revoke(answer.reason, answer.message);
      this.verifier.verify(answer.manifest, prefetched.claims.titleId).then(
        (renewed) => {
          session.renew(renewed);
          onRenewed(renewed);
        },
        (error: unknown) =>
          this.options.onBackgroundError?.(`A renewed manifest was refused: ${(error as Error).message}`),
      );
    });
    void this.outbox.enqueueStart({ manifest: prefetched.jws, play: input }).then(() => {
      if (!delivering.signal.aborted) return this.outbox.run(delivering.signal);
    });
    return () => {
      delivering.abort();
      stopHearing();
    };
  }
}
