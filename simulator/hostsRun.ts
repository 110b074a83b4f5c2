/**
 * The fleet's viewers on the multi-host topology (docs/multi-host.md): every viewer presses play
 * again and again, half of them homed in zone a and half in zone b (their player is given both
 * gateways, home first), while the faults are applied in turn, each for a while, then healed. Each
 * press counts in the phase it began in; `hostsReport.ts` turns them into the targets' numbers.
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Player, RemoteKeySet, systemClock, type PlaybackOptions } from '../clients/player/src';
import { faults as faultsOf, FAULT_NAMES, type FaultName } from '@platform/hosts/faults';
import { hostNamed, serviceUrl } from '@platform/hosts/plan';
import { startHostsFleet, type HostsFleet } from './hostsFleet';
import {
  formatPhaseTable,
  phaseRows,
  rotationTimes,
  type CircuitChange,
  type Phase,
  type PhaseRow,
  type PlayRecord,
  type RequestRecord,
} from './hostsReport';
import { between, seededRandom, type Random } from './random';
import { describeFailure, isTransient } from './viewer';
import { planViewers, type ViewerPlan } from './viewerMix';

export interface HostsRunOptions {
  viewers: number;
  faults: readonly FaultName[];
  /** Wall seconds the viewers play before anything counts: caches fill, code warms up. */
  warmupSeconds: number;
  /** Wall seconds after the warm-up and before the first fault: the healthy phase. */
  healthySeconds: number;
  /** Wall seconds each fault lasts. */
  faultSeconds: number;
  /** Wall seconds after each heal before the next fault (not a phase of its own). */
  recoverSeconds: number;
  /** How long one GraphQL request may wait for a gateway before the player tries the other. */
  requestTimeoutMs: number;
  /** How long a `play` waits for the home gateway before the player asks the other too. */
  hedgeAfterMs: number;
  seed: number;
  log: (line: string) => void;
  /** A fleet already up (the e2e test shares one); started and stopped here otherwise. */
  fleet?: HostsFleet;
}

export const DEFAULT_HOSTS_RUN: Omit<HostsRunOptions, 'log' | 'fleet'> = {
  viewers: 100,
  faults: FAULT_NAMES,
  warmupSeconds: 30,
  healthySeconds: 20,
  faultSeconds: 20,
  recoverSeconds: 10,
  requestTimeoutMs: 3_000,
  hedgeAfterMs: 150,
  seed: 42,
};

export interface HostsRunReport {
  rows: PhaseRow[];
  /** The blackholed replica, as zone a's gateway saw its circuit; null without that fault. */
  rotation: { outMs: number | null; backMs: number | null } | null;
  settings: Omit<HostsRunOptions, 'log' | 'fleet'>;
  machine: { cpus: number; node: string };
  timeline: { atMs: number; what: string }[];
}

/** Media seconds per segment, speed and payload: short sessions, so each viewer presses play often. */
const PLAYBACK: PlaybackOptions = { speed: 6, segmentSeconds: 4, payloadScale: 0.005 };
const WATCH_MEDIA_SECONDS = 24;
const RETRY_DELAYS_MS = [500, 1_000];
/** The blackholed replica whose circuit is watched, and the gateway watching it. */
const WATCHED = { fault: 'blackholed-replica', host: 'a-playback', subgraph: 'playback', zone: 'a' } as const;

export async function runHosts(options: HostsRunOptions): Promise<HostsRunReport> {
  const fleet =
    options.fleet ??
    (await startHostsFleet({ segmentSeconds: PLAYBACK.segmentSeconds, payloadScale: PLAYBACK.payloadScale }));
  try {
    return await run(options, fleet);
  } finally {
    if (!options.fleet) await fleet.stop();
  }
}

