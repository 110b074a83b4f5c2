/**
 * The media plane end to end: the player SDK gets a manifest from the real stack, then streams from
 * reference edges (real processes) on compressed time, and keeps playing when an edge dies or when
 * the whole control plane does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Player, type PlayerEvent, type SessionSummary } from '../../../clients/player/src';
import { FileOutboxStore } from '../../../clients/player/src/node/fileOutbox';
import { Outbox } from '../../../clients/player/src/outbox';
import { freePort } from '@platform/ports';
import { Seed } from '@testing/seed';
import { startTestStack, type TestStack } from '@testing/stack';
import { startEdge, type RunningEdge } from './edges';

/** Media seconds per wall second: an 80 s session plays in about 8 s. */
const SPEED = 10;
/** Edges send 2% of nominal bytes; the player divides by the same share when it measures throughput. */
const PAYLOAD_SCALE = 0.02;
const PLANNED_SECONDS = 80;

const TV = {
  id: 'tv-1',
  type: 'TV' as const,
  codecs: ['H264' as const],
  maxHeight: 1080,
  drm: ['WIDEVINE' as const],
};

describe('the media plane', () => {
  let dir: string;
  let stack: TestStack;
  let edgeEnv: NodeJS.ProcessEnv;
  const ports = { 'cdn-a': 0, 'cdn-b': 0 };
  const edges: Partial<Record<keyof typeof ports, RunningEdge>> = {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'media-plane-'));
    ports['cdn-a'] = await freePort();
    ports['cdn-b'] = await freePort();
    const seed = new Seed()
      .subscriber('acct-viewer', 'PREMIUM')
      .profile('prof-viewer', 'acct-viewer')
      .title('t-movie', { durationSeconds: 600 })
      .cdn('cdn-a', { baseUrl: `http://127.0.0.1:${ports['cdn-a']}`, priority: 1 })
      .cdn('cdn-b', { baseUrl: `http://127.0.0.1:${ports['cdn-b']}`, priority: 2 });
    stack = await startTestStack(seed);
    edgeEnv = {
      KEYS_DIR: stack.keysDir,
      DATASET: seed.writeTo(dir),
      EDGE_PAYLOAD_SCALE: String(PAYLOAD_SCALE),
    };
    edges['cdn-a'] = await startEdge('cdn-a', ports['cdn-a'], edgeEnv);
    edges['cdn-b'] = await startEdge('cdn-b', ports['cdn-b'], edgeEnv);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(edges).map((edge) => edge?.stop()));
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function newPlayer(outboxFile: string) {
    const authToken = () => stack.tokenFor('acct-viewer');
    const outbox = new Outbox(
      new FileOutboxStore(outboxFile),
      Player.reporterFor({ gatewayUrl: stack.gatewayUrl, authToken }),
      { clock: { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) } },
    );
    return new Player({
      gatewayUrl: stack.gatewayUrl,
      authToken,
      country: 'US',
      outbox,
      playback: { speed: SPEED, payloadScale: PAYLOAD_SCALE },
    });
  }

  /** Starts a session; `whenLoaded(n, …)` runs once after the n-th loaded segment. */
  async function play(player: Player, onSegment: (loaded: number) => Promise<void> | void = () => {}) {
    const handle = player.play({
      input: {
        titleId: 't-movie',
        profileId: 'prof-viewer',
        device: TV,
        network: { type: 'WIFI', downlinkKbps: 20_000 },
      },
      plannedSeconds: PLANNED_SECONDS,
    });
    const events: PlayerEvent[] = [];
    const reactions: Promise<void>[] = [];
    let loaded = 0;
    handle.onAny((event) => {
      events.push(event);
      if (event.type === 'segmentLoaded') reactions.push(Promise.resolve(onSegment(++loaded)));
    });
    const summary: SessionSummary = await handle.done;
    await Promise.all(reactions);
    const ofType = <T extends PlayerEvent['type']>(type: T) =>
      events.filter((event): event is Extract<PlayerEvent, { type: T }> => event.type === type);
    return { summary, ofType, manifest: await handle.manifest };
  }

  it('streams a verified manifest from the first CDN, with tokens the edge accepts', async () => {
    const player = newPlayer(path.join(dir, 'outbox-1.json'));
    const { summary, ofType, manifest } = await play(player);
    expect(manifest.claims.cdns.map((cdn) => cdn.id)).toEqual(['cdn-a', 'cdn-b']);
    expect(summary).toMatchObject({ completed: true, positionSeconds: PLANNED_SECONDS, rebufferCount: 0 });
    expect(new Set(ofType('segmentLoaded').map((event) => event.cdnId))).toEqual(new Set(['cdn-a']));
    // endPlayback may not be deployed yet: then the report waits in the outbox, and playback did not care.
    const flushed = await player.outbox.flush();
    expect(flushed.delivered + flushed.pending).toBe(1);
  });

  it('survives its edge dying mid-stream: switches CDN and never stops', async () => {
    const player = newPlayer(path.join(dir, 'outbox-2.json'));
    let killedAfter = 0;
    const { summary, ofType } = await play(player, async (loaded) => {
      if (loaded === 6) {
        await edges['cdn-a']!.kill();
        killedAfter = loaded;
      }
    });
    expect(killedAfter).toBe(6);
    expect(summary).toMatchObject({ completed: true, positionSeconds: PLANNED_SECONDS, rebufferCount: 0 });
    expect(ofType('cdnFailover')[0]).toMatchObject({ fromCdnId: 'cdn-a', toCdnId: 'cdn-b' });
    const cdnsAfterKill = ofType('segmentLoaded')
      .slice(7)
      .map((event) => event.cdnId);
    expect(new Set(cdnsAfterKill)).toEqual(new Set(['cdn-b']));
    edges['cdn-a'] = await startEdge('cdn-a', ports['cdn-a'], edgeEnv);
  }, 60_000);

  it('prefetches through the region that answers, starts with no gateway reachable, and plays on renewed tokens', async () => {
    const deadRegion = `http://127.0.0.1:${await freePort()}`;
    let offline = false;
    const graphqlCalls: string[] = [];
    const player = new Player({
      gatewayUrl: [deadRegion, stack.gatewayUrl],
      authToken: () => stack.tokenFor('acct-viewer'),
      country: 'US',
      fetch: async (url, init) => {
        if (url.endsWith('/graphql')) {
          graphqlCalls.push(new URL(url).origin);
          if (offline) throw new TypeError('fetch failed: no network to any gateway');
        }
        return fetch(url, init);
      },
      playback: { speed: SPEED, payloadScale: PAYLOAD_SCALE },
    });
    const outcomes = await player.prefetch(['t-movie'], { profileId: 'prof-viewer', device: TV });
    expect([...outcomes]).toEqual([['t-movie', 'prefetched']]);
    expect(graphqlCalls).toEqual([deadRegion, stack.gatewayUrl]);

    offline = true;
    const { summary, ofType, manifest } = await play(player, (loaded) => {
      if (loaded === 2) offline = false;
    });

    expect(manifest.claims.startBy).toBeGreaterThan(Date.now() / 1000);
    const [startup] = ofType('startup');
    expect(startup).toMatchObject({ prefetched: true });
    // The held manifest waits on nothing but the event loop (0 ms, or 1 when a collection runs then).
    expect(startup!.manifestMs).toBeLessThan(50);
    const [renewed] = ofType('manifestRenewed');
    expect(renewed!.expiresAt).toBeGreaterThan(manifest.claims.exp);
    // The renewed tokens are the edge's to check: segments after the renewal loaded, on cdn-a still.
    const after = ofType('segmentLoaded').filter((event) => event.atMs > renewed!.atMs);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((event) => event.cdnId))).toEqual(new Set(['cdn-a']));
    expect(summary).toMatchObject({ completed: true, positionSeconds: PLANNED_SECONDS, rebufferCount: 0 });
  }, 60_000);

  it('survives the gateway and every subgraph being killed mid-stream and plays its planned length', async () => {
    const outboxFile = path.join(dir, 'outbox-3.json');
    const player = newPlayer(outboxFile);
    let stopped = false;
    const { summary } = await play(player, async (loaded) => {
      if (loaded === 3) {
        await stack.stop();
        stopped = true;
      }
    });
    expect(stopped).toBe(true);
    await expect(fetch(`${stack.gatewayUrl}/health/live`)).rejects.toThrow();
    expect(summary).toMatchObject({ completed: true, positionSeconds: PLANNED_SECONDS, rebufferCount: 0 });
    // The end of the session is kept on disk for when the control plane is back.
    await player.outbox.flush();
    expect(await new FileOutboxStore(outboxFile).load()).toEqual([
      expect.objectContaining({
        input: expect.objectContaining({ positionSeconds: PLANNED_SECONDS, completed: true }),
        attempts: expect.any(Number),
      }),
    ]);
  }, 60_000);
});
