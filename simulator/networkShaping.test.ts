import { shapedFetch, transferWallMs } from './networkShaping';

describe('network shaping', () => {
  it('takes as long in wall time as the nominal link needs in media time, compressed', () => {
    // 10 kB sent at 1% scale is 1 MB nominal = 8000 kilobits; at 8000 kbps that is 1 media second,
    // which at speed 4 is 250 wall ms.
    expect(transferWallMs(10_000, 8_000, 4, 0.01)).toBeCloseTo(250);
  });

  it('delays segment bodies to the link rate and leaves other requests alone', async () => {
    const base = async () => new Response(new Uint8Array(5_000));
    const link = { kbps: 8_000, rttMs: 0, factor: 1 };
    const fetch = shapedFetch(base, link, { speed: 4, payloadScale: 0.01, jitter: 0, random: () => 0.5 });
    let started = Date.now();
    const segment = await fetch('http://edge/t-1/v-1/0.m4s?token=x');
    expect((await segment.arrayBuffer()).byteLength).toBe(5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    started = Date.now();
    await fetch('http://gateway/graphql');
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('gives up when the caller aborts, as a player at its segment deadline does', async () => {
    const base = async () => new Response(new Uint8Array(100_000));
    const link = { kbps: 100, rttMs: 0, factor: 1 };
    const fetch = shapedFetch(base, link, { speed: 1, payloadScale: 1, random: () => 0.5 });
    await expect(fetch('http://edge/t-1/v-1/0.m4s', { signal: AbortSignal.timeout(50) })).rejects.toThrow();
  });

  it('answers an error status at once, without shaping', async () => {
    const base = async () => new Response('no', { status: 503 });
    const fetch = shapedFetch(
      base,
      { kbps: 1, rttMs: 0, factor: 1 },
      { speed: 1, payloadScale: 1, random: () => 0 },
    );
    expect((await fetch('http://edge/t-1/v-1/0.m4s')).status).toBe(503);
  });
});
