/**
 * `npm run bench`: starts the stack on free ports (demo dataset, fresh development keys), then
 * measures `play` latency and throughput with autocannon at 1 and at 20 concurrent clients.
 * Prints a table; numbers go into docs/benchmarks.md by hand, with the machine they came from.
 *
 * Options: --seconds N (per run, default 15), --connections 1,20
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { issueDevelopmentToken } from '../lib/auth/identity';
import { KEY_PURPOSES, loadSigningKey } from '../lib/keys/keyring';
import { freePort, SERVICES, startStack } from '../lib/stack/stack';

const PLAY = `query Play($input: PlayInput!) { play(input: $input) { id
  decision { allowed reason message prompt { action offers { type tier priceCents currency rentalHours } } }
  manifest { jws keyId expiresAt } title { id name } } }`;

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

async function main() {
  const seconds = Number(option('seconds', '15'));
  const connectionCounts = option('connections', '1,20').split(',').map(Number);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEYS_DIR: dir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  for (const service of SERVICES) env[service.portVar] = String(await freePort());
  for (const purpose of KEY_PURPOSES) await loadSigningKey(purpose, { kind: 'development', dir });
  const stack = await startStack({
    env,
    onLine: (service, line) => process.stderr.write(`[${service}] ${line}\n`),
  });
  console.log(
    `stack ready in ${(stack.readyAfterMs / 1000).toFixed(2)} s (5 processes, ${os.cpus().length} cores)`,
  );
  try {
    const token = await issueDevelopmentToken(
      await loadSigningKey('identity', { kind: 'development', dir }),
      'u-premium',
    );
    const body = JSON.stringify({
      query: PLAY,
      variables: {
        input: {
          titleId: 't-premium-4k',
          profileId: 'p-premium-adult',
          device: TV,
          network: { type: 'WIFI', downlinkKbps: 12000 },
        },
      },
    });
    const request = {
      url: `${stack.gatewayUrl}/graphql`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-country': 'US' },
      body,
    };
    const check = await fetch(request.url, request);
    const answer = (await check.json()) as { data?: { play?: { decision?: { reason?: string } } } };
    if (answer.data?.play?.decision?.reason !== 'GRANTED')
      throw new Error(`warm-up play was not granted: ${JSON.stringify(answer)}`);
    // Warm-up: JIT, keep-alive pools and caches, so the runs measure the steady state.
    await autocannon({ ...request, connections: 4, duration: 3 });

    const rows = [];
    for (const connections of connectionCounts) {
      const result = await autocannon({ ...request, connections, duration: seconds });
      rows.push({
        clients: connections,
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'mean ms': Number(result.latency.average.toFixed(2)),
        'req/s': Math.round(result.requests.average),
        requests: result.requests.total,
        'non-2xx': result.non2xx,
        errors: result.errors,
      });
    }
    console.log(`play (granted, manifest signed) for ${seconds} s per run:`);
    console.table(rows);
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
