/**
 * From what the viewers of a multi-host run saw to one row per phase (healthy, then each fault):
 * pure, so the targets' arithmetic is unit-tested apart from the topology.
 */
import type { FaultName } from '@platform/hosts/faults';

/** One press of play, until the manifest or the app gave up (its retries included). */
export interface PlayRecord {
  /** Wall ms after the run started. */
  pressedAtMs: number;
  /** From the press to a verified manifest or to the last failure, in wall ms. */
  latencyMs: number;
  /** The reason the dataset refuses this request with; null when it grants it. */
  mustRefuse: string | null;
  granted: boolean;
  /** The refusal reason, `ERROR:<kind>` when the request failed; null when granted. */
  refusal: string | null;
  /** How the watched session ended: null when none started (or it was a must-refuse request). */
  endReason: string | null;
}

/** One GraphQL request of a viewer to one gateway: when it started and how long it waited. */
export interface RequestRecord {
  atMs: number;
  durationMs: number;
}

export interface Phase {
  name: 'healthy' | FaultName | 'whole run';
  fromMs: number;
  toMs: number;
  /** Added round-trip milliseconds the fault injects (the latency target's allowance). */
  injectedMs: number;
}

export interface PhaseRow {
  phase: Phase['name'];
  plays: number;
  /** Grantable presses that got a manifest, over grantable presses. */
  startRate: number | null;
  failedStarts: number;
  failureReasons: Record<string, number>;
  wrongGrants: number;
  /** Sessions pressed in this phase that ended otherwise than played to their end. */
  playbackStops: number;
  stopReasons: Record<string, number>;
  p50Ms: number | null;
  p99Ms: number | null;
  maxRequestMs: number | null;
  /** Twice the healthy p99 plus the injected latency; null for the healthy phase itself. */
  p99LimitMs: number | null;
  /** The five slowest granted presses: when (ms after the phase began) and how long they took. */
  slowest: { afterMs: number; latencyMs: number }[];
}

export function percentile(values: readonly number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/** A session that did not play to its planned end: `STOPPED` only counts when the run stopped it. */
const stopped = (record: PlayRecord) => record.endReason !== null && record.endReason !== 'COMPLETED';

export function phaseRows(
  phases: readonly Phase[],
  plays: readonly PlayRecord[],
  requests: readonly RequestRecord[],
): PhaseRow[] {
  let healthyP99: number | null = null;
  const within = (phase: Phase, atMs: number) => atMs >= phase.fromMs && atMs < phase.toMs;
  return phases.map((phase) => {
    const own = plays.filter((play) => within(phase, play.pressedAtMs));
    const durations = requests
      .filter((request) => within(phase, request.atMs))
      .map((request) => request.durationMs);
    const grantable = own.filter((play) => play.mustRefuse === null);
    const failed = grantable.filter((play) => !play.granted);
    const failureReasons = countBy(failed.map((play) => play.refusal ?? '?'));
    const stops = own.filter(stopped);
    const latencies = grantable.filter((play) => play.granted).map((play) => play.latencyMs);
    const p99Ms = percentile(latencies, 0.99);
    if (phase.name === 'healthy') healthyP99 = p99Ms;
    return {
      phase: phase.name,
      plays: own.length,
      startRate: grantable.length > 0 ? (grantable.length - failed.length) / grantable.length : null,
      failedStarts: failed.length,
      failureReasons,
      wrongGrants: own.filter((play) => play.mustRefuse !== null && play.granted).length,
      playbackStops: stops.length,
      stopReasons: countBy(stops.map((play) => play.endReason!)),
      p50Ms: percentile(latencies, 0.5),
      p99Ms,
      maxRequestMs: durations.length > 0 ? Math.max(...durations) : null,
      p99LimitMs: phase.name === 'healthy' || healthyP99 === null ? null : 2 * healthyP99 + phase.injectedMs,
      slowest: grantable
        .filter((play) => play.granted)
        .sort((a, b) => b.latencyMs - a.latencyMs)
        .slice(0, 5)
        .map((play) => ({ afterMs: play.pressedAtMs - phase.fromMs, latencyMs: play.latencyMs })),
    };
  });
}

const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value)}`);

/** The rows as a Markdown table, for the console and docs/multi-host.md. */
export function formatPhaseTable(rows: readonly PhaseRow[]): string {
  const lines = [
    '| phase | plays | starts | wrong grants | playback stops | play p50 ms | play p99 ms | p99 limit ms | longest request ms |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const starts = row.startRate === null ? '–' : `${(row.startRate * 100).toFixed(1)}%`;
    lines.push(
      `| ${row.phase} | ${row.plays} | ${starts} | ${row.wrongGrants} | ${row.playbackStops} | ${ms(row.p50Ms)} | ${ms(row.p99Ms)} | ${ms(row.p99LimitMs)} | ${ms(row.maxRequestMs)} |`,
    );
  }
  return lines.join('\n');
}

/** A replica's circuit as a gateway reported it: each change, in wall ms after the run started. */
export interface CircuitChange {
  atMs: number;
  state: 'closed' | 'open' | 'half-open';
}

/**
 * How long after `faultAtMs` the circuit first opened (the replica out of rotation), and how long
 * after `healedAtMs` it was first closed again (back in rotation); null when it never was.
 */
export function rotationTimes(
  changes: readonly CircuitChange[],
  faultAtMs: number,
  healedAtMs: number,
): { outMs: number | null; backMs: number | null } {
  const opened = changes.find((change) => change.atMs >= faultAtMs && change.state === 'open');
  const closed = changes.find((change) => change.atMs >= healedAtMs && change.state === 'closed');
  return {
    outMs: opened && opened.atMs < healedAtMs ? opened.atMs - faultAtMs : null,
    backMs: closed ? closed.atMs - healedAtMs : null,
  };
}
