/**
 * One simulation run: start the platform, plan the fleet, play the scenario's fault timeline while
 * every viewer watches, then stop everything and summarize what the viewers saw.
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteKeySet, systemClock, type PlaybackOptions, type PlayHandle } from '../clients/player/src';
import { stackServices } from '@platform/stack';
import { startFleetStack, type FleetStack } from './fleetStack';
import { summarize, type FleetMetrics, type OutageWindow, type ViewerOutcome } from './metrics';
import type { Link } from './networkShaping';
import { seededRandom } from './random';
import { scenarioTimeline, type FaultAction, type ScenarioName, type TimedAction } from './scenarios';
import { watch } from './viewer';
import { NETWORKS, planViewers } from './viewerMix';
import { UnreachableCaseError } from '@platform/unreachable';

export interface SimulationOptions {
  scenario: ScenarioName;
  /** Resilience off: plain gateway, first CDN only, no retries (player nor app), no prefetch. */
  baseline: boolean;
  /** Resilient viewers prefetch their title 3-20 s (seeded) before pressing play. */
  prefetch: boolean;
  viewers: number;
  /** Wall seconds of the run (viewers start in its first 40% and plan to end by 95%). */
  seconds: number;
  /** Media seconds per segment (the edges' EDGE_SEGMENT_SECONDS). */
  segmentSeconds: number;
  /** Media seconds per wall second. */
  speed: number;
  /** Share of nominal segment bytes the edges send (EDGE_PAYLOAD_SCALE). */
  payloadScale: number;
  seed: number;
  /** Progress lines (stdout by default in the CLI). */
  log: (line: string) => void;
}

