/**
 * `npm run bench:decisions:stack`: what recording every decision costs on the whole stack, the
 * gateway and every subgraph, measured inside one process. Two in-process stacks
 * (test/support/inProcessStack.ts: the real gateway and subgraph servers, entity cache on) run here,
 * one recording into a directory store as `npm start` does (written once a second), one recording
 * nothing. They take the same stretch of the traffic mix in turn, and this process's CPU is measured
 * over each stretch: its requests, the flush that follows them and a full collection of the garbage
 * they left. One process shares one JIT and one heap, so the difference between the two is the
 * recording's; `npm run bench -- --decisions` compares two sets of processes, whose own difference
 * is as large as the effect. The load is sent from this process too, the same for both. Numbers go
 * into docs/benchmarks.md by hand, with the machine they came from.
 *
 * Options: --rounds N (default 10), --requests N per stretch (default 4000), --connections N
 * (default 20), --warmup N requests per stack (default 8000).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Agent, request } from 'undici';
import { DEMO_DATASET_PATH } from '@platform/dataset/load';
import type { Dataset } from '@platform/dataset/model';
import { openDecisionStore } from '@platform/decisions/stores';
import { DEFAULT_TRAFFIC_MIX, planTrafficMix, withTrafficMix } from '../simulator/trafficMix';
import { startInProcessStack, type InProcessStack } from '../test/support/inProcessStack';
import { prepareMix, Tally, type Prepared } from './benchTraffic';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = Number(index >= 0 ? process.argv[index + 1] : fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} is a whole number above 0`);
  return value;
}

const rounds = option('rounds', 10);
const stretch = option('requests', 4000);
const connections = option('connections', 20);
const warmup = option('warmup', 8000);
/** The gateway's DECISION_FLUSH_MS default: records are written once a second. */
const FLUSH_MS = 1_000;

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

interface Side {
  label: 'recording' | 'none';
  stack: InProcessStack;
  prepared: Prepared[];
  agent: Agent;
}

/** Sends `requests` through `connections` concurrent keep-alive connections, counting answers. */
async function send(side: Side, requests: Prepared[], tally: Tally): Promise<void> {
  let next = 0;
  const url = `${side.stack.gatewayUrl}/graphql`;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests.length) {
        const { kind, headers, body } = requests[next++]!;
        const answer = await request(url, { method: 'POST', headers, body, dispatcher: side.agent });
        tally.count(kind, answer.statusCode, await answer.body.text());
      }
    }),
  );
}

/** CPU microseconds this process spends on `requests` sent to `side`, the flush and collection after them included. */
async function measured(side: Side, requests: Prepared[], tally: Tally): Promise<number> {
  collectGarbage();
  const started = process.cpuUsage();
  await send(side, requests, tally);
  await sleep(FLUSH_MS + 100);
  collectGarbage();
  const used = process.cpuUsage(started);
  return used.user + used.system;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main() {
  const demo = JSON.parse(readFileSync(DEMO_DATASET_PATH, 'utf8')) as Dataset;
  const needed = warmup + rounds * stretch;
  const mix = planTrafficMix(demo, { ...DEFAULT_TRAFFIC_MIX, requests: needed });
  const dataset = withTrafficMix(demo, mix);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-decisions-stack-'));
  const sides: Side[] = [];
  try {
    for (const label of ['recording', 'none'] as const) {
      const store = label === 'recording' ? openDecisionStore(path.join(dir, 'decisions')) : null;
      const stack = await startInProcessStack(
        { build: () => dataset },
        { entityCache: true, decisionFlushMs: FLUSH_MS, ...(store && { decisions: store }) },
      );
      sides.push({
        label,
        stack,
        prepared: await prepareMix(mix, (account) => stack.tokenFor(account)),
        agent: new Agent({ connections }),
      });
    }
    const [recording, none] = sides as [Side, Side];
    console.log(
      `${os.cpus().length} cores, Node ${process.version}: ${rounds} rounds of ${stretch} requests of the mix at ` +
        `${connections} connections, after ${warmup} to warm each stack up`,
    );
    for (const side of sides) await send(side, side.prepared.slice(0, warmup), new Tally());

    const perRequest: { recording: number; none: number; plays: number }[] = [];
    const tallies = { recording: new Tally(), none: new Tally() };
    for (let round = 0; round < rounds; round++) {
      const from = warmup + round * stretch;
      // Each side takes the same stretch; who goes first alternates, so drift evens out.
      const order = round % 2 ? [none, recording] : [recording, none];
      const cpu: Record<Side['label'], number> = { recording: 0, none: 0 };
      const plays = { recording: new Tally(), none: new Tally() };
      for (const side of order) {
        cpu[side.label] = await measured(side, side.prepared.slice(from, from + stretch), plays[side.label]);
      }
      for (const label of ['recording', 'none'] as const) {
        tallies[label] = Tally.sum(tallies[label], plays[label]);
      }
      const row = {
        recording: cpu.recording / stretch,
        none: cpu.none / stretch,
        plays: plays.recording.plays,
      };
      perRequest.push(row);
      console.log(
        `round ${round + 1}: CPU µs per request recording ${row.recording.toFixed(0)}, none ${row.none.toFixed(0)}; ` +
          `difference ${(row.recording - row.none).toFixed(1)} per request, ` +
          `${(((row.recording - row.none) * stretch) / row.plays).toFixed(1)} per play (${row.plays} plays)`,
      );
    }
    const perPlay = perRequest.map((row) => ((row.recording - row.none) * stretch) / row.plays);
    console.log('');
    console.log(`| | per request | per play |`);
    console.log(`|---|--:|--:|`);
    console.log(
      `| CPU µs, recording (median) | ${median(perRequest.map((row) => row.recording)).toFixed(0)} | |`,
    );
    console.log(`| CPU µs, none (median) | ${median(perRequest.map((row) => row.none)).toFixed(0)} | |`);
    console.log(
      `| recording less none, median (min to max) | ${median(perRequest.map((row) => row.recording - row.none)).toFixed(1)} | ` +
        `${median(perPlay).toFixed(1)} (${Math.min(...perPlay).toFixed(1)} to ${Math.max(...perPlay).toFixed(1)}) |`,
    );
    for (const label of ['recording', 'none'] as const) {
      const tally = tallies[label];
      console.log(
        `${label}: ${tally.plays} plays (${tally.granted} granted), ${tally.browsed} browse answered, ${tally.errors} errors`,
      );
    }
  } finally {
    for (const side of sides) {
      await side.agent.close();
      await side.stack.stop();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
