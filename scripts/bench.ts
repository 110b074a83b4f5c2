/**
 * `npm run bench`: `play` throughput, latency and where the CPU goes, printed as tables.
 *
 * For each tree measured (this one, and with `--baseline <ref>` an earlier commit checked out in a
 * git worktree and run with its own code) and each subgraph client, it starts the stack in a process
 * of its own (scripts/bench-stack.ts) on free ports, with the demo dataset plus the traffic mix's
 * accounts and catalogue (simulator/trafficMix.ts) and the premiere's accounts and title, fresh
 * development keys, rate limits off. Every stack is started and warmed up before anything is
 * measured, and then measured:
 *  1. healthy: the traffic at 1 and at 20 concurrent clients, with the CPU milliseconds per request
 *     of every process of the stack (utime + stime from /proc/<pid>/stat across the measured window), in
 *     `--rounds` interleaved rounds (the stacks take turns, in alternating order, so that a machine
 *     that speeds up or slows down during the run favours none of them), summed up by medians;
 *  2. premiere: `--premiere N` accounts (default 200), each on a device of its own, press play on
 *     one title nobody played before within one second: how many were granted, and how many fetches
 *     the gateway sent to each subgraph (`gateway_subgraph_fetch_duration_seconds_count` on /metrics);
 *  3. hung: the healthy traffic while the catalog is frozen with SIGSTOP: success rate and latency.
 * Numbers go into docs/benchmarks.md by hand, with the machine they came from.
 *
 * The traffic (scripts/benchTraffic.ts): `--scenario mix` (the default) cycles through the mix's
 * planned requests: `--accounts N` accounts (default 1,000), a catalogue of `--titles N` titles
 * (default 2,000) drawn by Zipf popularity, the fleet's devices, browse and play at 3:1, refusals at
 * the share the rules give; `--scenario single` sends one granted `play` of one title for one account.
 *
 * Options: --seconds N (per run, default 8), --warm-up N (seconds at 20 clients before anything is
 * measured, default 15), --rounds N (default 3), --connections 1,20, --hung
 * catalog, --premiere 200, --baseline <git ref>, --shedding (also this tree with LOAD_SHEDDING=on),
 * --flood N (N clients browsing while 20 press play, once per stack; --flood-kind prefetch: N clients
 * sending `prefetch` instead; --flood-rate R: the N clients offer R requests a second between them
 * instead of sending as fast as they are answered), --plain (also measure the plain
 * RemoteGraphQLDataSource client), --otel (also this tree with every span sampled and exported over
 * OTLP to a sink of the bench's own, and its CPU per request over the untraced stack's; --otel-ratio R
 * samples that share of traces instead), --field-usage (also this tree counting no field usage,
 * FIELD_USAGE_STORE=off, and the CPU per request of counting it over not), --decisions (also this tree
 * recording no decisions, DECISION_STORE=off, and each process's CPU per request of recording them
 * less not, in microseconds), --peer <router binary> (also a WunderGraph Cosmo Router built from its
 * public source, over the subgraph processes of this tree's stack, which then also take a device's
 * token (SUBGRAPH_CALLER=device-token); this tree is then also measured with its entity cache off;
 * scripts/benchPeer.ts), --soak S (after the rounds,
 * S seconds of the traffic at 20 clients per stack, every process's resident memory sampled every 10 s),
 * --heap-mb N (each process's old generation in MB, `--max-old-space-size`, as the image's
 * entrypoint sets it in the chart's 512 MiB containers; default 256; 0: V8's own, sized by the
 * host's memory), --heap-compare (also this tree with V8's default heap), --heap-snapshots N
 * (after the soak, a heap snapshot of each gateway, N plays, another, and what grew per play),
 * --json (one JSON document on stdout instead of tables). About 80 s per stack with the defaults.
 *
 * This tree's stacks run what the image runs: each service compiled into dist/ (built first, `npm
 * run build:services`); an earlier commit's run its sources through tsx, as that commit did.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { floodScenario, type FloodRow } from './benchFlood';
import { startPeerRouter, withDocumentText, type PeerRouter } from './benchPeer';
import { median } from './benchStats';
import { HEAP_SNAPSHOT_SIGNAL, heapGrowth } from './benchHeap';
import {
  browseRequest,
  isGranted,
  playRequest,
  prepareMix,
  singlePlay,
  Tally,
  trafficRequests,
  type Cursor,
  type Prepared,
} from './benchTraffic';
import { documentIds } from '../clients/__generated__/documentIds';
import { DEFAULT_TRAFFIC_MIX, planTrafficMix, withTrafficMix } from '../simulator/trafficMix';
import { issueDevelopmentToken } from '@platform/identity';
import { loadSigningKey } from '@platform/keys/keyring';
import { DEMO_DATASET_PATH } from '@platform/dataset/load';
import type { Dataset } from '@platform/dataset/model';
import { buildServiceBundles } from '@platform/serviceBundles';
import { freePort } from '@platform/ports';

const ROOT = path.resolve(__dirname, '..');
const PREMIERE_TITLE = 't-bench-premiere';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const seconds = Number(option('seconds', '8'));
const warmUpSeconds = Number(option('warm-up', '15'));
const rounds = Number(option('rounds', '3'));
const connectionCounts = option('connections', '1,20').split(',').map(Number);
const hung = option('hung', 'catalog');
const premiereAccounts = Number(option('premiere', '200'));
const baseline = option('baseline', '');
const json = flag('json');
const scenario = option('scenario', 'mix');
if (!['mix', 'single'].includes(scenario)) throw new Error('--scenario is mix or single');
const demoDataset = JSON.parse(readFileSync(DEMO_DATASET_PATH, 'utf8')) as Dataset;
/** The realistic mix's accounts, catalogue and requests (`--scenario mix`), planned once for every stack. */
const mix =
  scenario === 'mix'
    ? planTrafficMix(demoDataset, {
        ...DEFAULT_TRAFFIC_MIX,
        accounts: Number(option('accounts', String(DEFAULT_TRAFFIC_MIX.accounts))),
        titles: Number(option('titles', String(DEFAULT_TRAFFIC_MIX.titles))),
      })
    : null;
