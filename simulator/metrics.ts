/**
 * From what each viewer saw to the fleet's numbers. Pure: the runner records one
 * {@link ViewerOutcome} per viewer from the SDK's events and results, and {@link summarize} turns them
 * into the report's metrics.
 */
import type { SessionEndReason } from '../clients/player/src';

export interface ViewerOutcome {
  /** The reason the dataset refuses this viewer's request with; null when it grants it. */
  mustRefuse: string | null;
  /** `play` requests sent (more than one when a transient failure was retried). */
  playRequests: number;
  /** A manifest was granted and verified. */
  granted: boolean;
  /** Why the viewer got no manifest: a decision reason, or `ERROR:<kind>` when the request failed. */
  refusal: string | null;
  /** Wall ms from the first press of play to the first frame; null when playback never started. */
  ttffMs: number | null;
  /** How the session ended; null when it never started. `UNFINISHED` if still running when the run ended. */
  endReason: SessionEndReason | 'UNFINISHED' | null;
  plannedSeconds: number;
  /** Media seconds played. */
  positionSeconds: number;
  /** Media seconds stalled after startup (a stall still under way at the end included). */
  rebufferSeconds: number;
  /** Media-seconds-weighted bitrate of what was buffered. */
  averageKbps: number;
  /** Switches away from a failing CDN (switches back to a recovered one are not counted). */
  cdnFailovers: number;
  /** Wall ms after the run started that the viewer pressed play (the first time). */
  pressedAtMs: number;
  /** A prefetched manifest was held when the viewer pressed play (`Player.prefetch` got one). */
  prefetched: boolean;
  /** The first frame came from that prefetched manifest, with no request at the press. */
  startedFromPrefetch: boolean;
}

/** When the control plane was away, in wall ms after the run started. */
export interface OutageWindow {
  fromMs: number;
  toMs: number;
}

export interface FleetMetrics {
  viewers: number;
  /** Viewers with a grantable request who pressed play. */
  playAttempts: number;
  /** ... whose first frame showed. */
  playStarts: number;
  /** ... whose first frame never showed. */
  startFailures: number;
  /** Started sessions that stopped before their planned end. */
  playbackStops: number;
  /** Started sessions still playing (late, after stalls) when the run's grace period ran out. */
  unfinishedSessions: number;
  /** Stalled media seconds over stalled plus played. */
  rebufferRatio: number;
  ttffMsP50: number | null;
  ttffMsP95: number | null;
  /** Time-weighted over every started session. */
  avgBitrateKbps: number;
  cdnFailovers: number;
  /** Viewers with a must-refuse request. */
  refusalChecks: number;
  /** Must-refuse requests that got a manifest: must be 0. */
  wrongGrants: number;
  /** Must-refuse requests refused with another reason than the dataset's (TEMPORARILY_UNAVAILABLE, say). */
  otherRefusals: number;
  playRequests: number;
  /** Why grantable viewers did not start, counted by reason. */
  startFailureReasons: Record<string, number>;
  /** How stopped sessions ended, counted by reason. */
  stopReasons: Record<string, number>;
  /** Grantable viewers who held a prefetched manifest when they pressed play. */
  prefetchedPresses: number;
  /** ... whose first frame came from it. */
  prefetchedStarts: number;
  /**
   * Grantable viewers who pressed play while the control plane was away (no gateway at all), when the
   * scenario has such a window: how many, how many held a prefetched manifest, and how many of those
   * and of the others started.
   */
  outage: {
    presses: number;
    prefetchedPresses: number;
    prefetchedStarts: number;
    otherStarts: number;
  } | null;
}

/** The nearest-rank percentile (`p` in [0, 100]) of `values`; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(
  outcomes: readonly ViewerOutcome[],
  outage: OutageWindow | null = null,
): FleetMetrics {
  const grantable = outcomes.filter((outcome) => outcome.mustRefuse === null);
  const checks = outcomes.filter((outcome) => outcome.mustRefuse !== null);
  const started = grantable.filter((outcome) => outcome.ttffMs !== null);
  const stopped = started.filter(
    (outcome) => outcome.endReason !== 'COMPLETED' && outcome.endReason !== 'UNFINISHED',
  );
  const played = sum(started.map((outcome) => outcome.positionSeconds));
  const stalled = sum(started.map((outcome) => outcome.rebufferSeconds));
  const ttffs = started.map((outcome) => outcome.ttffMs!);
  return {
    viewers: outcomes.length,
    playAttempts: grantable.length,
    playStarts: started.length,
    startFailures: grantable.length - started.length,
    playbackStops: stopped.length,
    unfinishedSessions: started.filter((outcome) => outcome.endReason === 'UNFINISHED').length,
    rebufferRatio: played + stalled > 0 ? stalled / (played + stalled) : 0,
    ttffMsP50: percentile(ttffs, 50),
    ttffMsP95: percentile(ttffs, 95),
    avgBitrateKbps:
      played > 0 ? sum(started.map((outcome) => outcome.averageKbps * outcome.positionSeconds)) / played : 0,
    cdnFailovers: sum(outcomes.map((outcome) => outcome.cdnFailovers)),
    refusalChecks: checks.length,
    wrongGrants: checks.filter((outcome) => outcome.granted).length,
    otherRefusals: checks.filter((outcome) => !outcome.granted && outcome.refusal !== outcome.mustRefuse)
      .length,
    playRequests: sum(outcomes.map((outcome) => outcome.playRequests)),
    startFailureReasons: countBy(
      grantable.filter((outcome) => outcome.ttffMs === null),
      (outcome) => outcome.refusal ?? (outcome.granted ? 'NO_FIRST_FRAME' : 'UNKNOWN'),
    ),
    stopReasons: countBy(stopped, (outcome) => outcome.endReason ?? 'UNKNOWN'),
    prefetchedPresses: grantable.filter((outcome) => outcome.prefetched).length,
    prefetchedStarts: grantable.filter((outcome) => outcome.startedFromPrefetch).length,
    outage: outage && duringOutage(grantable, outage),
  };
}

function duringOutage(grantable: readonly ViewerOutcome[], { fromMs, toMs }: OutageWindow) {
  const pressed = grantable.filter((outcome) => outcome.pressedAtMs >= fromMs && outcome.pressedAtMs < toMs);
  const prefetched = pressed.filter((outcome) => outcome.prefetched);
  return {
    presses: pressed.length,
    prefetchedPresses: prefetched.length,
    prefetchedStarts: prefetched.filter((outcome) => outcome.ttffMs !== null).length,
    otherStarts: pressed.filter((outcome) => !outcome.prefetched && outcome.ttffMs !== null).length,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
