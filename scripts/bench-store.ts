/**
 * `npm run bench:store`: what MongoDB costs `play`, printed as tables. Needs `MONGODB_URI`.
 *
 *  1. Round trips: the subgraphs and the gateway in this process, every subgraph on one MongoDB
 *     client with command monitoring (but `usage`, which `play` never asks), the production caches
 *     in front (fresh 60 s, entitlements 10 s).
 *     Counts the commands one `play` sends: with every cache cold, again right after (warm), and for
 *     a second title of the same account (its profile and CDNs cached, its title and rights not).
 *  2. Latency: the real stack (`npm start`'s processes) on the embedded store, then on MongoDB seeded
 *     with the demo dataset: `play` p50/p99 at 1 and 20 concurrent clients.
 *
 * Numbers go into docs/mongodb.md and docs/watch-history.md by hand, with the machine they came from.
 * Options: --seconds N (per latency run, default 10)
 */
import { developmentGatewayDependencies } from '@testing/developmentGateway';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { CommandStartedEvent } from 'mongodb';
import { issueDevelopmentToken } from '@platform/identity';
import { loadDataset } from '@platform/dataset/load';
import { generateDevelopmentKeys } from '@platform/keys/development';
import { loadSigningKey, loadVerificationKeys, type KeySource } from '@platform/keys/keyring';
import { subgraphCallers } from '@platform/subgraph/credential';
import { createLogger } from '@platform/log';
import { openMongoStore, withDatabase, type MongoStore } from '@platform/mongo/client';
import { cachePolicy } from '@platform/mongo/env';
import { seedDatabase } from '@platform/mongo/seed';
import { subgraphs as declaredSubgraphs } from '@platform/registry';
import { startStack, isolatedStackEnv } from '@platform/stack';
import { DEFAULT_RESILIENCE } from '../gateway/src/resilience/replicaPool';
import { createGatewayServer } from '../gateway/src/server';
import { CachedTitleRepository } from '../subgraphs/catalog/src/data/cachedTitleRepository';
import { MongoTitleRepository } from '../subgraphs/catalog/src/data/mongoTitleRepository';
import { createCatalogServer } from '../subgraphs/catalog/src/server';
import { CachedEntitlementRepository } from '../subgraphs/entitlements/src/data/cachedEntitlementRepository';
import { MongoEntitlementRepository } from '../subgraphs/entitlements/src/data/mongoEntitlementRepository';
import { createEntitlementsServer } from '../subgraphs/entitlements/src/server';
import { CachedCdnRepository } from '../subgraphs/playback/src/data/cachedCdnRepository';
import { CachedHistoryRepository } from '../subgraphs/playback/src/data/cachedHistoryRepository';
import { MongoCdnRepository } from '../subgraphs/playback/src/data/mongoCdnRepository';
import { MongoHistoryRepository } from '../subgraphs/playback/src/data/mongoHistoryRepository';
import { StaticFlagSource } from '../subgraphs/playback/src/data/staticFlagSource';
import { WatchHistory } from '../subgraphs/playback/src/history/watchHistory';
import { createPlaybackServer } from '../subgraphs/playback/src/server';
import { CachedProfileRepository } from '../subgraphs/profiles/src/data/cachedProfileRepository';
import { MongoProfileRepository } from '../subgraphs/profiles/src/data/mongoProfileRepository';
import { createProfilesServer } from '../subgraphs/profiles/src/server';
import { createUsageServer } from '../subgraphs/usage/src/server';
import { TV } from './benchTraffic';

const PLAY = `query Play($input: PlayInput!) { play(input: $input) { id
  decision { allowed reason message prompt { action offers { type tier priceCents currency rentalHours } } }
  manifest { jws keyId expiresAt } title { id name } } }`;
const playBody = (titleId: string) =>
  JSON.stringify({
    query: PLAY,
    variables: {
      input: {
        titleId,
        profileId: 'p-premium-adult',
        device: TV,
        network: { type: 'WIFI', downlinkKbps: 12000 },
      },
    },
  });

const index = process.argv.indexOf('--seconds');
const seconds = Number(index >= 0 ? process.argv[index + 1] : '10');
/** Connection handshakes and heartbeats: not round trips a request waits for. */
const HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'buildInfo']);