const clients: ('resilient' | 'plain')[] = flag('plain') ? ['resilient', 'plain'] : ['resilient'];
/**
 * Also measure this tree with its spans sent over OTLP to a sink of the bench's own: every trace, or
 * the share `--otel-ratio` gives (0 measures tracing on with nothing sampled).
 */
const otel = flag('otel');
const otelRatio = Number(option('otel-ratio', '1'));
/**
 * Also this tree with FIELD_USAGE_STORE=off: what counting field usage (gateway/src/fieldUsage/)
 * costs a `play`. Every other stack counts it, into a directory of its own.
 */
const fieldUsage = flag('field-usage');
/**
 * Also this tree with DECISION_STORE=off: what recording every decision (gateway/src/decisions/)
 * costs a `play`, per process. Every other stack records them, into a directory of its own.
 */
const decisions = flag('decisions');
/** The client label of a stack that records no decisions (`--decisions`). */
const UNRECORDED = 'resilient unrecorded';
/** A peer router's binary (`--peer`), run over this tree's subgraphs (scripts/benchPeer.ts). */
const peer = option('peer', '');
/** The client label of the peer router, and of this tree with its entity cache off (`--peer`). */
const PEER = 'cosmo router';
const UNCACHED = 'resilient entity cache off';
/** Seconds of `play` at 20 clients after the rounds, resident memory sampled; 0: none. */
const soakSeconds = Number(option('soak', '0'));
/** Every process's old generation, in MB (`--max-old-space-size`); 0: V8's default. */
const heapMb = Number(option('heap-mb', '256'));
if (!(heapMb >= 0)) throw new Error('--heap-mb is a number of megabytes');
/** Plays between two heap snapshots of each gateway (scripts/benchHeap.ts); 0: none. */
const heapSnapshotPlays = Number(option('heap-snapshots', '0'));
/** Also this tree with V8's default heap (`--heap-compare`): what `--heap-mb` costs and saves. */
const heapCompare = flag('heap-compare');
/** The client label of a stack with V8's default heap (`--heap-compare`). */
const UNCAPPED = 'resilient heap uncapped';
/** The client label of a stack that counts no field usage (`--field-usage`). */
const UNCOUNTED = 'resilient uncounted';
/** Also this tree with LOAD_SHEDDING=on (the overload gate, gateway/src/overload/). */
const shedding = flag('shedding');
/** Clients of the flood measured once per stack (scripts/benchFlood.ts); 0: none. */
const floodClients = Number(option('flood', '0'));
/** What the flood sends: pages of titles (`browse`), or `prefetch`es of the viewers' title. */
const floodKind = option('flood-kind', 'browse');
if (!['browse', 'prefetch'].includes(floodKind)) throw new Error('--flood-kind is browse or prefetch');
/**
 * The flood's offered rate in requests a second, whatever the answers (autocannon's `overallRate`);
 * 0: each client sends as fast as it is answered.
 */
const floodRate = Number(option('flood-rate', '0'));
if (!(floodRate >= 0)) throw new Error('--flood-rate is a number of requests a second');
/** The client label of a stack that traces (`--otel`). */
const TRACED = 'resilient traced';
/** The client label of a stack that sheds by class (`--shedding`). */
const SHEDDING = 'resilient shedding';
const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

interface LoadRow {
  tree: string;
  client: string;
  scenario: string;
  /** The healthy runs' round (1 and up); 0 for a scenario measured once. */
  round: number;
  clients: number;
  /** Requests answered without an error (a refused play is an answer), of those sent. */
  'success %': number;
  /** Plays granted with a signed manifest, of the plays answered. */
  'granted %': number;
  'p50 ms': number;
  'p99 ms': number;
  'req/s': number;
  requests: number;
  timeouts: number;
  /** Fetches the gateway sent to subgraphs per request answered (healthy runs). */
  'fetches/req'?: number;
}

/** CPU milliseconds per answered request, by process. */
type CpuRow = { tree: string; client: string; clients: number; round: number } & Record<
  string,
  number | string
>;

