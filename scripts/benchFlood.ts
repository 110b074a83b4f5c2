/**
 * The flood of `npm run bench -- --flood N` (scripts/bench.ts): N clients sending the flood's request
 * (browsing, or prefetching) as fast as the gateway answers them (or at `--flood-rate` between them), while 20 viewers press
 * play, for one run; then 20 clients sending it, second by second for five seconds, to see how soon
 * it is served again. What a gateway that sheds by class (LOAD_SHEDDING=on) should show against one
 * that does not: plays granted as before, their p99 near the unloaded one, and the flood refused
 * fast (503) instead of timing out.
 */
import autocannon from 'autocannon';

export interface FloodRow {
  tree: string;
  client: string;
  'flood clients': number;
  'flood req/s offered': number | 'as answered';
  'play granted %': number;
  'play p50 ms': number;
  'play p99 ms': number;
  'flood req/s': number;
  'flood ok %': number;
  'flood 503 %': number;
  'flood timeouts': number;
  /** The flood's request at 20 clients in each of the five seconds after: the share answered well. */
  'flood ok % by second after': string;
}

/** Runs `options` and counts its answers by status, timeouts apart. */
async function run(options: autocannon.Options, isOk: (body: string) => boolean = () => true) {
  let ok = 0;
  let shed = 0;
  let answered = 0;
  const result = await autocannon({
    ...options,
    timeout: 5,
    requests: [
      {
        onResponse: (status: number, body: string) => {
          answered++;
          if (status === 503) shed++;
          else if (status === 200 && isOk(body)) ok++;
        },
      },
    ],
  } as autocannon.Options);
  const attempted = answered + result.timeouts;
  const percent = (count: number) => (attempted ? Number(((100 * count) / attempted).toFixed(1)) : 0);
  return { result, okPercent: percent(ok), shedPercent: percent(shed) };
}

export async function floodScenario(
  labels: { tree: string; client: string },
  requests: { play: autocannon.Options; flood: autocannon.Options; isGranted: (body: string) => boolean },
  flooding: { clients: number; /** Offered requests a second; 0: as fast as answered. */ rate: number },
  seconds: number,
): Promise<FloodRow> {
  const [play, flood] = await Promise.all([
    run({ ...requests.play, connections: 20, duration: seconds }, requests.isGranted),
    run({
      ...requests.flood,
      connections: flooding.clients,
      duration: seconds,
      ...(flooding.rate > 0 && { overallRate: flooding.rate }),
    }),
  ]);
  const after: number[] = [];
  for (let second = 0; second < 5; second++) {
    after.push((await run({ ...requests.flood, connections: 20, duration: 1 })).okPercent);
  }
  return {
    ...labels,
    'flood clients': flooding.clients,
    'flood req/s offered': flooding.rate || 'as answered',
    'play granted %': play.okPercent,
    'play p50 ms': play.result.latency.p50,
    'play p99 ms': play.result.latency.p99,
    'flood req/s': Math.round(flood.result.requests.average),
    'flood ok %': flood.okPercent,
    'flood 503 %': flood.shedPercent,
    'flood timeouts': flood.result.timeouts,
    'flood ok % by second after': after.join(' / '),
  };
}
