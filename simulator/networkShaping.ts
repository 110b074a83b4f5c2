/**
 * Per-viewer links: a `fetch` for the player that delivers segment bodies no faster than the viewer's
 * downlink allows, after the link's round trip. The edges send `payloadScale` of the nominal bytes and
 * the session runs `speed` times faster than real time, so a nominal link of `kbps` (kilobits per media
 * second) is a real one of `kbps × speed × payloadScale` kilobits per wall second: the player, which
 * divides bytes by `payloadScale` and wall time by `speed`, then measures `kbps`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fetch } from '../clients/player/src';
import type { Random } from './random';

export interface Link {
  /** Nominal downlink, kilobits per media second. */
  kbps: number;
  /** Round trip before the first byte, media milliseconds. */
  rttMs: number;
  /** Multiplies `kbps` (the slow-network scenario lowers it mid-run). */
  factor: number;
}

export interface ShapingOptions {
  speed: number;
  payloadScale: number;
  /** Each segment's rate is `kbps × factor × (1 ± jitter)`, drawn from `random`. Defaults to 0.2. */
  jitter?: number;
  random: Random;
}

/** Wall milliseconds `bytes` take on a nominal link of `kbps` (see the module comment). */
export function transferWallMs(bytes: number, kbps: number, speed: number, payloadScale: number): number {
  const wallKbps = kbps * speed * payloadScale;
  return (bytes * 8) / wallKbps;
}

/** Segment requests (`….m4s`) go through the link; anything else (GraphQL, keys) is not shaped. */
export function shapedFetch(base: Fetch, link: Link, options: ShapingOptions): Fetch {
  const jitter = options.jitter ?? 0.2;
  return async (input, init) => {
    if (!new URL(input).pathname.endsWith('.m4s')) return base(input, init);
    const signal = init?.signal ?? undefined;
    await sleep(link.rttMs / options.speed, undefined, { signal });
    const started = Date.now();
    const response = await base(input, init);
    if (!response.ok) return response;
    const body = await response.arrayBuffer();
    const kbps = link.kbps * link.factor * (1 + jitter * (2 * options.random() - 1));
    const remaining =
      transferWallMs(body.byteLength, kbps, options.speed, options.payloadScale) - (Date.now() - started);
    if (remaining > 0) await sleep(remaining, undefined, { signal });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
