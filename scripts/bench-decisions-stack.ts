/**
 * `npm run bench:decisions:stack`: what recording every decision costs on the whole stack, the
 * gateway and every subgraph, measured inside one process. One in-process stack
 * (test/support/inProcessStack.ts: the real gateway and subgraph servers, entity cache on) records
 * into a directory store as `npm start` does (written once a second), and is switched between
 * recording and not (DecisionRecorderSettings.recording: while off, no evidence is asked for and no
 * record built). It plays consecutive stretches of the traffic mix's plays (browsing records
 * nothing, so it would only add noise), recording every other one, and this process's CPU is
 * measured over each stretch: its requests, the flush that follows and a full collection of the
 * garbage they left. The same processes, heap and JIT serve both sides; `npm run bench --
 * --decisions` compares two sets of processes, and two stacks even in one process, whose own
 * difference is as large as the effect. The load is sent from this process too, the same for both.
 * Numbers go into docs/benchmarks.md by hand, with the machine they came from.
 *
 * Options: --rounds N (default 30: pairs of stretches, which goes first alternating), --requests N
 * plays per stretch (default 1000), --connections N (default 20), --warmup N plays (default 4000),
 * --profile (V8's sampling profiler over every stretch, and where recording's extra CPU went: self
 * time per play by file and by function, recording less not; the profiler's own cost is in both).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Agent, request } from 'undici';
import { DEMO_DATASET_PATH } from '@platform/dataset/load';
import type { Dataset } from '@platform/dataset/model';
import { openDecisionStore } from '@platform/decisions/stores';
import { DEFAULT_TRAFFIC_MIX, planTrafficMix, withTrafficMix } from '../simulator/trafficMix';
import { startInProcessStack, type InProcessStack } from '../test/support/inProcessStack';
import { mean, median } from './benchStats';
import { prepareMix, Tally, type Prepared } from './benchTraffic';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = Number(index >= 0 ? process.argv[index + 1] : fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} is a whole number above 0`);
  return value;
}

const rounds = option('rounds', 30);
const stretch = option('requests', 1000);
const connections = option('connections', 20);
const warmup = option('warmup', 4000);
const profiling = process.argv.includes('--profile');
/** The gateway's DECISION_FLUSH_MS default: records are written once a second. */
const FLUSH_MS = 1_000;

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

interface Target {
  stack: InProcessStack;
  agent: Agent;
}

/** Sends `requests` through `connections` concurrent keep-alive connections, counting answers. */
async function send(target: Target, requests: Prepared[], tally: Tally): Promise<void> {
  let next = 0;
  const url = `${target.stack.gatewayUrl}/graphql`;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests.length) {
        const { kind, headers, body } = requests[next++]!;
        const answer = await request(url, { method: 'POST', headers, body, dispatcher: target.agent });
        tally.count(kind, answer.statusCode, await answer.body.text());
      }
    }),
  );
}

/** Self time in µs by file and by function, summed over the stretches profiled one way (`--profile`). */
interface SelfTimes {
  files: Map<string, number>;
  functions: Map<string, number>;
}

const profiler = profiling ? new Session() : undefined;
profiler?.connect();

/**
 * CPU microseconds this process spends on `requests`, the flush and collection after them included;
 * with `--profile`, each function's self time over them is added to `into`.
 */
