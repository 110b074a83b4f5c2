/**
 * The stack of `npm start` built in this process: the real gateway (createGatewayServer) and the real
 * subgraph servers, each on a free port, seeded from a test dataset, with development keys of their
 * own. The gateway reaches its replicas through a {@link FaultyNetwork}, so a test can make any of
 * them hang, refuse, slow down or fail at once instead of stopping processes. Starts in about a
 * second; the end-to-end suites keep what only real processes can show. Runs the five subgraphs of
 * the supergraph by name: a new subgraph is added here too.
 */
import type { DecisionStore } from '@platform/decisions/record';
import { DecisionRecorder } from '../../gateway/src/decisions/recorder';
import { developmentGatewayDependencies } from '@testing/developmentGateway';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GatewayDependencies } from '../../gateway/src/gatewayDependencies';
import { createGatewayServer, type GatewayServer } from '../../gateway/src/server';
import {
  DEFAULT_RESILIENCE,
  type ReplicaFetch,
  type ResilienceSettings,
} from '../../gateway/src/resilience/replicaPool';
import { createCatalogServer } from '../../subgraphs/catalog/src/server';
import { MemoryTitleRepository } from '../../subgraphs/catalog/src/data/memoryTitleRepository';
import { createEntitlementsServer } from '../../subgraphs/entitlements/src/server';
import { MemoryEntitlementRepository } from '../../subgraphs/entitlements/src/data/memoryEntitlementRepository';
import { createPlaybackServer } from '../../subgraphs/playback/src/server';
import { MemoryCdnRepository } from '../../subgraphs/playback/src/data/memoryCdnRepository';
import { MemoryHistoryRepository } from '../../subgraphs/playback/src/data/memoryHistoryRepository';
import { StaticFlagSource } from '../../subgraphs/playback/src/data/staticFlagSource';
import { WatchHistory } from '../../subgraphs/playback/src/history/watchHistory';
import { createProfilesServer } from '../../subgraphs/profiles/src/server';
import { MemoryProfileRepository } from '../../subgraphs/profiles/src/data/memoryProfileRepository';
import { createUsageServer } from '../../subgraphs/usage/src/server';
import { FileFieldUsageStore } from '@platform/fieldUsage/fileStore';
import type { Role } from '@contracts/roles';
import { issueDevelopmentToken } from '@platform/identity';
import { GatewayCredentialVerifier } from '@contracts/gatewayCredential';
import { loadSubgraphKeys } from '@platform/keys/gatewaySecret';
import { loadSigningKey, loadVerificationKeys } from '@platform/keys/keyring';
import { createLogger } from '@platform/log';
import type { SubgraphServer } from '@platform/subgraph/server';
import { createPooledFetch } from '../../gateway/src/resilience/pooledFetch';
import { FaultyNetwork } from './faultyNetwork';
import type { Seed } from './seed';
import type { GraphQLResponse } from './stack';

/** The subgraphs this stack runs; playback twice, as the real stack does. */
export type InProcessSubgraph = 'profiles' | 'entitlements' | 'catalog' | 'playback' | 'usage';

export interface InProcessStackOptions {
  /** Deadlines, retries and breakers of every subgraph. Defaults to the gateway's defaults. */
  resilience?: ResilienceSettings;
  /**
   * What the faulty network sends through when no fault applies. Defaults to the gateway's own
   * client (undici's pooled `request`), on an agent of this stack's, closed when it stops.
   */
  send?: ReplicaFetch;
  /** The gateway's HTTP limits (trusted proxies, timeouts). Defaults to the gateway's, loopback trusted. */
  http?: GatewayDependencies['http'];
  /**
   * The gateway's cache of PUBLIC entities and shared in-flight fetches. Defaults to false: the
   * fallback suites need every play to reach the subgraph they fail.
   */
  entityCache?: boolean;
  /** Per-account and per-address rate limits. Defaults to none. */
  rateLimiter?: GatewayDependencies['rateLimiter'];
  /**
   * Where the gateway records decisions (written every `decisionFlushMs`, 50 unless told) and the
   * usage subgraph reads them. Defaults to none: nothing is recorded.
   */
  decisions?: DecisionStore;
  decisionFlushMs?: number;
  /** Whether plays are recorded now (DecisionRecorderSettings.recording); always by default. */
  decisionRecording?: () => boolean;
}

export interface InProcessStack {
  gatewayUrl: string;
  /** The gateway's admin listener (`/metrics`). */
  adminUrl: string;
  /** Every replica's URL, as the gateway knows it, by subgraph: two for playback, one for the others. */
  replicas: Record<InProcessSubgraph, string[]>;
  /** Between the gateway and every replica: inject faults here. */
  network: FaultyNetwork;
  /** A development token: a viewer's for an account, or for a subject with `roles` (an analyst). */
  tokenFor(accountId: string, roles?: readonly Role[]): Promise<string>;
  /** POSTs a GraphQL body to the gateway. */
  graphql(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: GraphQLResponse; headers: Headers }>;
  /** Writes the decisions the gateway holds now, as its timer would (a no-op without `decisions`). */
  flushDecisions(): Promise<void>;
  stop(): Promise<void>;
}