async function roundTrips(baseUri: string, dir: string) {
  const uri = withDatabase(baseUri, `bench_store_${Date.now()}`);
  const store: MongoStore = openMongoStore(uri, { appName: 'bench-store', monitorCommands: true });
  const commands: CommandStartedEvent[] = [];
  store.client.on('commandStarted', (event) => {
    if (!HOUSEKEEPING.has(event.commandName)) commands.push(event);
  });
  await seedDatabase(store.db, loadDataset());
  const keys: KeySource = { kind: 'development', dir };
  const logger = createLogger('bench-store', 'error');
  const verifier = (subgraph: string) =>
    subgraphCallers(subgraph, { NODE_ENV: 'development', KEYS_DIR: dir });
  const reference = cachePolicy(60, 86_400, 2_000);
  const history = await WatchHistory.open(
    path.join(dir, 'journal.jsonl'),
    new CachedHistoryRepository(new MongoHistoryRepository(store), cachePolicy(5, 86_400, 2_000)),
    logger,
  );
  const subgraphs = {
    profiles: createProfilesServer({
      repository: new CachedProfileRepository(new MongoProfileRepository(store), reference),
      credentialVerifier: await verifier('profiles'),
      logger,
      production: false,
    }),
    entitlements: createEntitlementsServer({
      repository: new CachedEntitlementRepository(
        new MongoEntitlementRepository(store),
        cachePolicy(10, 300, 2_000),
      ),
      grantKey: await loadSigningKey('grant', keys),
      grantTtlSeconds: 900,
      credentialVerifier: await verifier('entitlements'),
      logger,
      production: false,
    }),
    catalog: createCatalogServer({
      titles: new CachedTitleRepository(new MongoTitleRepository(store), reference),
      credentialVerifier: await verifier('catalog'),
      logger,
      production: false,
    }),
    playback: createPlaybackServer({
      cdnRepository: new CachedCdnRepository(new MongoCdnRepository(store), reference),
      flags: new StaticFlagSource(),
      manifestKey: await loadSigningKey('manifest', keys),
      edgeKey: await loadSigningKey('edge', keys),
      grantKeys: await loadVerificationKeys('grant', keys),
      manifestKeys: await loadVerificationKeys('manifest', keys),
      history,
      issuer: 'urn:streaming:playback',
      licenseBaseUrl: 'https://license.example.net/v1',
      credentialVerifier: await verifier('playback'),
      logger,
      production: false,
    }),
    // Field usage off: no `play` reads it, so it has nothing to count here.
    usage: createUsageServer({
      store: null,
      credentialVerifier: await verifier('usage'),
      logger,
      production: false,
    }),
  };
  // Each server is built by hand above (their repositories differ); a subgraph added to the registry
  // and not built here would make every play fail later, so say so now.
  const declared = declaredSubgraphs();
  const unbuilt = declared.filter(({ name }) => !(name in subgraphs)).map(({ name }) => name);
  if (unbuilt.length > 0) throw new Error(`bench-store builds no server for ${unbuilt.join(', ')}`);
  const urls: Record<string, string[]> = {};
  for (const [name, server] of Object.entries(subgraphs)) {
    urls[name] = [`http://127.0.0.1:${await server.start(0, '127.0.0.1')}/graphql`];
  }
  const gateway = createGatewayServer({
    subgraphUrls: urls,
    resilience: Object.fromEntries(declared.map(({ name }) => [name, DEFAULT_RESILIENCE])),
    playPath: declared.filter((entry) => entry.playPath).map((entry) => entry.name),
    ...(await developmentGatewayDependencies(keys)),
    logger,
  });
  const port = await gateway.start(0, '127.0.0.1');
  const token = await issueDevelopmentToken(await loadSigningKey('identity', keys), 'u-premium');
  const rows: { play: string; 'round trips': number; commands: string }[] = [];
  const measure = async (label: string, titleId: string) => {
    commands.splice(0);
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-country': 'US' },
      body: playBody(titleId),
    });
    const text = await response.text();
    if (!text.includes('"reason":"GRANTED"')) throw new Error(`play was not granted: ${text}`);
    // Let background refreshes (stale-while-revalidate) land in this row, not the next.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const byCollection = commands.map(
      (event) => `${event.commandName} ${String(event.command[event.commandName])}`,
    );
    rows.push({ play: label, 'round trips': commands.length, commands: byCollection.join(', ') });
  };
  try {
    await measure('cold caches (t-premium-4k)', 't-premium-4k');
    await measure('warm, same request again', 't-premium-4k');
    await measure('another title, same account (t-basic-drama)', 't-basic-drama');
  } finally {
    await gateway.stop();
    for (const server of Object.values(subgraphs)) await server.stop();
    await history.close();
    await store.db.dropDatabase();
    await store.close();
  }
  return rows;
}

async function latency(store: 'embedded' | 'MongoDB', baseUri: string, dir: string) {
  const env = await isolatedStackEnv(
    { ...process.env, LOG_LEVEL: 'error', NODE_ENV: 'development', RATE_LIMITS: 'off' },
    dir,
  );
  delete env.MONGODB_URI;
  let seeded: MongoStore | null = null;
  if (store === 'MongoDB') {
    env.MONGODB_URI = withDatabase(baseUri, `bench_latency_${Date.now()}`);
    seeded = openMongoStore(env.MONGODB_URI, { timeoutMs: 10_000 });
    await seedDatabase(seeded.db, loadDataset());
  }
  env.JOURNAL_DIR = path.join(dir, `journal-${store}`);
  const stack = await startStack({
    env,
    onLine: (service, line) => process.stderr.write(`[${service}] ${line}\n`),
  });
  try {
    const token = await issueDevelopmentToken(
      await loadSigningKey('identity', { kind: 'development', dir }),
      'u-premium',
    );
    const request: autocannon.Options = {
      url: `${stack.gatewayUrl}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-country': 'US' },
      body: playBody('t-premium-4k'),
    };
    await autocannon({ ...request, connections: 4, duration: 3 });
    const rows = [];
    for (const connections of [1, 20]) {
      const result = await autocannon({ ...request, connections, duration: seconds });
      rows.push({
        store,
        clients: connections,
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'req/s': Math.round(result.requests.average),
        errors: result.errors + result.non2xx,
      });
    }
    return rows;
  } finally {
    await stack.stop();
    await seeded?.db.dropDatabase();
    await seeded?.close();
  }
}

async function main() {
  const baseUri = process.env.MONGODB_URI;
  if (!baseUri) {
    console.error('MONGODB_URI is not set: this benchmark compares the embedded store with MongoDB.');
    process.exit(2);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
  await generateDevelopmentKeys(dir);
  try {
    console.log(`MongoDB: ${baseUri}; ${os.cpus().length} cores`);
    console.log('database round trips per play (all subgraphs on one monitored client):');
    console.table(await roundTrips(baseUri, dir));
    const rows = [...(await latency('embedded', baseUri, dir)), ...(await latency('MongoDB', baseUri, dir))];
    console.log(`play p50/p99 (u-premium, t-premium-4k: granted), ${seconds} s per run, demo dataset:`);
    console.table(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
