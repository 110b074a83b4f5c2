/**
 * `npm run bench`: `play` latency and throughput on this machine, printed as tables.
 *
 * For each subgraph client (the gateway's resilient one, then a plain RemoteGraphQLDataSource as the
 * baseline) it starts the stack on free ports (demo dataset, fresh development keys) and measures:
 *  1. healthy: `play` at 1 and at 20 concurrent clients (the fallback machinery's overhead when
 *     nothing fails is the difference between the two clients here);
 *  2. hung: the same traffic while the catalog subgraph is frozen with SIGSTOP: success rate
 *     (granted with a manifest) and latency.
 * Numbers go into docs/benchmarks.md by hand, with the machine they came from.
 *
 * Options: --seconds N (per run, default 10), --connections 1,20, --hung catalog
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { print } from 'graphql';
import { PlayDocument } from '../clients/__generated__/operations';
import { issueDevelopmentToken } from '@platform/identity';
import { loadSigningKey } from '@platform/keys/keyring';
import { subgraphs } from '@platform/registry';
import { stackServices, startStack, isolatedStackEnv } from '@platform/stack';

const PLAY = print(PlayDocument);

const TV = {
  id: 'bench-tv',
  type: 'TV',
  codecs: ['H264', 'HEVC'],
  maxHeight: 2160,
  hdr: ['HDR10'],
  drm: ['WIDEVINE'],
};

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

const seconds = Number(option('seconds', '10'));
const connectionCounts = option('connections', '1,20').split(',').map(Number);
const hung = option('hung', 'catalog');

interface Row {
  client: string;
  scenario: string;
  clients: number;
  'success %': number;
  'p50 ms': number;
  'p99 ms': number;
  'req/s': number;
  requests: number;
  timeouts: number;
}

async function measure(
  client: string,
  scenario: string,
  request: autocannon.Options,
  connections: number,
): Promise<Row> {
  let granted = 0;
  let answered = 0;
  const result = await autocannon({
    ...request,
    connections,
    duration: seconds,
    timeout: 5,
    requests: [
      {
        onResponse: (_status: number, body: string) => {
          answered++;
          if (body.includes('"reason":"GRANTED"') && body.includes('"jws":"')) granted++;
        },
      },
    ],
  } as autocannon.Options);
  const attempted = answered + result.timeouts;
  return {
    client,
    scenario,
    clients: connections,
    'success %': attempted ? Number(((100 * granted) / attempted).toFixed(1)) : 0,
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'req/s': Math.round(result.requests.average),
    requests: attempted,
    timeouts: result.timeouts,
  };
}

async function benchClient(client: 'resilient' | 'plain'): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const env = await isolatedStackEnv(
    // One account sends every request: rate limits would measure themselves.
    {
      ...process.env,
      LOG_LEVEL: 'error',
      NODE_ENV: 'development',
      SUBGRAPH_CLIENT: client,
      RATE_LIMITS: 'off',
    },
    dir,
  );
  // The same topology for both clients: the plain client talks to one replica of each subgraph
  // only, so the resilient one does too, and the difference is the machinery alone.
  for (const { env: names } of subgraphs()) env[names.url] = `http://127.0.0.1:${env[names.port]}/graphql`;
  const stack = await startStack({
    env,
    onLine: (service, line) => process.stderr.write(`[${service}] ${line}\n`),
  });
  console.log(
    `${client}: stack ready in ${(stack.readyAfterMs / 1000).toFixed(2)} s (${stackServices().length} processes, ${os.cpus().length} cores)`,
  );
  try {
    const token = await issueDevelopmentToken(
      await loadSigningKey('identity', { kind: 'development', dir }),
      'u-premium',
    );
    const request: autocannon.Options = {
      url: `${stack.gatewayUrl}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-country': 'US' },
      body: JSON.stringify({
        query: PLAY,
        variables: {
          input: {
            titleId: 't-premium-4k',
            profileId: 'p-premium-adult',
            device: TV,
            network: { type: 'WIFI', downlinkKbps: 12000 },
          },
        },
      }),
    };
    const check = await fetch(request.url, request as RequestInit);
    if (!(await check.text()).includes('"reason":"GRANTED"')) throw new Error('warm-up play was not granted');
    // Warm-up: JIT, keep-alive pools and last good values, so the runs measure the steady state.
    await autocannon({ ...request, connections: 4, duration: 3 });

    const rows: Row[] = [];
    for (const connections of connectionCounts)
      rows.push(await measure(client, 'healthy', request, connections));
    stack.process(hung).kill('SIGSTOP');
    try {
      rows.push(await measure(client, `${hung} hung`, request, Math.max(...connectionCounts)));
    } finally {
      stack.process(hung).kill('SIGCONT');
    }
    return rows;
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const rows = [...(await benchClient('resilient')), ...(await benchClient('plain'))];
  console.log(`play (u-premium, t-premium-4k: granted, manifest signed), ${seconds} s per run:`);
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
