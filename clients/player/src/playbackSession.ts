/**
 * The segment loop of one playback session: fetch segment after segment from the manifest's CDNs,
 * adapt the variant, fail over, and account for the buffer in media seconds until the planned length
 * has played. Nothing here calls the control plane: the verified manifest is all it needs.
 *
 * Time: the loop reads wall time from the injected clock and converts it to media time with `speed`
 * (media seconds per wall second). At speed 1 this is a real player's timing; at speed 20 a 4 s segment
 * plays in 200 ms, so tests and the fleet simulator run sessions quickly with the same logic.
 */
import { AbrController, type AbrOptions } from './abr';
import { CdnSelector } from './cdnSelector';
import type { Clock, Fetch } from './clock';
import type { PlayerEvents, SessionEndReason, SessionSummary } from './events';
import { segmentUrl, type ManifestCdn, type ManifestVariant, type VerifiedManifest } from './manifest';
import { fetchSegment, type CdnFailureKind } from './segmentFetcher';
import { ThroughputEstimator, type ThroughputEstimatorOptions } from './throughput';

/** Timing and buffer targets, in media seconds unless named otherwise. */
export interface PlaybackOptions {
  /** Duration of one segment. Defaults to 4. The manifest does not say; packaging fixes it per service. */
  segmentSeconds?: number;
  /** Media seconds per wall second. Defaults to 1 (real time); the simulator compresses time with more. */
  speed?: number;
  /**
   * Share of nominal segment bytes the edges actually send (their `EDGE_PAYLOAD_SCALE`). Throughput is
   * measured on received bytes divided by this, so the ABR sees nominal kilobits. Defaults to 1.
   */
  payloadScale?: number;
  /** Buffer needed to start playing. Defaults to 4 (one segment). */
  startupBufferSeconds?: number;
  /** Buffer needed to resume after a stall. Defaults to 8 (two segments). */
  rebufferResumeSeconds?: number;
  /** The loop stops fetching while a segment more would exceed this. Defaults to 30. */
  maxBufferSeconds?: number;
  /**
   * Longest wait for one segment before it is abandoned and retried elsewhere. Defaults to 2 segments.
   * The actual deadline is shorter when the buffer is low (buffer minus one segment, at least one
   * segment), so a retry at a lower variant still lands before the buffer runs dry, and it doubles with
   * each timed-out attempt at the same segment, so a link slower than every variant still plays.
   */
  segmentTimeoutSeconds?: number;
  /** First retry delay; doubles per retry of the same segment, with jitter. Defaults to 0.5. */
  retryBaseSeconds?: number;
  /** Longest retry delay. Defaults to 4. */
  retryMaxSeconds?: number;
  /** How long a failed CDN is set aside before it is preferred again. Defaults to 30. */
  cdnSetAsideSeconds?: number;
  /** The session ends (MEDIA_UNAVAILABLE) after failing one segment for this long. Defaults to 60. */
  giveUpAfterSeconds?: number;
  /**
   * How many of the manifest's CDNs the session may use, in manifest order. Defaults to all of them;
   * 1 turns CDN failover off (the fleet simulator's `--baseline` player).
   */
  maxCdns?: number;
  abr?: AbrOptions;
  throughput?: ThroughputEstimatorOptions;
}

export interface SessionDependencies {
  fetch: Fetch;
  clock: Clock;
  events: PlayerEvents;
  /** In [0, 1); jitters retry delays so a fleet that lost one CDN does not retry in lockstep. */
  random?: () => number;
}

export interface SessionStart {
  manifest: VerifiedManifest;
  /** Media seconds of content to play; the session ends when they have played. */
  plannedSeconds: number;
  /** Wall time (clock ms) the viewer pressed play, for the startup time. Defaults to now. */
  requestedAtMs?: number;
  /** Wall ms spent getting and verifying the manifest. Defaults to 0. */
  manifestMs?: number;
  /** The manifest came from `prefetch()`: no request was made when the viewer pressed play. */
  prefetched?: boolean;
}

const EPSILON = 1e-6;

/**
 * Where the viewer is: waiting for the startup buffer, watching, or stalled (rebuffering) since the
 * wall time `since`. Playback only moves forward: starting, then playing and stalled in turn.
 */
type PlaybackState = { phase: 'starting' } | { phase: 'playing' } | { phase: 'stalled'; since: number };

export class PlaybackSession {
  readonly sessionId: string;
  /** Resolves when the session ends, however it ends (it rejects only on a bug in the loop). */
  readonly done: Promise<SessionSummary>;