export async function startInProcessStack(
  /** A test's seed, or any dataset (`{ build: () => dataset }`). */
  seed: Pick<Seed, 'build'>,
  options: InProcessStackOptions = {},
): Promise<InProcessStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'in-process-stack-'));
  const keysDir = path.join(dir, 'keys');
  const keys = { kind: 'development', dir: keysDir } as const;
  const logger = createLogger('test', 'silent');
  const verifier = async (subgraph: InProcessSubgraph) =>
    new GatewayCredentialVerifier(subgraph, await loadSubgraphKeys(subgraph, keys));
  const dataset = seed.build();
  // One store behind both playback replicas, as the embedded file store is in the real stack.
  const historyStore = new MemoryHistoryRepository();
  const histories: WatchHistory[] = [];
  const playback = async (replica: number): Promise<SubgraphServer> => {
    const history = await WatchHistory.open(
      path.join(dir, `playback-${replica}.jsonl`),
      historyStore,
      logger,
    );
    histories.push(history);
    return createPlaybackServer({
      cdnRepository: new MemoryCdnRepository(dataset.cdns),
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
    });
  };
  const servers: Record<InProcessSubgraph, SubgraphServer[]> = {
    profiles: [
      createProfilesServer({
        repository: MemoryProfileRepository.fromDataset(dataset),
        credentialVerifier: await verifier('profiles'),
        logger,
        production: false,
      }),
    ],
    entitlements: [
      createEntitlementsServer({
        repository: MemoryEntitlementRepository.fromDataset(dataset),
        grantKey: await loadSigningKey('grant', keys),
        grantTtlSeconds: 900,
        credentialVerifier: await verifier('entitlements'),
        logger,
        production: false,
      }),
    ],
    catalog: [
      createCatalogServer({
        titles: new MemoryTitleRepository(dataset.titles),
        credentialVerifier: await verifier('catalog'),
        logger,
        production: false,
      }),
    ],
    playback: [await playback(1), await playback(2)],
    // Field usage in a directory of the stack's own, as `npm start` keeps it in `.usage/`.
    usage: [
      createUsageServer({
        store: new FileFieldUsageStore(path.join(dir, 'usage')),
        ...(options.decisions && { decisions: options.decisions }),
        credentialVerifier: await verifier('usage'),
        logger,
        production: false,
      }),
    ],
  };
  const running = Object.values(servers).flat();
  const replicas = Object.fromEntries(
    await Promise.all(
      Object.entries(servers).map(async ([name, replicaServers]) => [
        name,
        await Promise.all(
          replicaServers.map(async (server) => `http://127.0.0.1:${await server.start(0)}/graphql`),
        ),
      ]),
    ),
  ) as Record<InProcessSubgraph, string[]>;

  const client = options.send ? undefined : createPooledFetch();
  const network = new FaultyNetwork(options.send ?? client);
  const resilience = options.resilience ?? DEFAULT_RESILIENCE;
  const identityKey = await loadSigningKey('identity', keys);
  const recorder =
    options.decisions &&
    new DecisionRecorder({
      store: options.decisions,
      flushMs: options.decisionFlushMs ?? 50,
      retentionDays: 30,
      logger,
      recording: options.decisionRecording,
    });
  const gateway: GatewayServer = createGatewayServer({
    subgraphUrls: replicas,
    resilience: {
      profiles: resilience,
      entitlements: resilience,
      catalog: resilience,
      playback: resilience,
      usage: resilience,
    },
    fetch: network.fetch,
    ...(await developmentGatewayDependencies(keys)),
    logger: createLogger('gateway', 'silent'),
    http: options.http,
    entityCache: options.entityCache ?? false,
    rateLimiter: options.rateLimiter,
    ...(recorder && { decisions: recorder }),
  });
  const gatewayUrl = `http://127.0.0.1:${await gateway.start(0)}`;

  return {
    gatewayUrl,
    adminUrl: `http://127.0.0.1:${gateway.adminPort}`,
    replicas,
    network,
    tokenFor: (accountId, roles) => issueDevelopmentToken(identityKey, accountId, { roles }),
    async graphql(body, headers = {}) {
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return {
        status: response.status,
        json: (await response.json()) as GraphQLResponse,
        headers: response.headers,
      };
    },
    flushDecisions: async () => recorder?.flush(),
    async stop() {
      await gateway.stop();
      await client?.close();
      await Promise.all(running.map((server) => server.stop()));
      await Promise.all(histories.map((history) => history.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
