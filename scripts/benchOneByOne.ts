/**
 * What `bench:decisions:stack` and `bench:tracing:stack` share: an in-process stack on the mix, its
 * plays sent one at a time (or a group at a time), each request's CPU read around it (with nothing else in flight it is that
 * request's, in every server and the client), and the garbage collections that landed in a request,
 * whose pauses outweigh what these benches look for, so that those requests can be set aside.
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { Agent, request } from 'undici';
import { DEMO_DATASET_PATH } from '@platform/dataset/load';
import type { Dataset } from '@platform/dataset/model';
import {
  DEFAULT_TRAFFIC_MIX,
  planTrafficMix,
  withTrafficMix,
  type TrafficMix,
} from '../simulator/trafficMix';
import { startInProcessStack, type InProcessStackOptions } from '../test/support/inProcessStack';
import { mean } from './benchStats';
import { prepareMix, Tally, type Prepared } from './benchTraffic';

/** `--name N`, a whole number above 0, or `fallback`. */
export function wholeNumberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = Number(index >= 0 ? process.argv[index + 1] : fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} is a whole number above 0`);
  return value;
}

/** CPU µs of this process, all threads, since `since`. */
export function cpuMicros(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

/**
 * The CPU µs this thread has run, to the nanosecond (Linux's schedstat); NaN where there is none.
 * The main thread alone runs every server's JavaScript here: without the collector's helper threads,
 * whose work lands on whichever request is running, its pairs scatter far less than the process's.
 */
export function threadMicros(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1000;
  } catch {
    return Number.NaN;
  }
}

/** The mean of `values` and a normal approximation of its 95% interval. */
export function meanWithin(values: readonly number[]) {
  const average = mean(values);
  const variance = values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1);
  const margin = 1.96 * Math.sqrt(variance / values.length);
  return { average, low: average - margin, high: average + margin };
}

export const formatWithin = ({ average, low, high }: ReturnType<typeof meanWithin>) =>
  `${average.toFixed(1)} (95% interval ${low.toFixed(1)} to ${high.toFixed(1)})`;

/**
 * The in-process stack on the demo dataset with the traffic mix's accounts, `needed` of the mix's
 * plays ready to send (tokens signed), and a client over `connections` connections.
 */
export async function startMixStack(needed: number, options: InProcessStackOptions, connections = 1) {
  const demo = JSON.parse(readFileSync(DEMO_DATASET_PATH, 'utf8')) as Dataset;
  const mix = playsOfMix(demo, needed);
  const stack = await startInProcessStack({ build: () => withTrafficMix(demo, mix) }, options);
  const client = new OneByOne(`${stack.gatewayUrl}/graphql`, connections);
  const stop = async () => {
    await client.close();
    await stack.stop();
  };
  try {
    const prepared = await prepareMix(mix, (account) => stack.tokenFor(account));
    return { stack, client, prepared, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The traffic mix's plays only (browsing records and decides nothing), at least `needed` of them. */
function playsOfMix(demo: Dataset, needed: number): TrafficMix {
  // Plays are one request in four (browsePerPlay): plan enough for `needed` of them.
  const planned = planTrafficMix(demo, {
    ...DEFAULT_TRAFFIC_MIX,
    requests: needed * (DEFAULT_TRAFFIC_MIX.browsePerPlay + 1) + 1000,
  });
  const mix = { ...planned, requests: planned.requests.filter((request) => request.kind === 'play') };
  if (mix.requests.length < needed)
    throw new Error(`the mix planned ${mix.requests.length} plays, not ${needed}`);
  return mix;
}

/**
 * One request: the CPU it cost (µs; `thread`: the main thread's alone), the heap it grew (bytes) and
 * when it ran (ms, performance clock).
 */
export interface Sample {
  cpu: number;
  thread: number;
  grew: number;
  from: number;
  to: number;
}

/**
 * Sends plays one at a time, or a group at a time over as many connections, and watches for
 * collections while asked to.
 */
export class OneByOne {
  readonly tally = new Tally();
  private readonly agent: Agent;
  private readonly collections: { start: number; end: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      this.collections.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  });

  constructor(
    private readonly url: string,
    connections = 1,
  ) {
    this.agent = new Agent({ connections });
  }

  async play(one: Prepared): Promise<Sample> {
    return this.plays([one]);
  }

  /**
   * Plays sent together, as a gateway under load sees them, each answered in full before this
   * returns. The CPU and heap are per play: the group's, divided by its size.
   */
  async plays(group: readonly Prepared[]): Promise<Sample> {
    const heap = v8.getHeapStatistics().used_heap_size;
    const from = performance.now();
    const threadFrom = threadMicros();
    const started = process.cpuUsage();
    const answers = await Promise.all(
      group.map(async ({ headers, body }) => {
        const answer = await request(this.url, { method: 'POST', headers, body, dispatcher: this.agent });
        return { status: answer.statusCode, text: await answer.body.text() };
      }),
    );
    const cpu = cpuMicros(started);
    const thread = threadMicros() - threadFrom;
    const to = performance.now();
    const grew = v8.getHeapStatistics().used_heap_size - heap;
    answers.forEach(({ status, text }, index) => this.tally.count(group[index]!.kind, status, text));
    const size = group.length;
    return { cpu: cpu / size, thread: thread / size, grew: grew / size, from, to };
  }

  watchCollections(): void {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Stops watching, once the last `gc` entries are in. */
  async collectionsWatched(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.observer.disconnect();
  }

  /** Whether a collection paused this thread while `sample` ran. */
  collectedIn({ from, to }: Sample): boolean {
    return this.collections.some(({ start, end }) => start < to && end > from);
  }

  /** This thread's collection pauses while watched, in µs. */
  get pausedMicros(): number {
    return this.collections.reduce((sum, { start, end }) => sum + (end - start) * 1000, 0);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
