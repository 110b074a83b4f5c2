import { documentIds } from '../../__generated__/documentIds';
import type { Fetch } from './clock';
import type { PlayerEvent } from './events';
import { Player } from './player';
import { claimsFor, LADDER, testSigner } from '../test/support/manifests';
import { scriptedNetwork } from '../test/support/scriptedNetwork';
import { VirtualClock } from '../test/support/virtualClock';

const INPUT = {
  profileId: 'profile-1',
  device: { id: 'tv-1', type: 'TV' as const, codecs: ['H264' as const], maxHeight: 1080, drm: [] },
};
const GRANTED = { allowed: true, reason: 'GRANTED', message: 'Enjoy.' };

/**
 * A fake gateway that prefetches, plays and answers start reports for `title-1`, and can be taken
 * down; segments come from a scripted CDN network that records the token of every request.
 */
async function fakeWorld(options: { holdAfterStart?: Promise<unknown> } = {}) {
  const clock = new VirtualClock();
  const signer = await testSigner();
  const withTokens = (token: string, extra: object) =>
    signer.sign({
      ...claimsFor({}, clock.now()),
      cdns: claimsFor().cdns.map((cdn) => ({ ...cdn, token })),
      ...extra,
    });
  const state = {
    down: false,
    /** What `startPlayback` decides. */
    start: GRANTED as { allowed: boolean; reason: string; message: string },
  };
  const network = scriptedNetwork({
    clock,
    variants: LADDER,
    segmentSeconds: 4,
    payloadScale: 0.001,
    behaviour: () => ({ kbps: 8000 }),
  });
  const asked: string[] = [];
  const fetch: Fetch = async (url, init) => {
    if (url.endsWith('/.well-known/jwks.json')) return Response.json(signer.jwks);
    if (!url.endsWith('/graphql')) return network.fetch(url, init);
    if (state.down) throw new TypeError('fetch failed');
    const { documentId } = JSON.parse(String(init!.body)) as { documentId: string };
    const name = Object.entries(documentIds).find(([, id]) => id === documentId)![0];
    asked.push(`${name}:${new Headers(init!.headers).get('x-request-class')}`);
    const session = async (decision: typeof state.start, jws: () => Promise<string>) => ({
      id: 's',
      decision,
      manifest: decision.allowed ? { jws: await jws(), keyId: signer.kid, expiresAt: 0 } : null,
    });
    const iat = Math.floor(clock.now() / 1000);
    switch (name) {
      case 'Prefetch':
        return Response.json({
          data: {
            prefetch: await session(GRANTED, () =>
              withTokens('prefetched-token', { startBy: iat + 300, exp: iat + 900 }),
            ),
          },
        });
      case 'StartPlayback':
        // Time stands still until the answer is applied (its manifest verified with real WebCrypto).
        if (options.holdAfterStart) clock.hold(options.holdAfterStart);
        return Response.json({
          data: { startPlayback: await session(state.start, () => withTokens('renewed-token', {})) },
        });
      case 'Play':
        return Response.json({
          data: { play: await session(GRANTED, () => withTokens('played-token', {})), title: null },
        });
      default:
        return Response.json({ data: { endPlayback: { accepted: true } } });
    }
  };
  const player = new Player({
    gatewayUrl: 'https://gateway.test',
    authToken: () => 't',
    fetch,
    clock,
    playback: { payloadScale: 0.001 },
  });
  return { clock, player, state, asked, network };
}

describe('Player.prefetch', () => {
  it('starts a prefetched title without asking the gateway, reports the start, and plays on renewed tokens', async () => {
    let renewed: () => void = () => {};
    const world = await fakeWorld({ holdAfterStart: new Promise<void>((resolve) => (renewed = resolve)) });
    const outcomes = await world.player.prefetch(['title-1'], INPUT);
    expect([...outcomes]).toEqual([['title-1', 'prefetched']]);
    expect(world.asked).toEqual(['Prefetch:prefetch']);

    world.state.down = true;
    const handle = world.player.play({ input: { ...INPUT, titleId: 'title-1' }, plannedSeconds: 120 });
    const events: PlayerEvent[] = [];
    handle.onAny((event) => events.push(event));
    handle.on('manifestRenewed', () => renewed());
    await world.clock.runUntil(new Promise((resolve) => handle.on('startup', resolve)));
    expect(events.find((event) => event.type === 'startup')).toMatchObject({
      prefetched: true,
      manifestMs: 0,
    });

    world.state.down = false;
    await world.clock.runUntil(world.player.outbox.flush());
    const summary = await world.clock.runUntil(handle.done);
    await world.clock.runUntil(world.player.outbox.flush());

    expect(summary).toMatchObject({ reason: 'COMPLETED' });
    expect(world.asked).toEqual(['Prefetch:prefetch', 'StartPlayback:critical', 'EndPlayback:critical']);
    const tokens = world.network.requests.map((request) => request.token);
    expect(tokens[0]).toBe('prefetched-token');
    expect(tokens.at(-1)).toBe('renewed-token');
    expect(events.some((event) => event.type === 'manifestRenewed')).toBe(true);
  });

  it('stops the session, REVOKED, when the start is refused', async () => {
    let revokedNow: () => void = () => {};
    const world = await fakeWorld({ holdAfterStart: new Promise<void>((resolve) => (revokedNow = resolve)) });
    await world.player.prefetch(['title-1'], INPUT);
    world.state.start = { allowed: false, reason: 'SUBSCRIPTION_REQUIRED', message: 'Subscribe to watch.' };

    const handle = world.player.play({ input: { ...INPUT, titleId: 'title-1' }, plannedSeconds: 600 });
    const revoked: PlayerEvent[] = [];
    handle.on('revoked', (event) => {
      revoked.push(event);
      revokedNow();
    });
    const summary = await world.clock.runUntil(handle.done);

    expect(summary.reason).toBe('REVOKED');
    expect(summary.positionSeconds).toBeLessThan(600);
    expect(revoked).toMatchObject([{ reason: 'SUBSCRIPTION_REQUIRED', message: 'Subscribe to watch.' }]);
  });

  it('asks the gateway once the prefetched manifest can no longer be started', async () => {
    const world = await fakeWorld();
    await world.player.prefetch(['title-1'], INPUT);
    await world.clock.runUntil(world.clock.sleep(295_000));

    const handle = world.player.play({ input: { ...INPUT, titleId: 'title-1' }, plannedSeconds: 8 });
    const startup = new Promise<PlayerEvent>((resolve) => handle.on('startup', resolve));
    await world.clock.runUntil(handle.done);

    expect(await startup).toMatchObject({ prefetched: false });
    expect(world.asked.slice(0, 2)).toEqual(['Prefetch:prefetch', 'Play:critical']);
  });

  it('does not ask again for a title it holds, and starts one manifest once', async () => {
    const world = await fakeWorld();
    await world.player.prefetch(['title-1'], INPUT);
    expect([...(await world.player.prefetch(['title-1'], INPUT))]).toEqual([['title-1', 'held']]);

    await world.clock.runUntil(
      world.player.play({ input: { ...INPUT, titleId: 'title-1' }, plannedSeconds: 8 }).done,
    );
    await world.clock.runUntil(
      world.player.play({ input: { ...INPUT, titleId: 'title-1' }, plannedSeconds: 8 }).done,
    );

    expect(world.asked.filter((name) => !name.startsWith('EndPlayback'))).toEqual([
      'Prefetch:prefetch',
      'StartPlayback:critical',
      'Play:critical',
    ]);
  });
});