interface PremiereRow {
  tree: string;
  client: string;
  plays: number;
  granted: number;
  /** Fetches the gateway sent, by subgraph. */
  fetches: Record<string, number>;
}

interface BenchStack {
  gatewayUrl: string;
  adminPort: number;
  /** Each subgraph's URL, by name: where a peer router (`--peer`) sends its fetches. */
  subgraphUrls: Record<string, string>;
  pids: Record<string, number>;
  readyAfterMs: number;
  cores: number;
  child: ChildProcess;
}

/**
 * The demo dataset, the mix's accounts and catalogue, and the premiere's premium accounts (one profile
 * each) and its unseen title.
 */
function writeDataset(dir: string): string {
  const dataset = mix ? withTrafficMix(demoDataset, mix) : structuredClone(demoDataset);
  const premium = dataset.titles.find((title) => title.id === 't-premium-4k')!;
  dataset.titles.push({ ...premium, id: PREMIERE_TITLE });
  for (let index = 0; index < premiereAccounts; index++) {
    dataset.users.push({
      id: `u-bench-${index}`,
      country: 'US',
      subscription: { tier: 'PREMIUM', status: 'ACTIVE', validUntil: '2099-12-31T00:00:00Z' },
    });
    dataset.profiles.push({
      id: `p-bench-${index}`,
      userId: `u-bench-${index}`,
      name: `Bench ${index}`,
      kind: 'ADULT',
      maxMaturity: 18,
    });
  }
  const file = path.join(dir, 'dataset.json');
  writeFileSync(file, JSON.stringify(dataset));
  return file;
}

/** A worktree of `ref` with this tree's node_modules and the stack runner; removed by `cleanup`. */
function baselineTree(ref: string): { root: string; cleanup(): void } {
  const root = path.join(os.tmpdir(), `bench-baseline-${ref.replace(/[^\w.-]/g, '_')}`);
  if (existsSync(root)) execFileSync('git', ['worktree', 'remove', '--force', root], { cwd: ROOT });
  execFileSync('git', ['worktree', 'add', '--detach', root, ref], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  copyFileSync(path.join(ROOT, 'scripts/bench-stack.ts'), path.join(root, 'scripts/bench-stack.ts'));
  return {
    root,
    cleanup: () => execFileSync('git', ['worktree', 'remove', '--force', root], { cwd: ROOT }),
  };
}

function startBenchStack(root: string, env: NodeJS.ProcessEnv, keysDir: string): Promise<BenchStack> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-stack.ts', keysDir], {
    cwd: root,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the stack in ${root} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('BENCH_STACK ')) resolve({ ...JSON.parse(line.slice(12)), child });
    });
  });
}

function stopBenchStack(stack: BenchStack): Promise<void> {
  return new Promise((resolve) => {
    stack.child.removeAllListeners('exit');
    stack.child.once('exit', () => resolve());
    stack.child.stdin!.end();
  });
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** utime + stime of a process, in milliseconds. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at the 3rd; utime is the 14th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Resident memory of a process in MB (VmRSS). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0) / 1024);
}

interface SoakRow {
  tree: string;
  client: string;
  seconds: number;
  'req/s': number;
  /** The gateway's CPU per request answered since the previous sample: a slower gateway, or a slower machine. */
  'gateway cpu ms': number;
  [process: string]: string | number;
}

/** `soakSeconds` of the traffic at 20 clients; every 10 s, each process's resident memory (MB) and the rate since. */
async function soak(warm: WarmStack): Promise<SoakRow[]> {
  const rows: SoakRow[] = [];
  const started = Date.now();
  const tally = new Tally();
  let counted = 0;
  let gatewayCpu = cpuMs(warm.stack.pids.gateway!);
  const sample = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    const previous = rows.at(-1)?.seconds ?? 0;
    const answered = tally.answered - counted;
    const rate = Math.round(answered / Math.max(seconds - previous, 1));
    counted = tally.answered;
    const cpu = cpuMs(warm.stack.pids.gateway!);
    const perRequest = answered ? Number(((cpu - gatewayCpu) / answered).toFixed(3)) : 0;
    gatewayCpu = cpu;
    const memory = Object.fromEntries(
      Object.entries(warm.stack.pids).map(([name, pid]) => [name, rssMb(pid)]),
    );
    rows.push({
      tree: warm.tree,
      client: warm.client,
      seconds,
      'req/s': rate,
      'gateway cpu ms': perRequest,
      ...memory,
    });
  };
  sample();
  const timer = setInterval(sample, 10_000);
  try {
    await autocannon({
      url: warm.request.url,
      connections: 20,
      duration: soakSeconds,
      timeout: 5,
      requests: trafficRequests(warm.traffic, tally, warm.cursor),
    } as autocannon.Options);
  } finally {
    clearInterval(timer);
  }
  sample();
  return rows;
}

const cpuSnapshot = (pids: Record<string, number>) =>
  Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));

