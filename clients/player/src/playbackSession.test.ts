import { PlayerEvents, type PlayerEvent } from './events';
import { PlaybackSession, type PlaybackOptions } from './playbackSession';
import { LADDER, unsignedManifest } from '../test/support/manifests';
import { scriptedNetwork, type Behaviour, type SegmentRequest } from '../test/support/scriptedNetwork';
import { VirtualClock } from '../test/support/virtualClock';
import type { ManifestClaims } from './manifest';

const SEGMENT_SECONDS = 4;

/** Plays a session on virtual time against a scripted network; returns what happened. */
async function playScripted(
  behaviour: (request: SegmentRequest, clock: VirtualClock) => Behaviour,
  {
    plannedSeconds = 120,
    claims = {},
    options = {},
  }: { plannedSeconds?: number; claims?: Partial<ManifestClaims>; options?: PlaybackOptions } = {},
) {
  const clock = new VirtualClock();
  const network = scriptedNetwork({
    clock,
    variants: LADDER,
    segmentSeconds: SEGMENT_SECONDS,
    payloadScale: 0.001,
    behaviour: (request) => behaviour(request, clock),
  });
  const events = new PlayerEvents((error) => {
    throw error;
  });
  const seen: PlayerEvent[] = [];
  events.onAny((event) => seen.push(event));
  const session = new PlaybackSession(
    { manifest: unsignedManifest(claims, clock.now()), plannedSeconds, requestedAtMs: clock.now() },
    { fetch: network.fetch, clock, events, random: () => 0.5 },
    { segmentSeconds: SEGMENT_SECONDS, payloadScale: 0.001, ...options },
  );
  const summary = await clock.runUntil(session.done);
  const ofType = <T extends PlayerEvent['type']>(type: T) =>
    seen.filter((event): event is Extract<PlayerEvent, { type: T }> => event.type === type);
  return { summary, seen, ofType, requests: network.requests, clock, session };
}

