/**
 * What the reference player shows and what its browser test reads (`window.__player`): the session's
 * state, the CDNs it used in order, and buffer and bitrate over time, built from the SDK's events
 * alone. "No stall" is the SDK's own account: no `rebufferStart` after startup, and the lowest
 * buffer seen just before a segment landed stayed above zero.
 */
import type { PlayerEvent } from '../src/events';

export type PlaybackPhase =
  'idle' | 'requesting' | 'refused' | 'starting' | 'playing' | 'stalled' | 'ended' | 'error';

export interface TimelineSample {
  /** Wall ms since the page pressed play. */
  atMs: number;
  bufferSeconds: number;
  kbps: number;
  cdnId: string;
}

export interface TimelineSnapshot {
  phase: PlaybackPhase;
  /** Each CDN in the order segments came from it (a CDN appears again after a switch back). */
  cdnHistory: string[];
  currentCdn: string | null;
  currentKbps: number | null;
  /** The buffer now, estimated from the last segment and the time played since. */
  bufferSeconds: number;
  /** Since startup: the lowest buffer just before a segment landed; null before startup. */
  minBufferAfterStart: number | null;
  rebufferCount: number;
  segmentsLoaded: number;
  positionSeconds: number;
  samples: TimelineSample[];
  /** Every event type seen, in order (for the page's log and for tests). */
  events: string[];
}

export class PlaybackTimeline {
  private phase: PlaybackPhase = 'idle';
  private readonly cdnHistory: string[] = [];
  private kbps: number | null = null;
  private lastBuffer: { atMs: number; seconds: number } | null = null;
  private minBufferAfterStart: number | null = null;
  private rebufferCount = 0;
  private startupSegmentPending = false;
  private segmentsLoaded = 0;
  private positionSeconds = 0;
  private readonly samples: TimelineSample[] = [];
  private readonly events: string[] = [];

  /**
   * @param startedAtMs wall ms of the press of play
   * @param speed media seconds per wall second (the session's `speed`)
   * @param segmentSeconds media seconds per segment
   * @param kbpsOf a variant's bitrate, from the manifest
   */
  constructor(
    private readonly startedAtMs: number,
    private readonly speed: number,
    private readonly segmentSeconds: number,
    private readonly kbpsOf: (variantId: string) => number,
  ) {}

  setPhase(phase: PlaybackPhase): void {
    this.phase = phase;
  }

  record(event: PlayerEvent): void {
    this.events.push(event.type);
    switch (event.type) {
      case 'startup':
        this.phase = 'playing';
        // The segment that filled the startup buffer is reported right after: it was before the start.
        this.startupSegmentPending = true;
        this.kbps = this.kbpsOf(event.variantId);
        this.noteCdn(event.cdnId);
        break;
      case 'segmentLoaded': {
        this.segmentsLoaded += 1;
        this.kbps = this.kbpsOf(event.variantId);
        this.noteCdn(event.cdnId);
        if (this.startupSegmentPending) {
          this.startupSegmentPending = false;
        } else if (this.phase === 'playing') {
          const before = Math.max(0, event.bufferSeconds - this.segmentSeconds);
          this.minBufferAfterStart = Math.min(this.minBufferAfterStart ?? Infinity, before);
        }
        this.lastBuffer = { atMs: event.atMs, seconds: event.bufferSeconds };
        break;
      }
      case 'rebufferStart':
        this.phase = 'stalled';
        this.rebufferCount += 1;
        this.minBufferAfterStart = 0;
        this.lastBuffer = { atMs: event.atMs, seconds: 0 };
        this.positionSeconds = event.positionSeconds;
        break;
      case 'rebufferEnd':
        this.phase = 'playing';
        break;
      case 'bitrateSwitch':
        this.kbps = event.toKbps;
        break;
      case 'cdnFailover':
      case 'manifestRenewed':
      case 'revoked':
        break;
      case 'sessionEnd':
        this.phase = 'ended';
        this.positionSeconds = event.positionSeconds;
        break;
      default: {
        const unhandled: never = event;
        throw new Error(`Unhandled event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** The buffer at `nowMs`: the last known level, drained in real time while playing. */
  bufferAt(nowMs: number): number {
    if (!this.lastBuffer || this.phase === 'ended') return 0;
    if (this.phase !== 'playing') return this.phase === 'stalled' ? 0 : this.lastBuffer.seconds;
    return Math.max(0, this.lastBuffer.seconds - ((nowMs - this.lastBuffer.atMs) * this.speed) / 1000);
  }

  /** Adds a chart point at `nowMs` (the page calls it a few times a second). */
  sample(nowMs: number): void {
    // Nothing to draw before media flows, and the chart holds still once the session ended.
    if (this.kbps === null || this.cdnHistory.length === 0 || this.phase === 'ended') return;
    this.samples.push({
      atMs: nowMs - this.startedAtMs,
      bufferSeconds: this.bufferAt(nowMs),
      kbps: this.kbps,
      cdnId: this.cdnHistory[this.cdnHistory.length - 1]!,
    });
  }

  snapshot(nowMs: number): TimelineSnapshot {
    return {
      phase: this.phase,
      cdnHistory: [...this.cdnHistory],
      currentCdn: this.cdnHistory[this.cdnHistory.length - 1] ?? null,
      currentKbps: this.kbps,
      bufferSeconds: this.bufferAt(nowMs),
      minBufferAfterStart: this.minBufferAfterStart,
      rebufferCount: this.rebufferCount,
      segmentsLoaded: this.segmentsLoaded,
      positionSeconds: this.positionSeconds,
      samples: [...this.samples],
      events: [...this.events],
    };
  }

  private noteCdn(cdnId: string): void {
    if (this.cdnHistory[this.cdnHistory.length - 1] !== cdnId) this.cdnHistory.push(cdnId);
  }
}