  private readonly options: Required<Omit<PlaybackOptions, 'abr' | 'throughput'>>;
  private readonly abr: AbrController;
  private readonly estimator: ThroughputEstimator;
  private readonly cdns: CdnSelector;
  private readonly stopping = new AbortController();
  private readonly random: () => number;

  private playback: PlaybackState = { phase: 'starting' };
  private lastTick: number;
  private bufferSeconds = 0;
  private positionSeconds = 0;
  private variant: ManifestVariant | null = null;
  private cdn: ManifestCdn | null = null;
  private readonly stats = { rebufferCount: 0, rebufferSeconds: 0, bitrateSwitches: 0, cdnFailovers: 0 };
  private kilobitsBuffered = 0;
  private secondsBuffered = 0;
  /** Segment tokens by CDN: the manifest's, until a renewed manifest replaces them. */
  private readonly tokens = new Map<string, string>();
  private revoked = false;

  constructor(
    private readonly start: SessionStart,
    private readonly deps: SessionDependencies,
    options: PlaybackOptions = {},
  ) {
    const segmentSeconds = options.segmentSeconds ?? 4;
    this.options = {
      segmentSeconds,
      speed: options.speed ?? 1,
      payloadScale: options.payloadScale ?? 1,
      startupBufferSeconds: options.startupBufferSeconds ?? segmentSeconds,
      rebufferResumeSeconds: options.rebufferResumeSeconds ?? 2 * segmentSeconds,
      maxBufferSeconds: options.maxBufferSeconds ?? 30,
      segmentTimeoutSeconds: options.segmentTimeoutSeconds ?? 2 * segmentSeconds,
      retryBaseSeconds: options.retryBaseSeconds ?? 0.5,
      retryMaxSeconds: options.retryMaxSeconds ?? 4,
      cdnSetAsideSeconds: options.cdnSetAsideSeconds ?? 30,
      giveUpAfterSeconds: options.giveUpAfterSeconds ?? 60,
      maxCdns: options.maxCdns ?? Infinity,
    };
    if (!(this.options.speed > 0) || !(segmentSeconds > 0) || !(start.plannedSeconds > 0)) {
      throw new RangeError('speed, segmentSeconds and plannedSeconds must be positive');
    }
    const { claims } = start.manifest;
    this.sessionId = claims.sid;
    this.abr = new AbrController(claims.variants, claims.abr, options.abr);
    this.estimator = new ThroughputEstimator(options.throughput);
    this.cdns = new CdnSelector(claims.cdns.slice(0, Math.max(1, this.options.maxCdns)), {
      setAsideMs: this.wallMs(this.options.cdnSetAsideSeconds),
      now: () => deps.clock.now(),
    });
    this.random = deps.random ?? Math.random;
    this.lastTick = deps.clock.now();
    this.done = this.run();
  }

  /** Ends the session now (the viewer pressed stop); `done` resolves with reason STOPPED. */
  stop(): void {
    this.stopping.abort(new Error('stopped'));
  }

  /**
   * Carries on with a renewed manifest of the same session (a prefetched session's start was
   * decided again): its segment tokens replace the old ones, which were about to expire.
   */
  renew(manifest: VerifiedManifest): void {
    if (manifest.claims.sid !== this.sessionId) {
      throw new RangeError('A renewed manifest must be for the same session');
    }
    for (const cdn of manifest.claims.cdns) this.tokens.set(cdn.id, cdn.token);
    this.emit({ type: 'manifestRenewed', expiresAt: manifest.claims.exp });
  }

  /** Ends the session now because its entitlement was revoked; `done` resolves with reason REVOKED. */
  revoke(reason: string, message: string): void {
    if (this.stopping.signal.aborted) return;
    this.revoked = true;
    this.emit({ type: 'revoked', reason, message });
    this.stopping.abort(new Error('revoked'));
  }

  private async run(): Promise<SessionSummary> {
    // Let the caller attach listeners before the first event.
    await Promise.resolve();
    let reason: SessionEndReason;
    try {
      reason = await this.playAll();
    } catch (error) {
      if (!this.stopping.signal.aborted) throw error;
      reason = this.revoked ? 'REVOKED' : 'STOPPED';
    }
    this.advance();
    // Media time is summed in binary floating point: snap it, so 40 s played reads 40, not 39.999….
    if (reason === 'COMPLETED') this.positionSeconds = this.start.plannedSeconds;
    this.positionSeconds = Math.round(this.positionSeconds * 1e6) / 1e6;
    const summary: SessionSummary = {
      reason,
      completed: reason === 'COMPLETED',
      positionSeconds: this.positionSeconds,
      ...this.stats,
      averageKbps: this.secondsBuffered > 0 ? this.kilobitsBuffered / this.secondsBuffered : 0,
    };
    this.emit({ type: 'sessionEnd', ...summary });
    return summary;
  }

