/**
 * What goes wrong, and when: each scenario is a timeline of fault actions at offsets into the run.
 * Pure (a seed and the run's length in, actions out), so the timelines are unit-tested and a run
 * can print what it is about to do.
 */
import { between, pick, seededRandom } from './random';
import { UnreachableCaseError } from '@platform/unreachable';

export const SCENARIOS = ['calm', 'cdn-outage', 'control-plane-outage', 'flaky', 'slow-network'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** A subgraph process of the stack (lib/platform/stack.ts `stackServices()`): `catalog`, `playback-2`... */
export type SubgraphProcess = string;

/** The first CDN of the US region in the demo dataset: what `cdn-outage` kills. */
export const US_FIRST_CDN = 'cdn-us-east';

export interface EdgeFaults {
  errorRate?: number;
  slowMs?: number;
}

export type FaultAction =
  /** The CDN's edge process is killed (SIGKILL): connections are refused from then on. */
  | { kind: 'killEdge'; cdnId: string }
  /** The gateway and every subgraph are killed (SIGKILL). */
  | { kind: 'killControlPlane' }
  /** The gateway and every subgraph are started again. */
  | { kind: 'restartControlPlane' }
  /** SIGSTOP: the process hangs with its connections open. */
  | { kind: 'pauseSubgraph'; service: SubgraphProcess }
  /** SIGCONT. */
  | { kind: 'resumeSubgraph'; service: SubgraphProcess }
  /** Sets an edge's fault modes (docs/media-plane.md, `/_faults`). */
  | { kind: 'edgeFaults'; cdnId: string; faults: EdgeFaults }
  | { kind: 'edgeReset'; cdnId: string }
  /** Multiplies the downlink of `share` of the viewers (the same viewers for a given seed) by `factor`. */
  | { kind: 'throttleViewers'; share: number; factor: number }
  | { kind: 'restoreViewers' };

export interface TimedAction {
  /** Wall milliseconds after the run starts. */
  atMs: number;
  action: FaultAction;
}

export interface TimelineOptions {
  seconds: number;
  seed: number;
  /** CDN ids with an edge, for `flaky`'s edge faults. */
  cdnIds: readonly string[];
  /** The stack's subgraph processes (all but the gateway), for `flaky`'s pauses. */
  subgraphProcesses: readonly SubgraphProcess[];
}

/** Share of the run at which faults start (and, for outages, when they end). */
export const FAULT_START = 0.3;
export const FAULT_END = 0.7;

/** The scenario's fault actions in time order. */
export function scenarioTimeline(scenario: ScenarioName, options: TimelineOptions): TimedAction[] {
  const runMs = options.seconds * 1000;
  const at = (share: number) => Math.round(runMs * share);
  switch (scenario) {
    case 'calm':
      return [];
    case 'cdn-outage':
      return [{ atMs: at(FAULT_START), action: { kind: 'killEdge', cdnId: US_FIRST_CDN } }];
    case 'control-plane-outage':
      return [
        { atMs: at(FAULT_START), action: { kind: 'killControlPlane' } },
        { atMs: at(FAULT_END), action: { kind: 'restartControlPlane' } },
      ];
    case 'slow-network':
      return [
        { atMs: at(FAULT_START), action: { kind: 'throttleViewers', share: 0.6, factor: 0.2 } },
        { atMs: at(FAULT_END), action: { kind: 'restoreViewers' } },
      ];
    case 'flaky':
      return flakyTimeline(options);
    default:
      throw new UnreachableCaseError(scenario);
  }
}

/**
 * A fault every 2-4 s from 10% to 85% of the run, each lasting 2-5 s: a subgraph hung (SIGSTOP), or
 * an edge answering a share of its segments with 503, or an edge slow to answer. Faults may overlap.
 */
function flakyTimeline({ seconds, seed, cdnIds, subgraphProcesses }: TimelineOptions): TimedAction[] {
  const random = seededRandom(seed ^ 0x5eed);
  const runMs = seconds * 1000;
  const actions: TimedAction[] = [];
  const busyUntil = new Map<string, number>();
  for (let atMs = runMs * 0.1; atMs < runMs * 0.85; atMs += between(random, 2_000, 4_000)) {
    const start = Math.round(atMs);
    const end = Math.round(atMs + between(random, 2_000, 5_000));
    const roll = random();
    if (roll < 0.4) {
      const service = pick(random, subgraphProcesses);
      // A process already paused is not paused twice: its resume would cut the later fault short.
      if ((busyUntil.get(service) ?? -1) >= start) continue;
      busyUntil.set(service, end);
      actions.push({ atMs: start, action: { kind: 'pauseSubgraph', service } });
      actions.push({ atMs: end, action: { kind: 'resumeSubgraph', service } });
    } else {
      const cdnId = pick(random, cdnIds);
      if ((busyUntil.get(cdnId) ?? -1) >= start) continue;
      busyUntil.set(cdnId, end);
      const faults: EdgeFaults =
        roll < 0.7
          ? { errorRate: Math.round(between(random, 0.2, 0.5) * 100) / 100 }
          : { slowMs: Math.round(between(random, 200, 800)) };
      actions.push({ atMs: start, action: { kind: 'edgeFaults', cdnId, faults } });
      actions.push({ atMs: end, action: { kind: 'edgeReset', cdnId } });
    }
  }
  return actions.sort((a, b) => a.atMs - b.atMs);
}

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}