async function measured(
  target: Target,
  requests: Prepared[],
  tally: Tally,
  into?: SelfTimes,
): Promise<number> {
  collectGarbage();
  if (profiler) {
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const started = process.cpuUsage();
  await send(target, requests, tally);
  await sleep(FLUSH_MS + 100);
  collectGarbage();
  const used = process.cpuUsage(started);
  if (profiler && into) addSelfTimes((await profiler.post('Profiler.stop')).profile, into);
  return used.user + used.system;
}

function addSelfTimes(profile: Profiler.Profile, into: SelfTimes): void {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, index) => {
    const frame = nodes.get(id);
    const micros = deltas[index + 1] ?? 0;
    if (!frame) return;
    const file = where(frame.url) || `(${frame.functionName || 'native'})`;
    into.files.set(file, (into.files.get(file) ?? 0) + micros);
    const name = `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    into.functions.set(name, (into.functions.get(name) ?? 0) + micros);
  });
}

/** A script's place: its package, or its path in this repository. */
function where(url: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  return url.replace(/^file:\/\//, '').replace(`${path.resolve(__dirname, '..')}/`, '');
}

/** The rows where recording spent the most more than not, in µs per play. */
function extra(recording: Map<string, number>, none: Map<string, number>, plays: number, rows: number) {
  return [...new Set([...recording.keys(), ...none.keys()])]
    .map((key) => ({ where: key, 'µs per play': ((recording.get(key) ?? 0) - (none.get(key) ?? 0)) / plays }))
    .sort((a, b) => b['µs per play'] - a['µs per play'])
    .slice(0, rows)
    .map((row) => ({ ...row, 'µs per play': Number(row['µs per play'].toFixed(1)) }));
}

async function main() {
  const demo = JSON.parse(readFileSync(DEMO_DATASET_PATH, 'utf8')) as Dataset;
  const needed = warmup + rounds * 2 * stretch;
  // Plays are one request in four (browsePerPlay): plan enough for `needed` of them.
  const planned = planTrafficMix(demo, {
    ...DEFAULT_TRAFFIC_MIX,
    requests: needed * (DEFAULT_TRAFFIC_MIX.browsePerPlay + 1) + 1000,
  });
  const mix = { ...planned, requests: planned.requests.filter((request) => request.kind === 'play') };
  if (mix.requests.length < needed)
    throw new Error(`the mix planned ${mix.requests.length} plays, not ${needed}`);
  const dataset = withTrafficMix(demo, mix);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-decisions-stack-'));
  let recording = true;
  const stack = await startInProcessStack(
    { build: () => dataset },
    {
      entityCache: true,
      decisions: openDecisionStore(path.join(dir, 'decisions'))!,
      decisionFlushMs: FLUSH_MS,
      decisionRecording: () => recording,
    },
  );
  const target: Target = { stack, agent: new Agent({ connections }) };
  try {
    const prepared = await prepareMix(mix, (account) => stack.tokenFor(account));
    console.log(
      `${os.cpus().length} cores, Node ${process.version}: ${rounds} rounds of two stretches of ${stretch} plays ` +
        `of the mix at ${connections} connections, one recorded, after ${warmup} plays to warm up`,
    );
    // Both ways warmed up: the JIT sees the recording path and the other one.
    for (let from = 0; from < warmup; from += 500) {
      recording = (from / 500) % 2 === 0;
      await send(target, prepared.slice(from, Math.min(from + 500, warmup)), new Tally());
    }

    const rows: { recording: number; none: number }[] = [];
    const tallies = { recording: new Tally(), none: new Tally() };
    const selfTimes = {
      recording: { files: new Map(), functions: new Map() },
      none: { files: new Map(), functions: new Map() },
    } satisfies Record<string, SelfTimes>;
    for (let round = 0; round < rounds; round++) {
      const from = warmup + round * 2 * stretch;
      // Which way goes first alternates, so drift evens out.
      const order = round % 2 ? (['none', 'recording'] as const) : (['recording', 'none'] as const);
      const cpu = { recording: 0, none: 0 };
      for (const [index, way] of order.entries()) {
        recording = way === 'recording';
        const requests = prepared.slice(from + index * stretch, from + (index + 1) * stretch);
        cpu[way] = await measured(target, requests, tallies[way], selfTimes[way]);
      }
      const row = { recording: cpu.recording / stretch, none: cpu.none / stretch };
      rows.push(row);
      console.log(
        `round ${round + 1}: CPU µs per play recording ${row.recording.toFixed(0)}, none ${row.none.toFixed(0)}, ` +
          `difference ${(row.recording - row.none).toFixed(1)}`,
      );
    }
    const differences = rows.map((row) => row.recording - row.none);
    const average = mean(differences);
    const spread = Math.sqrt(
      differences.reduce((sum, value) => sum + (value - average) ** 2, 0) /
        Math.max(differences.length - 1, 1),
    );
    // A normal approximation of the mean's 95% interval: the rounds are paired and independent.
    const margin = (1.96 * spread) / Math.sqrt(differences.length);
    console.log('');
    console.log(
      '| CPU µs per play (this process: gateway, subgraphs, load) | median | mean | 95% interval of the mean |',
    );
    console.log('|---|--:|--:|--:|');
    for (const way of ['recording', 'none'] as const) {
      const values = rows.map((row) => row[way]);
      console.log(`| ${way} | ${median(values).toFixed(0)} | ${mean(values).toFixed(0)} | |`);
    }
    console.log(
      `| recording less none, same round | ${median(differences).toFixed(1)} | ${average.toFixed(1)} | ` +
        `${(average - margin).toFixed(1)} to ${(average + margin).toFixed(1)} |`,
    );
    for (const way of ['recording', 'none'] as const) {
      const tally = tallies[way];
      console.log(`${way}: ${tally.plays} plays (${tally.granted} granted), ${tally.errors} errors`);
    }
    if (profiler) {
      const plays = rounds * stretch;
      console.log('\nself time, recording less not, µs per play, by file or package:');
      console.table(extra(selfTimes.recording.files, selfTimes.none.files, plays, 15));
      console.log('by function:');
      console.table(extra(selfTimes.recording.functions, selfTimes.none.functions, plays, 25));
    }
  } finally {
    profiler?.disconnect();
    await target.agent.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