/** The flood (scripts/benchFlood.ts) on one stack: browsing, or prefetching the viewers' title. */
function flood(warm: WarmStack, clients: number, duration: number): Promise<FloodRow> {
  const flooding =
    floodKind === 'prefetch'
      ? {
          ...warm.request,
          headers: { ...warm.request.headers, 'x-request-class': 'prefetch' },
          body: JSON.stringify({
            ...(JSON.parse(warm.request.body) as object),
            documentId: documentIds.Prefetch,
          }),
        }
      : browseRequest(warm.stack.gatewayUrl, warm.token);
  return floodScenario(
    { tree: warm.tree, client: warm.client },
    { play: warm.request, flood: flooding, isGranted },
    { clients, rate: floodRate },
    duration,
  );
}

/** Every answer of the healthy runs, by tree and client, and of the subgraph hung: what the traffic was answered. */
const tallies = new Map<string, Tally>();

const percent = (part: number, whole: number) => (whole ? Number(((100 * part) / whole).toFixed(1)) : 0);

async function measure(
  labels: { tree: string; client: string; scenario: string; round: number },
  warm: WarmStack,
  connections: number,
): Promise<LoadRow> {
  const tally = new Tally();
  const result = await autocannon({
    url: warm.request.url,
    connections,
    duration: seconds,
    timeout: 5,
    requests: trafficRequests(warm.traffic, tally, warm.cursor),
  } as autocannon.Options);
  // The healthy runs together; a scenario measured once (a subgraph hung) on a row of its own.
  const client = labels.scenario === 'healthy' ? labels.client : `${labels.client} (${labels.scenario})`;
  const key = `${labels.tree}\u0000${client}`;
  tallies.set(key, Tally.sum(tallies.get(key), tally));
  const attempted = tally.answered + result.timeouts;
  return {
    ...labels,
    clients: connections,
    'success %': percent(tally.plays + tally.browsed, attempted),
    'granted %': percent(tally.granted, tally.plays),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'req/s': Math.round(result.requests.average),
    requests: attempted,
    timeouts: result.timeouts,
  };
}

/** Fetches the gateway sent so far, by subgraph (every outcome), from its admin `/metrics`. */
async function fetchCounts(adminPort: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^gateway_subgraph_fetch_duration_seconds_count\{([^}]*)\} (\d+)/gm)) {
    const subgraph = /subgraph="([^"]+)"/.exec(match[1]!)?.[1];
    if (subgraph) counts[subgraph] = (counts[subgraph] ?? 0) + Number(match[2]);
  }
  return counts;
}

/** `premiereAccounts` plays of one unseen title, spread evenly over one second. */
async function premiere(
  labels: { tree: string; client: string },
  stack: BenchStack,
  keysDir: string,
): Promise<PremiereRow> {
  const identity = await loadSigningKey('identity', { kind: 'development', dir: keysDir });
  const tokens = await Promise.all(
    Array.from({ length: premiereAccounts }, (_, index) =>
      issueDevelopmentToken(identity, `u-bench-${index}`),
    ),
  );
  const before = await fetchCounts(stack.adminPort);
  const answers = await Promise.all(
    tokens.map(async (token, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index * 1000) / premiereAccounts));
      const { url, ...init } = playRequest(
        stack.gatewayUrl,
        token,
        PREMIERE_TITLE,
        `p-bench-${index}`,
        `bench-device-${index}`,
      );
      const response = await fetch(url, init);
      return isGranted(await response.text());
    }),
  );
  const after = await fetchCounts(stack.adminPort);
  const fetches = Object.fromEntries(
    Object.keys(after)
      .sort()
      .map((subgraph) => [subgraph, after[subgraph]! - (before[subgraph] ?? 0)]),
  );
  return { ...labels, plays: answers.length, granted: answers.filter(Boolean).length, fetches };
}

/** A stack started and warmed up, with its `play` request. */
interface WarmStack {
  tree: string;
  client: string;
  stack: BenchStack;
  keysDir: string;
  /** The single scenario's `play`, which the premiere, the flood and the heap snapshots send. */
  request: { url: string; method: 'POST'; headers: Record<string, string>; body: string };
  /** What the runs send (`--scenario`), ready to send, and where the stack is in it. */
  traffic: Prepared[];
  cursor: Cursor;
  /** u-premium's development token, for the other requests a run sends. */
  token: string;
  dir: string;
  /** A peer router (`--peer`) over another stack's subgraphs: it answers, that stack's gateway idles. */
  peer?: PeerRouter;
}

/**
 * @param variant a label and what it adds to the stack's environment: tracing to the bench's sink
 *   (`--otel`), load shedding (`--shedding`). Without one the stack traces nothing and does not
 *   shed, whatever the bench's own environment says.
 */
