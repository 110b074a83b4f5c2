/**
 * One virtual viewer: browses to its title and prefetches it (`prefetchLeadMs` before pressing play,
 * when the run prefetches), presses play at its planned moment through the player SDK, watches its
 * planned length, and records what it saw as a {@link ViewerOutcome}. A resilient viewer's app retries a
 * `play` that failed for a transient reason (twice, after 1 s and 2 s); a baseline viewer's does not.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GraphQLRequestError,
  ManifestRejectedError,
  PlaybackRefusedError,
  Player,
  type PlaybackOptions,
  type PlayHandle,
} from '../clients/player/src';
import type { JWTVerifyGetKey } from 'jose';
import type { ViewerOutcome } from './metrics';
import { shapedFetch, type Link } from './networkShaping';
import type { Random } from './random';
import type { ViewerPlan } from './viewerMix';

export interface ViewerContext {
  gatewayUrl: string;
  tokenFor(accountId: string): Promise<string>;
  /** The gateway's manifest keys, fetched once for the fleet (a device caches them too). */
  manifestKeys: JWTVerifyGetKey;
  playback: PlaybackOptions;
  /** Play attempts per press of play (1: no retry). */
  playAttempts: number;
  /** Wall ms (Date.now()) the run started. */
  runStartedAt: number;
  /** Sessions still running; the runner stops them when the run's grace period is over. */
  active: Set<PlayHandle>;
  /** True once the runner stopped waiting: a stopped session is then UNFINISHED, not STOPPED. */
  ended: () => boolean;
  /** How long before pressing play the viewer's device prefetches the title; null: no prefetch. */
  prefetchLeadMs: number | null;
}

const RETRY_DELAYS_MS = [1_000, 2_000];

export async function watch(
  plan: ViewerPlan,
  link: Link,
  random: Random,
  context: ViewerContext,
): Promise<ViewerOutcome> {
  const speed = context.playback.speed ?? 1;
  const plannedSeconds = Math.round((plan.plannedWallMs * speed) / 1000);
  const outcome: ViewerOutcome = {
    mustRefuse: plan.mustRefuse,
    playRequests: 0,
    granted: false,
    refusal: null,
    ttffMs: null,
    endReason: null,
    plannedSeconds,
    positionSeconds: 0,
    rebufferSeconds: 0,
    averageKbps: 0,
    cdnFailovers: 0,
    pressedAtMs: plan.startAtMs,
    prefetched: false,
    startedFromPrefetch: false,
  };
  const untilRunMs = (atMs: number) => sleep(Math.max(0, atMs - (Date.now() - context.runStartedAt)));
  const player = new Player({
    gatewayUrl: context.gatewayUrl,
    authToken: () => context.tokenFor(plan.request.accountId),
    country: plan.request.country,
    fetch: shapedFetch((input, init) => fetch(input, init), link, {
      speed,
      payloadScale: context.playback.payloadScale ?? 1,
      random,
    }),
    manifestKeys: context.manifestKeys,
    playback: context.playback,
    onBackgroundError: () => {},
  });
  if (context.prefetchLeadMs !== null) {
    await untilRunMs(plan.startAtMs - context.prefetchLeadMs);
    const { titleId, ...request } = plan.input;
    outcome.prefetched =
      (await player.prefetch([String(titleId)], request)).get(String(titleId)) === 'prefetched';
  }
  await untilRunMs(plan.startAtMs);
  const pressedAt = Date.now();
  outcome.pressedAtMs = pressedAt - context.runStartedAt;
  for (let attempt = 1; ; attempt++) {
    if (context.ended()) return outcome;
    outcome.playRequests += 1;
    const handle = player.play({ input: plan.input, plannedSeconds });
    handle.done.catch(() => {});
    const stall: { since: number | null } = { since: null };
    handle.on('startup', (event) => {
      outcome.ttffMs = event.atMs - pressedAt;
      outcome.startedFromPrefetch = event.prefetched;
    });
    handle.on('cdnFailover', (event) => {
      if (event.reason !== 'recovered') outcome.cdnFailovers += 1;
    });
    handle.on('rebufferStart', (event) => (stall.since = event.atMs));
    handle.on('rebufferEnd', () => (stall.since = null));
    try {
      await handle.manifest;
    } catch (error) {
      outcome.refusal = describeFailure(error);
      if (!isTransient(error) || attempt >= context.playAttempts) return outcome;
      await sleep(RETRY_DELAYS_MS[attempt - 1] ?? RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]!);
      continue;
    }
    outcome.granted = true;
    outcome.refusal = null;
    if (plan.mustRefuse !== null) {
      // A grant the dataset forbids: counted, and not watched.
      handle.stop();
      return outcome;
    }
    context.active.add(handle);
    try {
      const summary = await handle.done;
      const endedAt = Date.now();
      outcome.endReason = summary.reason === 'STOPPED' && context.ended() ? 'UNFINISHED' : summary.reason;
      outcome.positionSeconds = summary.positionSeconds;
      outcome.averageKbps = summary.averageKbps;
      // The SDK counts a stall when it ends; one still under way at the end counts too.
      const ongoing = stall.since === null ? 0 : ((endedAt - stall.since) * speed) / 1000;
      outcome.rebufferSeconds = summary.rebufferSeconds + ongoing;
    } catch (error) {
      outcome.refusal = `ERROR:session ${(error as Error).message}`;
      outcome.endReason = 'MEDIA_UNAVAILABLE';
    } finally {
      context.active.delete(handle);
    }
    return outcome;
  }
}

/**
 * A `play` worth trying again: the gateway was unreachable, failed, or said TEMPORARILY_UNAVAILABLE.
 * A refusal or a manifest that does not verify is final.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof PlaybackRefusedError) return error.reason === 'TEMPORARILY_UNAVAILABLE';
  return error instanceof GraphQLRequestError;
}

export function describeFailure(error: unknown): string {
  if (error instanceof PlaybackRefusedError) return error.reason;
  if (error instanceof GraphQLRequestError) {
    return `ERROR:${error.code ?? (error.status === null ? 'unreachable' : `HTTP ${error.status}`)}`;
  }
  if (error instanceof ManifestRejectedError) return 'ERROR:manifest rejected';
  return `ERROR:${(error as Error).message}`;
}