describe('PlaybackSession', () => {
  it('plays the planned length on a steady network, climbing to what the throughput allows', async () => {
    const { summary, ofType, requests } = await playScripted(() => ({ kbps: 8000, latencyMs: 20 }));
    expect(summary).toMatchObject({
      reason: 'COMPLETED',
      completed: true,
      positionSeconds: 120,
      rebufferCount: 0,
    });
    expect(requests).toHaveLength(30);
    expect(
      requests.every((request) => request.cdnId === 'cdn-a' && request.token === 'token-for-cdn-a'),
    ).toBe(true);
    expect(requests.every((request) => request.sid === 'session-1')).toBe(true);
    expect(ofType('startup')).toEqual([expect.objectContaining({ variantId: 'h264-480p', cdnId: 'cdn-a' })]);
    expect(ofType('bitrateSwitch').map((event) => event.toVariantId)).toEqual(['h264-1080p']);
    expect(requests.at(-1)!.variantId).toBe('h264-1080p');
    expect(ofType('sessionEnd')).toHaveLength(1);
  });

  it('takes as long as the content plays (buffer accounting in media seconds) at any speed', async () => {
    const realTime = await playScripted(() => ({ kbps: 8000 }), { plannedSeconds: 60 });
    const compressed = await playScripted(() => ({ kbps: 8000 * 20 }), {
      plannedSeconds: 60,
      options: { speed: 20 },
    });
    const elapsed = (run: typeof realTime) =>
      run.ofType('sessionEnd')[0]!.atMs - run.ofType('startup')[0]!.atMs;
    expect(elapsed(realTime)).toBeCloseTo(60_000, -1);
    expect(elapsed(compressed)).toBeCloseTo(3_000, -1);
    expect(compressed.requests.map((request) => request.variantId)).toEqual(
      realTime.requests.map((request) => request.variantId),
    );
  });

  it('adapts down and back up on a scripted throughput trace without stalling', async () => {
    // 8 Mbps for the first 40 s of wall time, 1.2 Mbps for the next 60 s, then 8 Mbps again.
    const start = new VirtualClock().now();
    const { summary, ofType } = await playScripted(
      (_, clock) => {
        const t = clock.now() - start;
        return { kbps: t < 40_000 || t >= 100_000 ? 8000 : 1200 };
      },
      { plannedSeconds: 240 },
    );
    const path = ofType('bitrateSwitch').map((event) => event.toVariantId);
    expect(path.indexOf('h264-240p')).toBeGreaterThan(path.indexOf('h264-1080p'));
    expect(path.lastIndexOf('h264-1080p')).toBeGreaterThan(path.indexOf('h264-240p'));
    expect(summary).toMatchObject({ completed: true, rebufferCount: 0 });
  });

  it('never fetches above maxBitrateKbps', async () => {
    const { requests } = await playScripted(() => ({ kbps: 50_000 }), {
      claims: { abr: { startVariantId: 'h264-480p', maxBitrateKbps: 2500 } },
    });
    expect(new Set(requests.map((request) => request.variantId))).toEqual(new Set(['h264-480p']));
  });

  it('reports a stall and its end, in media seconds, when the network is slower than the lowest variant', async () => {
    // 200 kbps against a 235 kbps lowest variant: every segment takes 4.7 s to play 4 s.
    const { summary, ofType } = await playScripted(() => ({ kbps: 200 }), {
      plannedSeconds: 40,
      claims: { abr: { startVariantId: 'h264-240p', maxBitrateKbps: 5800 } },
    });
    expect(summary.completed).toBe(true);
    expect(ofType('rebufferStart').length).toBeGreaterThan(0);
    expect(ofType('rebufferEnd')).toHaveLength(ofType('rebufferStart').length);
    const total = ofType('rebufferEnd').reduce((sum, event) => sum + event.durationSeconds, 0);
    expect(summary.rebufferSeconds).toBeCloseTo(total);
    expect(total).toBeGreaterThan(0);
  });

  it('fails over in manifest order when CDNs refuse connections, and sets failed CDNs aside', async () => {
    const { summary, ofType, requests } = await playScripted(
      (request) => (request.cdnId === 'cdn-c' ? { kbps: 8000 } : { refuse: true }),
      { plannedSeconds: 40 },
    );
    expect(summary.completed).toBe(true);
    expect(requests.slice(0, 3).map((request) => request.cdnId)).toEqual(['cdn-a', 'cdn-b', 'cdn-c']);
    expect(ofType('cdnFailover').slice(0, 2)).toEqual([
      expect.objectContaining({ fromCdnId: 'cdn-a', toCdnId: 'cdn-b', reason: 'unreachable' }),
      expect.objectContaining({ fromCdnId: 'cdn-b', toCdnId: 'cdn-c', reason: 'unreachable' }),
    ]);
    // Set aside for 30 s: segments in the meantime go straight to cdn-c.
    const [, , , ...rest] = requests;
    expect(rest.slice(0, 3).every((request) => request.cdnId === 'cdn-c')).toBe(true);
  });

  it('goes back to the preferred CDN once its set-aside is over', async () => {
    const start = new VirtualClock().now();
    const { requests, ofType } = await playScripted(
      (request, clock) =>
        request.cdnId === 'cdn-a' && clock.now() - start < 5_000 ? { status: 503 } : { kbps: 8000 },
      { plannedSeconds: 120 },
    );
    expect(ofType('cdnFailover').map((event) => `${event.toCdnId}:${event.reason}`)).toEqual([
      'cdn-b:httpError',
      'cdn-a:recovered',
    ]);
    const back = requests.findIndex((request, index) => index > 1 && request.cdnId === 'cdn-a');
    expect(requests[back]!.at - requests[1]!.at).toBeGreaterThanOrEqual(30_000);
  });

  it('abandons a hanging segment at its deadline, retries it lower on the next CDN, and does not stop', async () => {
    const start = new VirtualClock().now();
    const { summary, ofType } = await playScripted(
      (request, clock) =>
        request.cdnId === 'cdn-a' && clock.now() - start > 20_000 ? { hang: true } : { kbps: 8000 },
      { plannedSeconds: 120 },
    );
    expect(summary).toMatchObject({ completed: true, rebufferCount: 0 });
    expect(ofType('cdnFailover')[0]).toMatchObject({
      fromCdnId: 'cdn-a',
      toCdnId: 'cdn-b',
      reason: 'timeout',
    });
    expect(ofType('bitrateSwitch').some((event) => event.rule === 'failure')).toBe(true);
  });

  it('ends with MEDIA_UNAVAILABLE when no CDN delivers for giveUpAfterSeconds', async () => {
    const start = new VirtualClock().now();
    const { summary } = await playScripted(
      (_, clock) => (clock.now() - start < 10_000 ? { kbps: 8000 } : { refuse: true }),
      { plannedSeconds: 600, options: { giveUpAfterSeconds: 30 } },
    );
    expect(summary).toMatchObject({ reason: 'MEDIA_UNAVAILABLE', completed: false });
    expect(summary.positionSeconds).toBeGreaterThan(0);
  });

  it('with maxCdns 1 and giveUpAfterSeconds 0 (no failover, no retry) ends at the first failed segment', async () => {
    const start = new VirtualClock().now();
    const { summary, requests } = await playScripted(
      (request, clock) =>
        request.cdnId === 'cdn-a' && clock.now() - start > 20_000 ? { refuse: true } : { kbps: 8000 },
      { plannedSeconds: 120, options: { maxCdns: 1, giveUpAfterSeconds: 0 } },
    );
    expect(summary).toMatchObject({ reason: 'MEDIA_UNAVAILABLE', cdnFailovers: 0 });
    expect(requests.every((request) => request.cdnId === 'cdn-a')).toBe(true);
  });

  it('ends with STOPPED at the position reached when stopped', async () => {
    const clock = new VirtualClock();
    const network = scriptedNetwork({
      clock,
      variants: LADDER,
      segmentSeconds: 4,
      payloadScale: 0.001,
      behaviour: () => ({ kbps: 8000 }),
    });
    const session = new PlaybackSession(
      { manifest: unsignedManifest({}, clock.now()), plannedSeconds: 600 },
      { fetch: network.fetch, clock, events: new PlayerEvents() },
      { payloadScale: 0.001 },
    );
    await clock.runUntil(clock.sleep(60_000));
    session.stop();
    const summary = await clock.runUntil(session.done);
    expect(summary).toMatchObject({ reason: 'STOPPED', completed: false });
    expect(summary.positionSeconds).toBeGreaterThan(50);
    expect(summary.positionSeconds).toBeLessThan(60);
  });
});