async function startWarmStack(
  tree: string,
  root: string,
  client: 'resilient' | 'plain',
  variant?: { label: string; env: NodeJS.ProcessEnv },
): Promise<WarmStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'error',
    NODE_ENV: 'development',
    SUBGRAPH_CLIENT: client,
    RATE_LIMITS: 'off',
    DATASET: writeDataset(dir),
    // Counted as `npm start` does, into the stack's own directory, never the repository's `.usage/`.
    FIELD_USAGE_STORE: path.join(dir, 'usage'),
    DECISION_STORE: path.join(dir, 'decisions'),
  };
  // The benchmark's own shared state would blur the comparison: each stack keeps its values in process.
  delete env.REDIS_URL;
  for (const name of Object.keys(env)) if (name.startsWith('OTEL_')) delete env[name];
  delete env.LOAD_SHEDDING;
  // A peer router shares this tree's subgraphs, which must then take a device's token too.
  if (peer && tree === THIS_TREE) env.SUBGRAPH_CALLER = 'device-token';
  /** Node's own options for the stack's processes, after any the environment already gives. */
  const addNodeOptions = (...options: string[]) => {
    env.NODE_OPTIONS = [env.NODE_OPTIONS, ...options].filter(Boolean).join(' ');
  };
  if (heapMb > 0) addNodeOptions(`--max-old-space-size=${heapMb}`);
  if (tree === THIS_TREE) env.SERVICE_BUNDLES = 'on';
  Object.assign(env, variant?.env);
  if (heapSnapshotPlays > 0) {
    mkdirSync(path.join(dir, 'heap'));
    addNodeOptions(
      `--heapsnapshot-signal=${HEAP_SNAPSHOT_SIGNAL}`,
      `--diagnostic-dir=${path.join(dir, 'heap')}`,
    );
  }
  const label = variant?.label ?? client;
  const keysDir = path.join(dir, 'keys');
  const stack = await startBenchStack(root, env, keysDir);
  say(
    `${tree} ${label}: stack ready in ${(stack.readyAfterMs / 1000).toFixed(2)} s ` +
      `(${Object.keys(stack.pids).length} processes, ${stack.cores} cores)`,
  );
  try {
    const identity = await loadSigningKey('identity', { kind: 'development', dir: keysDir });
    const token = await issueDevelopmentToken(identity, 'u-premium');
    const request = singlePlay(stack.gatewayUrl, token);
    const check = await fetch(request.url, request);
    if (!isGranted(await check.text())) throw new Error('warm-up play was not granted');
    const traffic = mix
      ? await prepareMix(mix, (account) => issueDevelopmentToken(identity, account))
      : [{ kind: 'play' as const, ...request }];
    const cursor: Cursor = { next: 0 };
    await warmUp(request.url, traffic, cursor);
    return { tree, client: label, stack, keysDir, dir, request, traffic, cursor, token };
  } catch (error) {
    await stopBenchStack(stack);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Warm-up: JIT, keep-alive pools and last good values, so the runs measure the steady state. A
 * stack keeps getting faster for tens of seconds under load (V8 optimizes its hot paths late): after
 * 3 s at 4 clients, one stack's throughput was still rising 2.5 times over its first rounds, which
 * no interleaving evens out.
 */
async function warmUp(url: string, traffic: Prepared[], cursor: Cursor): Promise<void> {
  await autocannon({
    url,
    connections: 20,
    duration: warmUpSeconds,
    requests: trafficRequests(traffic, new Tally(), cursor),
  } as autocannon.Options);
}

async function stopWarmStack(warm: WarmStack): Promise<void> {
  if (warm.peer) return warm.peer.stop();
  await stopBenchStack(warm.stack);
  rmSync(warm.dir, { recursive: true, force: true });
}

/**
 * The peer router over `shared`'s subgraph processes, warmed up like a stack, and measured like one:
 * its process stands in the gateway's column, the subgraphs are `shared`'s own.
 */
async function startWarmPeer(shared: WarmStack): Promise<WarmStack> {
  const { pids, gatewayUrl: _, ...stack } = shared.stack;
  const router = await startPeerRouter(peer, {
    dir: shared.dir,
    port: await freePort(),
    urls: shared.stack.subgraphUrls,
  });
  try {
    const { headers, body } = withDocumentText([{ kind: 'play', ...shared.request }])[0]!;
    const request = { url: `${router.url}/graphql`, method: 'POST' as const, headers, body };
    const check = await fetch(request.url, request);
    if (!isGranted(await check.text())) throw new Error("the peer router's warm-up play was not granted");
    const traffic = withDocumentText(shared.traffic);
    const cursor: Cursor = { next: 0 };
    await warmUp(request.url, traffic, cursor);
    say(`${THIS_TREE} ${PEER}: ${peer} over that stack's subgraphs, warmed up`);
    return {
      ...shared,
      client: PEER,
      stack: { ...stack, gatewayUrl: router.url, pids: { ...pids, gateway: router.pid } },
      request,
      traffic,
      cursor,
      peer: router,
    };
  } catch (error) {
    await router.stop();
    throw error;
  }
}

/** One round of the healthy traffic at each connection count, with the CPU per request of every process. */
async function healthyRound(warm: WarmStack, round: number): Promise<{ load: LoadRow[]; cpu: CpuRow[] }> {
  const labels = { tree: warm.tree, client: warm.client, round };
  const { pids } = warm.stack;
  const load: LoadRow[] = [];
  const cpu: CpuRow[] = [];
  for (const connections of connectionCounts) {
    // A peer's fetches are not counted (its admin port is the idle gateway's).
    const counted = !warm.peer;
    const fetchesBefore = counted ? await fetchCounts(warm.stack.adminPort) : {};
    const before = cpuSnapshot(pids);
    const row = await measure({ ...labels, scenario: 'healthy' }, warm, connections);
    const after = cpuSnapshot(pids);
    const fetchesAfter = counted ? await fetchCounts(warm.stack.adminPort) : {};
    const fetches = Object.keys(fetchesAfter).reduce(
      (sum, name) => sum + fetchesAfter[name]! - (fetchesBefore[name] ?? 0),
      0,
    );
    load.push({
      ...row,
      ...(counted && { 'fetches/req': Number((fetches / Math.max(row.requests, 1)).toFixed(2)) }),
    });
    const perPlay: CpuRow = { ...labels, clients: connections };
    let total = 0;
    for (const name of Object.keys(pids)) {
      const ms = (after[name]! - before[name]!) / Math.max(row.requests, 1);
      total += ms;
      perPlay[name] = Number(ms.toFixed(3));
    }
    perPlay.total = Number(total.toFixed(3));
    cpu.push(perPlay);
  }
  return { load, cpu };
}

/** The scenarios measured once: the premiere, then `hung` frozen under the healthy traffic. */
async function onceScenarios(warm: WarmStack): Promise<{ load: LoadRow; premiere: PremiereRow | null }> {
  const labels = { tree: warm.tree, client: warm.client };
  // The premiere counts the fetches this gateway reports; a peer's are not counted.
  const premiereRow = warm.peer ? null : await premiere(labels, warm.stack, warm.keysDir);
  const frozen = warm.stack.pids[hung]!;
  process.kill(frozen, 'SIGSTOP');
  try {
    const load = await measure(
      { ...labels, scenario: `${hung} hung`, round: 0 },
      warm,
      Math.max(...connectionCounts),
    );
    return { load, premiere: premiereRow };
  } finally {
    process.kill(frozen, 'SIGCONT');
  }
}

/** Per tree, client and connection count: the medians of the rounds. */
function medians(load: LoadRow[], cpu: CpuRow[]) {
  const healthy = load.filter((row) => row.scenario === 'healthy');
  const groups = new Map<string, { load: LoadRow[]; cpu: CpuRow[] }>();
  const keyOf = (row: { tree: string; client: string; clients: number }) =>
    `${row.tree}\u0000${row.client}\u0000${row.clients}`;
  for (const row of healthy) {
    const group = groups.get(keyOf(row)) ?? { load: [], cpu: [] };
    group.load.push(row);
    groups.set(keyOf(row), group);
  }
  for (const row of cpu) groups.get(keyOf(row))?.cpu.push(row);
  return [...groups.values()].map(({ load: rows, cpu: cpuRows }) => {
    const { tree, client, clients } = rows[0]!;
    const summary: Record<string, string | number> = {
      tree,
      client,
      clients,
      rounds: rows.length,
      'success %': Math.min(...rows.map((row) => row['success %'])),
      'granted %': median(rows.map((row) => row['granted %'])),
      'req/s': median(rows.map((row) => row['req/s'])),
      'p50 ms': median(rows.map((row) => row['p50 ms'])),
      'p99 ms': median(rows.map((row) => row['p99 ms'])),
      'fetches/req': median(rows.map((row) => row['fetches/req'] ?? 0)),
    };
    for (const name of Object.keys(cpuRows[0]!).filter((key) => typeof cpuRows[0]![key] === 'number')) {
      if (['clients', 'round'].includes(name)) continue;
      summary[`${name} cpu ms`] = Number(median(cpuRows.map((row) => row[name] as number)).toFixed(3));
    }
    return summary;
  });
}

const THIS_TREE = 'this tree';

/**
 * Round by round, the CPU per request of this tree's stacks over a reference's in the same round, for
 * the gateway and for all processes: a change judged as a ratio on the same machine at the same time.
 * The reference of each row is the stack `referenceOf` names (another tree, or this tree untraced).
 */
function ratios(
  cpu: CpuRow[],
  referenceOf: (row: CpuRow) => { tree: string; client: string } | null,
  digits = 2,
) {
  const ratio = (ours: unknown, theirs: unknown) =>
    Number(((ours as number) / (theirs as number)).toFixed(digits));
  return cpu
    .filter((row) => row.tree === THIS_TREE)
    .flatMap((row) => {
      const same = sameRound(cpu, row, referenceOf(row));
      if (!same) return [];
      const { client, clients, round } = row;
      return [
        {
          client,
          clients,
          round,
          gateway: ratio(row.gateway, same.gateway),
          total: ratio(row.total, same.total),
        },
      ];
    });
}

/** The reference's row of the same round and clients as `row`. */
function sameRound(cpu: CpuRow[], row: CpuRow, reference: { tree: string; client: string } | null) {
  return reference
    ? cpu.find(
        (other) =>
          other.tree === reference.tree &&
          other.client === reference.client &&
          other.clients === row.clients &&
          other.round === row.round,
      )
    : undefined;
}

/** Per process, this tree's CPU per request less the reference's in the same round, in microseconds. */
function differences(cpu: CpuRow[], referenceOf: (row: CpuRow) => { tree: string; client: string } | null) {
  return cpu.flatMap((row) => {
    const same = row.tree === THIS_TREE ? sameRound(cpu, row, referenceOf(row)) : undefined;
    if (!same) return [];
    const { client, clients, round } = row;
    const processes = Object.keys(row).filter(
      (name) => typeof row[name] === 'number' && !['clients', 'round'].includes(name),
    );
    return [
      {
        client,
        clients,
        round,
        ...Object.fromEntries(
          processes.map((name) => [
            name,
            Math.round(((row[name] as number) - (same[name] as number)) * 1000),
          ]),
        ),
      },
    ];
  });
}

/** A collector that takes OTLP/HTTP exports and keeps nothing but their count and size (`--otel`). */
async function startSpanSink(): Promise<{
  url: string;
  exports: () => { posts: number; bytes: number };
  close(): void;
}> {
  let posts = 0;
  let bytes = 0;
  const server = http.createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      posts++;
      response.writeHead(200, { 'content-type': 'application/x-protobuf' });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => ({ posts, bytes }),
    close: () => server.close(),
  };
}

