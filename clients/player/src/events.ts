/**
 * What a playback session tells the device's UI and telemetry. Every event carries `atMs` (the
 * clock's wall time) and the session id; media quantities (positions, buffer, rebuffer lengths) are
 * in media seconds, so they mean the same thing at any simulation speed.
 */
import type { CdnFailureKind } from './segmentFetcher';

interface SessionEventBase {
  sessionId: string;
  atMs: number;
}

export type PlayerEvent =
  | (SessionEventBase & {
      type: 'startup';
      /** Wall milliseconds from `play()` to the first frame: manifest request plus first segments. */
      startupMs: number;
      /** Wall milliseconds of the `play` request and manifest verification alone; 0 when prefetched. */
      manifestMs: number;
      /** The session started from a manifest `prefetch()` got earlier, without asking the gateway. */
      prefetched: boolean;
      variantId: string;
      cdnId: string;
    })
  | (SessionEventBase & { type: 'rebufferStart'; positionSeconds: number })
  | (SessionEventBase & { type: 'rebufferEnd'; positionSeconds: number; durationSeconds: number })
  | (SessionEventBase & {
      type: 'bitrateSwitch';
      fromVariantId: string;
      toVariantId: string;
      fromKbps: number;
      toKbps: number;
      /** Which rule chose the new variant (see abr.ts). */
      rule: AbrRuleName;
      bufferSeconds: number;
      estimateKbps: number | null;
    })
  | (SessionEventBase & {
      type: 'cdnFailover';
      fromCdnId: string;
      toCdnId: string;
      /** Why the previous CDN was left; `recovered` when the preferred one is back from its set-aside. */
      reason: CdnFailureKind | 'recovered';
      segment: number;
    })
  | (SessionEventBase & {
      type: 'segmentLoaded';
      segment: number;
      variantId: string;
      cdnId: string;
      bytes: number;
      /** Wall milliseconds from request to last byte. */
      downloadMs: number;
      bufferSeconds: number;
    })
  | (SessionEventBase & {
      /** A prefetched session's start was reported and decided again: its tokens now last the title. */
      type: 'manifestRenewed';
      expiresAt: number;
    })
  | (SessionEventBase & {
      /**
       * A prefetched session's start was reported and the entitlement no longer grants it (`reason` and
       * `message` as `play` would give them): the session ends REVOKED.
       */
      type: 'revoked';
      reason: string;
      message: string;
    })
  | (SessionEventBase & { type: 'sessionEnd' } & SessionSummary);

export type AbrRuleName = 'start' | 'throughput' | 'buffer' | 'lowBuffer' | 'failure';

export type SessionEndReason =
  /** The planned length was played to the end. */
  | 'COMPLETED'
  /** The device stopped the session (`stop()`). */
  | 'STOPPED'
  /** No CDN delivered a segment for `giveUpAfterSeconds`. */
  | 'MEDIA_UNAVAILABLE'
  /** A prefetched session whose start the control plane refused: the entitlement was revoked. */
  | 'REVOKED';

export interface SessionSummary {
  reason: SessionEndReason;
  completed: boolean;
  positionSeconds: number;
  rebufferCount: number;
  rebufferSeconds: number;
  bitrateSwitches: number;
  cdnFailovers: number;
  /** Media-seconds-weighted mean bitrate of what was buffered. */
  averageKbps: number;
}

export type PlayerEventType = PlayerEvent['type'];
export type PlayerEventOf<T extends PlayerEventType> = Extract<PlayerEvent, { type: T }>;
export type Listener<T extends PlayerEventType> = (event: PlayerEventOf<T>) => void;

/**
 * A tiny typed emitter (no Node `EventEmitter`, so it runs in browsers). A listener that throws is
 * reported to `onListenerError` and never interrupts playback.
 */
export class PlayerEvents {
  private readonly listeners = new Map<PlayerEventType, Set<(event: PlayerEvent) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  on<T extends PlayerEventType>(type: T, listener: Listener<T>): () => void {
    const set = this.listeners.get(type) ?? new Set();
    this.listeners.set(type, set);
    const erased = listener as (event: PlayerEvent) => void;
    set.add(erased);
    return () => set.delete(erased);
  }

  /** Every event, for telemetry pipelines that forward them all. */
  onAny(listener: (event: PlayerEvent) => void): () => void {
    const unsubscribes = EVENT_TYPES.map((type) => this.on(type, listener));
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }

  emit(event: PlayerEvent): void {
    for (const listener of this.listeners.get(event.type) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}

export const EVENT_TYPES: readonly PlayerEventType[] = [
  'startup',
  'rebufferStart',
  'rebufferEnd',
  'bitrateSwitch',
  'cdnFailover',
  'segmentLoaded',
  'manifestRenewed',
  'revoked',
  'sessionEnd',
];
