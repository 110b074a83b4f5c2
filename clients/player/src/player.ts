/**
 * The player SDK's entry point: `play()` asks the gateway for a manifest, verifies it, and runs a
 * {@link PlaybackSession}; when the session ends, its end is reported through the outbox.
 *
 * The core uses no Node-only API: `fetch`, the clock and the outbox store are injected, with
 * browser-and-Node defaults (global `fetch`, `Date.now`/`setTimeout`, memory).
 */
import type { JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock, type Fetch } from './clock';
import { GraphQLPlaybackReporter } from './endPlaybackReporter';
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
import { requestManifest, type PlayInput } from './playRequest';
import type { GraphQLEndpoint } from './graphql';

export interface PlayerOptions {
  /** The gateway's origin; GraphQL at `/graphql`, manifest keys at `/.well-known/jwks.json`. */
  gatewayUrl: string;
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
}

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

  constructor(private readonly options: PlayerOptions) {
    this.clock = options.clock ?? systemClock;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.endpoint = {
      fetch: this.fetch,
      gatewayUrl: options.gatewayUrl,
      headers: async () => ({
        authorization: `Bearer ${await options.authToken()}`,
        ...(options.country ? { 'x-country': options.country } : {}),
      }),
    };
    const keys =
      options.manifestKeys ??
      new RemoteKeySet(`${options.gatewayUrl.replace(/\/+$/, '')}/.well-known/jwks.json`, {
        fetch: this.fetch,
        clock: this.clock,
      }).getKey;
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
  }

  /** The `endPlayback` reporter for an outbox built outside, on a file or `localStorage` store. */
  static reporterFor(
    options: Pick<PlayerOptions, 'gatewayUrl' | 'authToken' | 'fetch'>,
  ): GraphQLPlaybackReporter {
    return new GraphQLPlaybackReporter({
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      gatewayUrl: options.gatewayUrl,
      headers: async () => ({ authorization: `Bearer ${await options.authToken()}` }),
    });
  }

  play(request: PlayRequest): PlayHandle {
    const events = new PlayerEvents((error) =>
      this.options.onBackgroundError?.(`A player event listener threw: ${(error as Error).message}`),
    );
    const requestedAtMs = this.clock.now();
    let session: PlaybackSession | null = null;
    let stopped = false;
    const manifest = (async () => {
      const jws = await requestManifest(this.endpoint, request.input);
      return this.verifier.verify(jws, String(request.input.titleId));
    })();
    const done = manifest.then(async (verified) => {
      if (stopped) throw new Error('Stopped before the manifest arrived');
      session = new PlaybackSession(
        {
          manifest: verified,
          plannedSeconds: request.plannedSeconds,
          requestedAtMs,
          manifestMs: this.clock.now() - requestedAtMs,
        },
        { fetch: this.fetch, clock: this.clock, events },
        { ...this.options.playback, ...request.playback },
      );
      const summary = await session.done;
      // Reported after the session ended, and never awaited by it: delivery cannot hold up playback.
      void this.outbox.enqueue({
        manifest: verified.jws,
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
}