export interface SimulationReport extends FleetMetrics {
  scenario: ScenarioName;
  baseline: boolean;
  settings: Omit<SimulationOptions, 'log' | 'scenario' | 'baseline'>;
  run: {
    startedAt: string;
    machine: { cpus: number; node: string };
    stackReadyMs: number;
    /** Wall seconds from the first viewer's start to the last session's end. */
    wallSeconds: number;
    /** The simulator's own event-loop delay: high values mean the machine, not the platform, is late. */
    eventLoopDelayP99Ms: number;
    eventLoopDelayMaxMs: number;
    /** Each fault as applied; `doneAtMs` when applying it took time (a restart until ready). */
    faults: { atMs: number; action: FaultAction; note?: string; doneAtMs?: number }[];
  };
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const { log } = options;
  const startedAt = new Date().toISOString();
  const spawnedAt = Date.now();
  const stackOptions = {
    baseline: options.baseline,
    segmentSeconds: options.segmentSeconds,
    payloadScale: options.payloadScale,
  };
  // One retry: on a busy 2-core machine a service occasionally fails its start (a port taken between
  // `freePort()` and the listen, say); a run should not be lost to that.
  const fleet = await startFleetStack(stackOptions).catch((error: unknown) => {
    log(`the stack did not start, trying once more: ${(error as Error).message}`);
    return startFleetStack(stackOptions);
  });
  const stackReadyMs = Date.now() - spawnedAt;
  log(`stack and ${fleet.edges.size} edges ready in ${(stackReadyMs / 1000).toFixed(1)} s`);
  try {
    return await simulate(options, fleet, startedAt, stackReadyMs);
  } finally {
    const stopping = Date.now();
    await fleet.stop();
    log(`stack and edges stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
  }
}

async function simulate(
  options: SimulationOptions,
  fleet: FleetStack,
  startedAt: string,
  stackReadyMs: number,
): Promise<SimulationReport> {
  const { log, speed } = options;
  const plans = planViewers({ viewers: options.viewers, seconds: options.seconds, seed: options.seed });
  const throttleRank = seededRandom(options.seed ^ 0x7107);
  const links = plans.map((plan) => ({
    link: { kbps: NETWORKS[plan.network].kbps, rttMs: NETWORKS[plan.network].rttMs, factor: 1 } as Link,
    rank: throttleRank(),
  }));
  const playback: PlaybackOptions = {
    speed,
    segmentSeconds: options.segmentSeconds,
    payloadScale: options.payloadScale,
    // The baseline player: the manifest's first CDN only, and no retry of a failed segment.
    ...(options.baseline ? { maxCdns: 1, giveUpAfterSeconds: 0 } : {}),
  };
  const keys = new RemoteKeySet(`${fleet.gatewayUrl}/.well-known/jwks.json`, {
    fetch: (input, init) => fetch(input, init),
    clock: systemClock,
  });
  const timeline = scenarioTimeline(options.scenario, {
    seconds: options.seconds,
    seed: options.seed,
    cdnIds: [...fleet.edges.keys()],
    subgraphProcesses: stackServices()
      .map((service) => service.name)
      .filter((name) => name !== 'gateway'),
  });
  const prefetchLead = seededRandom(options.seed ^ 0x4ead);
  const prefetchLeadsMs = plans.map(() =>
    options.prefetch && !options.baseline ? Math.round(3_000 + 17_000 * prefetchLead()) : null,
  );
  const active = new Set<PlayHandle>();
  let ended = false;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const runStartedAt = Date.now();
  const faults: SimulationReport['run']['faults'] = [];
  const applying = playTimeline(timeline, runStartedAt, fleet, links, faults, log);
  const outcomes: Promise<ViewerOutcome>[] = plans.map((plan, index) =>
    watch(plan, links[index]!.link, seededRandom(options.seed + 7919 * (index + 1)), {
      gatewayUrl: fleet.gatewayUrl,
      tokenFor: (accountId) => fleet.tokenFor(accountId),
      manifestKeys: keys.getKey,
      playback,
      playAttempts: options.baseline ? 1 : 3,
      runStartedAt,
      active,
      ended: () => ended,
      prefetchLeadMs: prefetchLeadsMs[index]!,
    }),
  );
  const progress = setInterval(() => {
    const elapsed = ((Date.now() - runStartedAt) / 1000).toFixed(0);
    log(`  t=${elapsed}s: ${active.size} sessions playing`);
  }, 10_000);
  // Sessions that stalled run late; give them half the run more before calling them unfinished.
  const graceMs = options.seconds * 1000 * 1.5 + 10_000;
  const all = Promise.all(outcomes);
  const timedOut = sleep(graceMs - (Date.now() - runStartedAt)).then(() => null);
  if ((await Promise.race([all, timedOut])) === null) {
    ended = true;
    log(`  grace period over: stopping ${active.size} unfinished sessions`);
    for (const handle of active) handle.stop();
  }
  const results = await all;
  ended = true;
  const wallSeconds = (Date.now() - runStartedAt) / 1000;
  clearInterval(progress);
  await applying;
  delay.disable();
  return {
    scenario: options.scenario,
    baseline: options.baseline,
    ...summarize(results, outageWindow(faults)),
    settings: {
      viewers: options.viewers,
      seconds: options.seconds,
      segmentSeconds: options.segmentSeconds,
      speed,
      payloadScale: options.payloadScale,
      seed: options.seed,
      prefetch: options.prefetch,
    },
    run: {
      startedAt,
      machine: { cpus: os.cpus().length, node: process.version },
      stackReadyMs,
      wallSeconds: Math.round(wallSeconds * 10) / 10,
      eventLoopDelayP99Ms: Math.round(delay.percentile(99) / 1e6),
      eventLoopDelayMaxMs: Math.round(delay.max / 1e6),
      faults,
    },
  };
}

/** From the control plane's kill to the moment its restart was ready; null when it was never killed. */
function outageWindow(faults: SimulationReport['run']['faults']): OutageWindow | null {
  const killed = faults.find((fault) => fault.action.kind === 'killControlPlane');
  const restarted = faults.find((fault) => fault.action.kind === 'restartControlPlane');
  if (!killed) return null;
  return { fromMs: killed.atMs, toMs: restarted?.doneAtMs ?? Infinity };
}

/** Applies each action at its time; resolves once the last one (a restart included) is done. */
async function playTimeline(
  timeline: readonly TimedAction[],
  runStartedAt: number,
  fleet: FleetStack,
  links: readonly { link: Link; rank: number }[],
  faults: SimulationReport['run']['faults'],
  log: (line: string) => void,
): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const { atMs, action } of timeline) {
    await sleep(Math.max(0, atMs - (Date.now() - runStartedAt)));
    const record = { atMs: Date.now() - runStartedAt, action } as SimulationReport['run']['faults'][number];
    faults.push(record);
    log(`  t=${(record.atMs / 1000).toFixed(1)}s: ${describe(action)}`);
    pending.push(
      apply(action, fleet, links).then(
        (note) => {
          record.doneAtMs = Date.now() - runStartedAt;
          if (note) {
            record.note = note;
            log(`  t=${((Date.now() - runStartedAt) / 1000).toFixed(1)}s: ${note}`);
          }
        },
        (error: unknown) => {
          record.note = `failed: ${(error as Error).message}`;
          log(`  ${describe(action)} failed: ${(error as Error).message}`);
        },
      ),
    );
  }
  await Promise.all(pending);
}

async function apply(
  action: FaultAction,
  fleet: FleetStack,
  links: readonly { link: Link; rank: number }[],
): Promise<string | void> {
  const { stack } = fleet;
  switch (action.kind) {
    case 'killEdge':
      return fleet.killEdge(action.cdnId);
    case 'killControlPlane':
      for (const service of stackServices()) stack.process(service.name).kill('SIGKILL');
      return;
    case 'restartControlPlane': {
      const started = Date.now();
      await Promise.all(stackServices().map((service) => stack.restart(service.name)));
      return `control plane ready again after ${((Date.now() - started) / 1000).toFixed(1)} s`;
    }
    case 'pauseSubgraph':
      stack.process(action.service).kill('SIGSTOP');
      return;
    case 'resumeSubgraph':
      stack.process(action.service).kill('SIGCONT');
      return;
    case 'edgeFaults':
      return fleet.setEdgeFaults(action.cdnId, action.faults);
    case 'edgeReset':
      return fleet.setEdgeFaults(action.cdnId, null);
    case 'throttleViewers':
      for (const entry of links) if (entry.rank < action.share) entry.link.factor = action.factor;
      return;
    case 'restoreViewers':
      for (const entry of links) entry.link.factor = 1;
      return;
    default:
      throw new UnreachableCaseError(action);
  }
}

export function describe(action: FaultAction): string {
  switch (action.kind) {
    case 'killEdge':
      return `kill the edge of ${action.cdnId}`;
    case 'killControlPlane':
      return 'kill the gateway and every subgraph';
    case 'restartControlPlane':
      return 'restart the gateway and every subgraph';
    case 'pauseSubgraph':
      return `SIGSTOP ${action.service}`;
    case 'resumeSubgraph':
      return `SIGCONT ${action.service}`;
    case 'edgeFaults':
      return `${action.cdnId} faults ${JSON.stringify(action.faults)}`;
    case 'edgeReset':
      return `${action.cdnId} faults reset`;
    case 'throttleViewers':
      return `${Math.round(action.share * 100)}% of viewers' links down to ${Math.round(action.factor * 100)}%`;
    case 'restoreViewers':
      return "viewers' links restored";
  }
}