async function main() {
  const trees: { tree: string; root: string; cleanup?: () => void }[] = [{ tree: THIS_TREE, root: ROOT }];
  if (baseline) trees.unshift({ tree: baseline, ...baselineTree(baseline) });
  const load: LoadRow[] = [];
  const cpu: CpuRow[] = [];
  const premieres: PremiereRow[] = [];
  const floods: FloodRow[] = [];
  const soaks: SoakRow[] = [];
  const heaps: ({ tree: string; client: string } & Awaited<ReturnType<typeof heapGrowth>>)[] = [];
  const warm: WarmStack[] = [];
  const sink = otel ? await startSpanSink() : undefined;
  try {
    await buildServiceBundles();
    for (const { tree, root } of trees) {
      for (const client of clients) warm.push(await startWarmStack(tree, root, client));
    }
    if (sink) {
      const env = {
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: String(otelRatio),
      };
      warm.push(await startWarmStack(THIS_TREE, ROOT, 'resilient', { label: TRACED, env }));
    }
    if (fieldUsage) {
      const variant = { label: UNCOUNTED, env: { FIELD_USAGE_STORE: 'off' } };
      warm.push(await startWarmStack(THIS_TREE, ROOT, 'resilient', variant));
    }
    if (decisions) {
      const variant = { label: UNRECORDED, env: { DECISION_STORE: 'off' } };
      warm.push(await startWarmStack(THIS_TREE, ROOT, 'resilient', variant));
    }
    if (heapCompare) {
      const variant = { label: UNCAPPED, env: { NODE_OPTIONS: process.env.NODE_OPTIONS ?? '' } };
      warm.push(await startWarmStack(THIS_TREE, ROOT, 'resilient', variant));
    }
    if (shedding) {
      const variant = { label: SHEDDING, env: { LOAD_SHEDDING: 'on' } };
      warm.push(await startWarmStack(THIS_TREE, ROOT, 'resilient', variant));
    }
    if (peer) {
      const variant = { label: UNCACHED, env: { ENTITY_CACHE: 'off' } };
      warm.push(await startWarmStack(THIS_TREE, ROOT, 'resilient', variant));
      const shared = warm.find((stack) => stack.tree === THIS_TREE && stack.client === 'resilient')!;
      warm.push(await startWarmPeer(shared));
    }
    for (let round = 1; round <= rounds; round++) {
      for (const stack of round % 2 ? warm : [...warm].reverse()) {
        const result = await healthyRound(stack, round);
        load.push(...result.load);
        cpu.push(...result.cpu);
      }
    }
    for (const stack of warm) {
      const result = await onceScenarios(stack);
      load.push(result.load);
      if (result.premiere) premieres.push(result.premiere);
      // The flood and the heap snapshots speak this gateway's trusted documents and heap signal.
      if (floodClients > 0 && !stack.peer) floods.push(await flood(stack, floodClients, seconds));
      if (soakSeconds > 0) soaks.push(...(await soak(stack)));
      if (heapSnapshotPlays > 0 && !stack.peer) {
        const gateway = { pid: stack.stack.pids.gateway!, url: stack.stack.gatewayUrl };
        const growth = await heapGrowth(
          gateway,
          stack.request,
          heapSnapshotPlays,
          path.join(stack.dir, 'heap'),
        );
        heaps.push({ tree: stack.tree, client: stack.client, ...growth });
      }
    }
  } finally {
    // Peers first: they stand on another stack's subgraphs.
    await Promise.all(warm.filter((stack) => stack.peer).map(stopWarmStack));
    await Promise.all(warm.filter((stack) => !stack.peer).map(stopWarmStack));
    sink?.close();
    for (const { cleanup } of trees) cleanup?.();
  }
  const settings = {
    scenario,
    ...(mix && { accounts: mix.additions.users.length, requestsPlanned: mix.requests.length }),
    seconds,
    rounds,
    connections: connectionCounts,
    premiereAccounts,
    cores: os.cpus().length,
  };
  const summary = medians(load, cpu);
  const againstBaseline = ratios(cpu, (row) =>
    baseline && row.client !== TRACED ? { tree: baseline, client: row.client } : null,
  );
  const tracedOverUntraced = ratios(cpu, (row) =>
    row.client === TRACED ? { tree: THIS_TREE, client: 'resilient' } : null,
  );
  const countedOverUncounted = ratios(
    cpu,
    (row) => (fieldUsage && row.client === 'resilient' ? { tree: THIS_TREE, client: UNCOUNTED } : null),
    3,
  );
  const recordedOverUnrecorded = differences(cpu, (row) =>
    decisions && row.client === 'resilient' ? { tree: THIS_TREE, client: UNRECORDED } : null,
  );
  const gatewayOverPeer = ratios(cpu, (row) =>
    peer && [`resilient`, UNCACHED].includes(row.client) ? { tree: THIS_TREE, client: PEER } : null,
  );
  const spanExports = sink?.exports();
  const trafficLabel = mix
    ? `the traffic mix (${mix.additions.users.length} accounts, ${demoDataset.titles.length + mix.additions.titles.length} ` +
      `titles by Zipf popularity, the fleet's devices, browse:play ${DEFAULT_TRAFFIC_MIX.browsePerPlay}:1)`
    : 'play (u-premium, t-premium-4k: granted, manifest signed)';
  const answers = [...tallies].map(([key, tally]) => {
    const [tree, client] = key.split('\u0000');
    return {
      tree,
      client,
      plays: tally.plays,
      'granted %': percent(tally.granted, tally.plays),
      ...Object.fromEntries(
        [...tally.refused]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([reason, count]) => [reason, percent(count, tally.plays)]),
      ),
      browsed: tally.browsed,
      errors: tally.errors,
    };
  });
  if (json) {
    const document = {
      settings,
      answers,
      medians: summary,
      ratios: againstBaseline,
      tracedRatios: tracedOverUntraced,
      fieldUsageRatios: countedOverUncounted,
      decisionDifferences: recordedOverUnrecorded,
      peerRatios: gatewayOverPeer,
      spanExports,
      load,
      cpu,
      premiere: premieres,
      flood: floods,
      soak: soaks,
      heap: heaps,
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return;
  }
  say(`${trafficLabel}, ${seconds} s per run, ${rounds} rounds:`);
  console.table(load);
  if (mix) {
    say(
      'what the traffic was answered, the healthy runs of each stack together and the subgraph hung apart ' +
        '(refused: by reason, % of plays):',
    );
    console.table(answers);
  }
  say('CPU ms per request, by process (utime + stime over the run / requests answered):');
  console.table(cpu);
  say('medians of the rounds:');
  console.table(summary);
  if (againstBaseline.length > 0) {
    say(`CPU per request, this tree over ${baseline} in the same round (gateway, all processes):`);
    console.table(againstBaseline);
  }
  if (gatewayOverPeer.length > 0) {
    say(
      `CPU per request, this tree over the Cosmo Router (${peer}) in the same round, over the same subgraph ` +
        'processes (its `gateway` column is the router):',
    );
    console.table(gatewayOverPeer);
  }
  if (spanExports) {
    say(
      `CPU per request, traced (${otelRatio * 100}% of traces sampled, sent over OTLP: ${spanExports.posts} exports, ` +
        `${Math.round(spanExports.bytes / 1024)} KiB) over untraced in the same round:`,
    );
    console.table(tracedOverUntraced);
  }
  if (countedOverUncounted.length > 0) {
    say(
      'CPU per request, counting field usage over counting none (FIELD_USAGE_STORE=off) in the same round:',
    );
    console.table(countedOverUncounted);
  }
  if (recordedOverUnrecorded.length > 0) {
    say(
      'CPU µs per request, recording decisions less recording none (DECISION_STORE=off) in the same round:',
    );
    console.table(recordedOverUnrecorded);
  }
  if (floods.length > 0) {
    say(
      `${floodKind} flood: ${floodClients} clients (${floodKind}${floodRate ? `, ${floodRate} req/s offered` : ''}) ` +
        `while 20 viewers press play, ${seconds} s:`,
    );
    console.table(floods);
  }
  if (soaks.length > 0) {
    say(
      `soak: ${soakSeconds} s of the traffic at 20 clients, every 10 s: the rate and the gateway's CPU ms per ` +
        'request since the last sample, and resident memory (MB) of every process:',
    );
    console.table(soaks);
  }
  for (const heap of heaps) {
    say(
      `${heap.tree} ${heap.client}: the gateway's heap snapshots around ${heap.plays} plays differ by ` +
        `${heap.totalBytesPerPlay} bytes per play in all; the objects that changed most:`,
    );
    console.table(heap.rows);
  }
  say(`premiere: ${premiereAccounts} accounts press play on ${PREMIERE_TITLE} within one second:`);
  console.table(
    premieres.map(({ fetches, ...row }) =>
      Object.fromEntries([
        ...Object.entries(row),
        ...Object.entries(fetches).map(([name, count]) => [`${name} fetches`, count]),
      ]),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