  private async playAll(): Promise<SessionEndReason> {
    const { segmentSeconds, maxBufferSeconds } = this.options;
    const planned = this.start.plannedSeconds;
    const segments = Math.ceil(planned / segmentSeconds - EPSILON);
    for (let n = 0; n < segments; n++) {
      const duration = Math.min(segmentSeconds, planned - n * segmentSeconds);
      // Full enough: wait while playback makes room for one more segment.
      while (this.playing() && this.bufferSeconds + duration > maxBufferSeconds + EPSILON) {
        await this.sleepMedia(this.bufferSeconds + duration - maxBufferSeconds);
        this.advance();
      }
      if (!(await this.loadSegment(n, duration))) return 'MEDIA_UNAVAILABLE';
    }
    if (this.playback.phase === 'starting') this.startPlaying();
    while (this.bufferSeconds > EPSILON) {
      await this.sleepMedia(this.bufferSeconds);
      this.advance();
    }
    return 'COMPLETED';
  }

  /** Fetches segment `n`, retrying on the next CDN with backoff; false when it gives up. */
  private async loadSegment(n: number, duration: number): Promise<boolean> {
    const { clock, fetch } = this.deps;
    let failure: CdnFailureKind | null = null;
    let failingSince: number | null = null;
    let timeouts = 0;
    for (let retry = 0; ; retry++) {
      this.chooseVariant(failure !== null);
      this.chooseCdn(n, failure);
      const variant = this.variant!;
      const cdn = this.cdn!;
      const token = this.tokens.get(cdn.id) ?? cdn.token;
      const url = segmentUrl({ ...cdn, token }, this.start.manifest.claims, variant.id, n);
      const { segmentSeconds, segmentTimeoutSeconds } = this.options;
      const deadlineSeconds =
        Math.max(segmentSeconds, Math.min(segmentTimeoutSeconds, this.bufferSeconds - segmentSeconds)) *
        2 ** timeouts;
      const deadlineMs = this.wallMs(deadlineSeconds);
      const attempt = await this.whilePlaying(
        fetchSegment(fetch, clock, url, deadlineMs, this.stopping.signal),
      );
      this.advance();
      if (attempt.ok) {
        this.estimator.addSample(
          (attempt.bytes * 8) / 1000 / this.options.payloadScale,
          this.mediaSeconds(attempt.downloadMs),
        );
        this.buffer(duration, variant.bitrateKbps);
        this.emit({
          type: 'segmentLoaded',
          segment: n,
          variantId: variant.id,
          cdnId: cdn.id,
          bytes: attempt.bytes,
          downloadMs: attempt.downloadMs,
          bufferSeconds: this.bufferSeconds,
        });
        return true;
      }
      failure = attempt.kind;
      if (failure === 'timeout') {
        timeouts += 1;
        // Not a measurement but an upper bound: the segment did not arrive at this rate.
        this.estimator.addSample(variant.bitrateKbps * duration, this.mediaSeconds(attempt.downloadMs));
      }
      this.cdns.setAside(cdn.id);
      failingSince ??= clock.now() - attempt.downloadMs;
      if (this.mediaSeconds(clock.now() - failingSince) >= this.options.giveUpAfterSeconds) return false;
      const backoff = Math.min(this.options.retryMaxSeconds, this.options.retryBaseSeconds * 2 ** retry);
      await this.whilePlaying(this.sleepMedia(backoff * (0.5 + this.random() / 2)));
      this.advance();
    }
  }

  private chooseVariant(afterFailure: boolean): void {
    const estimateKbps = this.estimator.estimateKbps();
    const { variant, rule } = this.abr.decide({
      bufferSeconds: this.bufferSeconds,
      estimateKbps,
      afterFailure,
    });
    const previous = this.variant;
    this.variant = variant;
    if (!previous || previous.id === variant.id) return;
    this.stats.bitrateSwitches += 1;
    this.emit({
      type: 'bitrateSwitch',
      fromVariantId: previous.id,
      toVariantId: variant.id,
      fromKbps: previous.bitrateKbps,
      toKbps: variant.bitrateKbps,
      rule,
      bufferSeconds: this.bufferSeconds,
      estimateKbps,
    });
  }