async function run(options: HostsRunOptions, fleet: HostsFleet): Promise<HostsRunReport> {
  const { log } = options;
  const { topology } = fleet;
  const catalog = faultsOf(topology.plan);
  const startedAt = Date.now();
  const now = () => Date.now() - startedAt;
  const plays: PlayRecord[] = [];
  const requests: RequestRecord[] = [];
  const timeline: HostsRunReport['timeline'] = [];
  const note = (what: string) => {
    timeline.push({ atMs: now(), what });
    log(`  t=${(now() / 1000).toFixed(1)}s: ${what}`);
  };
  const keys = new RemoteKeySet(
    fleet.gatewayUrls.map((url) => `${url}/.well-known/jwks.json`),
    { fetch: (input, init) => fetch(input, init), clock: systemClock },
  );
  let ended = false;
  const plans = planViewers({ viewers: options.viewers, seconds: 1, seed: options.seed });
  const viewers = plans.map((plan) =>
    viewerLoop(plan, seededRandom(options.seed + 7919 * (plan.index + 1)), {
      fleet,
      keys: keys.getKey,
      requestTimeoutMs: options.requestTimeoutMs,
      hedgeAfterMs: options.hedgeAfterMs,
      now,
      ended: () => ended,
      plays,
      requests,
    }),
  );
  const circuit = watchCircuit(
    `${topology.adminUrl(WATCHED.zone)}/metrics`,
    WATCHED.subgraph,
    `${serviceUrl(hostNamed(topology.plan, WATCHED.host))}/graphql`,
    now,
    () => ended,
  );
  const healthyFromMs = options.warmupSeconds * 1000;
  const phases: Phase[] = [
    {
      name: 'healthy',
      fromMs: healthyFromMs,
      toMs: healthyFromMs + options.healthySeconds * 1000,
      injectedMs: 0,
    },
  ];
  let rotation: HostsRunReport['rotation'] = null;
  try {
    await sleep((options.warmupSeconds + options.healthySeconds) * 1000);
    for (const name of options.faults) {
      note(`apply ${name}: ${catalog[name].description}`);
      const appliedAt = now();
      await topology.applyFault(name);
      await sleep(Math.max(0, options.faultSeconds * 1000 - (now() - appliedAt)));
      phases.push({ name, fromMs: appliedAt, toMs: now(), injectedMs: catalog[name].injectedMs });
      const healedAt = now();
      await topology.healFault(name);
      note(`healed ${name}`);
      await sleep(Math.max(0, options.recoverSeconds * 1000 - (now() - healedAt)));
      if (name === WATCHED.fault) rotation = rotationTimes(circuit.changes, appliedAt, healedAt);
    }
  } finally {
    ended = true;
    for (const name of topology.applied()) await topology.healFault(name).catch(() => {});
  }
  await Promise.all(viewers);
  await circuit.done;
  phases.push({ name: 'whole run', fromMs: healthyFromMs, toMs: Infinity, injectedMs: 0 });
  const rows = phaseRows(phases, plays, requests);
  log(formatPhaseTable(rows));
  if (rotation) {
    log(
      `blackholed replica out of rotation after ${rotation.outMs ?? '–'} ms, back ${rotation.backMs ?? '–'} ms after healing`,
    );
  }
  const { log: _log, fleet: _fleet, ...settings } = options;
  return { rows, rotation, settings, machine: { cpus: os.cpus().length, node: process.version }, timeline };
}

interface LoopContext {
  fleet: HostsFleet;
  keys: ConstructorParameters<typeof Player>[0]['manifestKeys'];
  requestTimeoutMs: number;
  hedgeAfterMs: number;
  now: () => number;
  ended: () => boolean;
  plays: PlayRecord[];
  requests: RequestRecord[];
}

/** One viewer: press play, watch a short session, think, again, until the run ends. */
async function viewerLoop(plan: ViewerPlan, random: Random, context: LoopContext): Promise<void> {
  const [a, b] = context.fleet.gatewayUrls as [string, string];
  const player = new Player({
    gatewayUrl: plan.index % 2 === 0 ? [a, b] : [b, a],
    authToken: () => context.fleet.tokenFor(plan.request.accountId),
    country: plan.request.country,
    fetch: async (input, init) => {
      if (!input.endsWith('/graphql')) return fetch(input, init);
      const atMs = context.now();
      try {
        return await fetch(input, init);
      } finally {
        context.requests.push({ atMs, durationMs: context.now() - atMs });
      }
    },
    manifestKeys: context.keys,
    playback: PLAYBACK,
    requestTimeoutMs: context.requestTimeoutMs,
    hedgeAfterMs: context.hedgeAfterMs,
    onBackgroundError: () => {},
  });
  // Spread the first presses over two seconds.
  await sleep(between(random, 0, 2_000));
  while (!context.ended()) {
    const record: PlayRecord = {
      pressedAtMs: context.now(),
      latencyMs: 0,
      mustRefuse: plan.mustRefuse,
      granted: false,
      refusal: null,
      endReason: null,
    };
    const handle = await press(player, plan, record);
    record.latencyMs = context.now() - record.pressedAtMs;
    if (handle && plan.mustRefuse !== null) handle.stop();
    else if (handle)
      record.endReason = (await handle.done.catch(() => ({ reason: 'MEDIA_UNAVAILABLE' }))).reason;
    context.plays.push(record);
    await sleep(between(random, 1_000, 3_000));
  }
}

/** Play, retried by the app on a transient failure; the handle once a manifest is granted. */
async function press(player: Player, plan: ViewerPlan, record: PlayRecord) {
  for (let attempt = 0; ; attempt++) {
    const handle = player.play({ input: plan.input, plannedSeconds: WATCH_MEDIA_SECONDS });
    handle.done.catch(() => {});
    try {
      await handle.manifest;
      record.granted = true;
      record.refusal = null;
      return handle;
    } catch (error) {
      record.refusal = describeFailure(error);
      if (!isTransient(error) || attempt >= RETRY_DELAYS_MS.length) return null;
      await sleep(RETRY_DELAYS_MS[attempt]!);
    }
  }
}

/** Polls a gateway's circuit gauge for one replica every 100 ms and keeps each change. */
function watchCircuit(
  metricsUrl: string,
  subgraph: string,
  replica: string,
  now: () => number,
  ended: () => boolean,
): { changes: CircuitChange[]; done: Promise<void> } {
  const changes: CircuitChange[] = [];
  const series = `gateway_subgraph_circuit_state{subgraph="${subgraph}",replica="${replica}"} `;
  const states = ['closed', 'open', 'half-open'] as const;
  const done = (async () => {
    while (!ended()) {
      try {
        const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(1_000) })).text();
        const line = text.split('\n').find((candidate) => candidate.startsWith(series));
        const state = line ? states[Number(line.slice(series.length))] : undefined;
        if (state && changes.at(-1)?.state !== state) changes.push({ atMs: now(), state });
      } catch {
        // A gateway that does not answer its metrics for a moment: the next poll will.
      }
      await sleep(100);
    }
  })();
  return { changes, done };
}
