import type { PlayerEvent } from '../src/events';
import { PlaybackTimeline } from './playbackTimeline';

const KBPS: Record<string, number> = { low: 800, high: 4_000 };
const base = { sessionId: 's-1' };

function loaded(atMs: number, segment: number, cdnId: string, bufferSeconds: number, variantId = 'low') {
  return {
    ...base,
    type: 'segmentLoaded',
    atMs,
    segment,
    variantId,
    cdnId,
    bytes: 1,
    downloadMs: 10,
    bufferSeconds,
  } satisfies PlayerEvent;
}

describe('PlaybackTimeline', () => {
  it('follows a failover: CDNs in order, the lowest buffer before each segment, no stall', () => {
    const timeline = new PlaybackTimeline(0, 1, 4, (id) => KBPS[id]!);
    timeline.record({
      ...base,
      type: 'startup',
      atMs: 100,
      startupMs: 100,
      manifestMs: 50,
      prefetched: false,
      variantId: 'low',
      cdnId: 'cdn-a',
    });
    // The segment that filled the startup buffer: not a level "before a segment" of playback.
    timeline.record(loaded(100, 0, 'cdn-a', 4));
    timeline.record(loaded(200, 1, 'cdn-a', 7.9, 'high'));
    timeline.record({
      ...base,
      type: 'cdnFailover',
      atMs: 300,
      fromCdnId: 'cdn-a',
      toCdnId: 'cdn-b',
      reason: 'unreachable',
      segment: 2,
    });
    timeline.record(loaded(3_000, 2, 'cdn-b', 9.2, 'high'));
    const snapshot = timeline.snapshot(4_000);
    expect(snapshot).toMatchObject({
      phase: 'playing',
      cdnHistory: ['cdn-a', 'cdn-b'],
      currentCdn: 'cdn-b',
      currentKbps: 4_000,
      rebufferCount: 0,
      segmentsLoaded: 3,
    });
    expect(snapshot.minBufferAfterStart).toBeCloseTo(3.9);
    expect(snapshot.bufferSeconds).toBeCloseTo(8.2); // 9.2 s less the second played since
  });

  it('records a stall as a buffer of zero, and the buffer holds still while stalled', () => {
    const timeline = new PlaybackTimeline(0, 2, 4, (id) => KBPS[id]!);
    timeline.record({
      ...base,
      type: 'startup',
      atMs: 0,
      startupMs: 0,
      manifestMs: 0,
      prefetched: false,
      variantId: 'low',
      cdnId: 'cdn-a',
    });
    timeline.record(loaded(0, 0, 'cdn-a', 4));
    expect(timeline.bufferAt(1_000)).toBe(2); // speed 2: two media seconds per wall second
    timeline.record({ ...base, type: 'rebufferStart', atMs: 2_000, positionSeconds: 4 });
    const stalled = timeline.snapshot(5_000);
    expect(stalled).toMatchObject({
      phase: 'stalled',
      rebufferCount: 1,
      minBufferAfterStart: 0,
      bufferSeconds: 0,
    });
  });

  it('samples buffer, bitrate and CDN for the chart only once media flows', () => {
    const timeline = new PlaybackTimeline(1_000, 1, 4, (id) => KBPS[id]!);
    timeline.sample(1_100);
    timeline.record(loaded(1_200, 0, 'cdn-a', 4));
    timeline.sample(1_700);
    expect(timeline.snapshot(1_700).samples).toEqual([
      { atMs: 700, bufferSeconds: 4, kbps: 800, cdnId: 'cdn-a' },
    ]);
    timeline.record({
      ...base,
      type: 'sessionEnd',
      atMs: 1_800,
      reason: 'STOPPED',
      completed: false,
      positionSeconds: 0.6,
      rebufferCount: 0,
      rebufferSeconds: 0,
      bitrateSwitches: 0,
      cdnFailovers: 0,
      averageKbps: 800,
    });
    timeline.sample(2_000);
    expect(timeline.snapshot(2_000)).toMatchObject({
      phase: 'ended',
      bufferSeconds: 0,
      positionSeconds: 0.6,
    });
    expect(timeline.snapshot(2_000).samples).toHaveLength(1);
  });
});