  private chooseCdn(segment: number, failure: CdnFailureKind | null): void {
    const previous = this.cdn;
    const next = this.cdns.select();
    this.cdn = next;
    if (!previous || previous.id === next.id) return;
    this.stats.cdnFailovers += 1;
    this.emit({
      type: 'cdnFailover',
      fromCdnId: previous.id,
      toCdnId: next.id,
      reason: failure ?? 'recovered',
      segment,
    });
  }

  private buffer(duration: number, bitrateKbps: number): void {
    this.bufferSeconds += duration;
    this.kilobitsBuffered += duration * bitrateKbps;
    this.secondsBuffered += duration;
    const remaining = this.start.plannedSeconds - this.positionSeconds;
    const state = this.playback;
    switch (state.phase) {
      case 'starting':
        if (this.bufferSeconds + EPSILON >= Math.min(this.options.startupBufferSeconds, remaining)) {
          this.startPlaying();
        }
        return;
      case 'stalled':
        if (this.bufferSeconds + EPSILON >= Math.min(this.options.rebufferResumeSeconds, remaining)) {
          this.playback = { phase: 'playing' };
          const durationSeconds = this.mediaSeconds(this.deps.clock.now() - state.since);
          this.stats.rebufferSeconds += durationSeconds;
          this.emit({ type: 'rebufferEnd', positionSeconds: this.positionSeconds, durationSeconds });
        }
        return;
      case 'playing':
        return;
      default: {
        // The player's core cannot import the platform's UnreachableCaseError (it runs in browsers):
        // the `never` makes the compiler fail all the same when a phase is added and not handled.
        const unhandled: never = state;
        throw new Error(`Unhandled playback phase: ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private startPlaying(): void {
    this.playback = { phase: 'playing' };
    this.lastTick = this.deps.clock.now();
    const requestedAt = this.start.requestedAtMs ?? this.lastTick;
    this.emit({
      type: 'startup',
      startupMs: this.lastTick - requestedAt,
      manifestMs: this.start.manifestMs ?? 0,
      prefetched: this.start.prefetched ?? false,
      variantId: this.variant?.id ?? this.abr.current.id,
      cdnId: this.cdn?.id ?? this.start.manifest.claims.cdns[0]!.id,
    });
  }

  /** Plays the buffer forward to now; notices the moment it ran dry. */
  private advance(): void {
    const now = this.deps.clock.now();
    const elapsed = this.mediaSeconds(now - this.lastTick);
    this.lastTick = now;
    if (!this.playing()) return;
    const played = Math.min(this.bufferSeconds, elapsed);
    this.positionSeconds += played;
    this.bufferSeconds -= played;
    if (this.bufferSeconds <= EPSILON && this.positionSeconds < this.start.plannedSeconds - EPSILON) {
      this.bufferSeconds = 0;
      this.playback = { phase: 'stalled', since: now - this.wallMs(elapsed - played) };
      this.stats.rebufferCount += 1;
      this.emit({ type: 'rebufferStart', positionSeconds: this.positionSeconds });
    }
  }

  private playing(): boolean {
    return this.playback.phase === 'playing';
  }

  /**
   * Awaits `work` while keeping the playback clock honest: if the buffer runs dry before `work`
   * settles, the stall is noticed (and reported) when it happens, not when the download ends.
   */
  private async whilePlaying<T>(work: Promise<T>): Promise<T> {
    const watching = new AbortController();
    const watcher = (async () => {
      while (this.playing()) {
        await this.deps.clock.sleep(this.wallMs(this.bufferSeconds) + 1, watching.signal);
        this.advance();
      }
    })().catch(() => {});
    try {
      return await work;
    } finally {
      watching.abort();
      await watcher;
    }
  }

  private sleepMedia(seconds: number): Promise<void> {
    return this.deps.clock.sleep(this.wallMs(seconds), this.stopping.signal);
  }

  private wallMs(mediaSeconds: number): number {
    return (mediaSeconds * 1000) / this.options.speed;
  }

  private mediaSeconds(wallMs: number): number {
    return (wallMs * this.options.speed) / 1000;
  }

  private emit(event: DistributiveOmit<Parameters<PlayerEvents['emit']>[0], 'sessionId' | 'atMs'>): void {
    this.deps.events.emit({ ...event, sessionId: this.sessionId, atMs: this.deps.clock.now() } as Parameters<
      PlayerEvents['emit']
    >[0]);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
