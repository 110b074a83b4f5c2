import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { GatewayCredentialIssuer } from '@contracts/gatewayCredential';
import { createHttpServer, sendJson, type DrainOptions } from '@platform/http';
import type { SigningKey, VerificationKeys } from '@platform/keys/keyring';
import type { Logger } from '@platform/log';
import { ServerLifecycle } from '@platform/serverLifecycle';
import { SUPERGRAPH_PATH, type SubgraphName } from '@platform/composition';
import { authenticate } from './authenticate';
import type { GatewayContext } from './context';
import { newFallbackState } from './fallback/degraded';
import { FallbackEngine } from './fallback/engine';
import { degradedReportPlugin } from './fallback/plugin';
import { FallbackPolicies } from './fallback/policies';
import type { StaleStore } from './fallback/staleStore';
import { createMetrics } from './metrics';
import { Readiness } from './readiness';
import { ReplicaPool, type ReplicaFetch, type ResilienceSettings } from './resilience/replicaPool';
import { ResilientDataSource } from './resilientDataSource';
import { SubgraphDataSource } from './subgraphDataSource';

export interface GatewayDependencies {
  /** Every replica of every subgraph. */
  subgraphUrls: Record<SubgraphName, string[]>;
  /** Deadlines, retries and circuit breakers per subgraph. */
  resilience: Record<SubgraphName, ResilienceSettings>;
  /** How the resilient client reaches a replica. Defaults to the global `fetch`; tests inject faults. */
  fetch?: ReplicaFetch;
  /**
   * The subgraphs a `play` needs (`playPath` in their `subgraph.json`): only they hold up readiness.
   * Defaults to every subgraph of `subgraphUrls`.
   */
  playPath?: readonly SubgraphName[];
  /**
   * `resilient` (the default): deadlines, breakers, failover and per-field fallbacks. `plain`: a
   * bare RemoteGraphQLDataSource to the first replica, the baseline benchmarks compare against.
   */
  subgraphClient: 'resilient' | 'plain';
  /** Last good values for fallbacks: in process, or shared through Redis. */
  staleStore: StaleStore;
  /** Verifies a bearer token and returns its account id. */
  verifyToken: (token: string) => Promise<string>;
  /** Signs the credential subgraphs require. */
  gatewayKey: SigningKey;
  /** Published at `/.well-known/jwks.json` so players can verify manifests. */
  manifestKeys: VerificationKeys;
  logger: Logger;
  production: boolean;
  /** Defaults to the checked-in `schema/supergraph.graphql`; the gateway never introspects. */
  supergraphSdl?: string;
}

export interface GatewayServer {
  readonly http: http.Server;
  start(port: number, host?: string): Promise<number>;
  /**
   * Answers `/health/ready` 503 at once, lets in-flight requests finish within the grace, then stops
   * Apollo and the gateway (see {@link ServerLifecycle.stop}).
   */
  stop(options?: DrainOptions): Promise<void>;
}

/** Builds the gateway; `index.ts` starts it. */
export function createGatewayServer(deps: GatewayDependencies): GatewayServer {
  const supergraphSdl = deps.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  const credentials = new GatewayCredentialIssuer(deps.gatewayKey);
  const metrics = createMetrics();
  const fallbacks = new FallbackEngine(
    FallbackPolicies.fromSupergraph(supergraphSdl),
    deps.staleStore,
    (subgraph, used) => metrics.fallbacks.inc({ subgraph, fallback: used }),
  );
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: deps.logger,
    buildService: ({ name }) => {
      const subgraph: SubgraphName = name;
      const urls = deps.subgraphUrls[subgraph];
      // The supergraph names a subgraph the registry does not know: a stale supergraph or a bad URL map.
      if (!urls)
        throw new Error(`No URL for subgraph ${subgraph}: is it in subgraphs/${subgraph}/subgraph.json?`);
      if (deps.subgraphClient === 'plain') return new SubgraphDataSource(urls[0]!, credentials);
      const pool = new ReplicaPool(
        subgraph,
        urls,
        deps.resilience[subgraph],
        {
          onAttemptFailed: (_replica, reason) => metrics.fetchFailures.inc({ subgraph, reason }),
          onCircuitState: (replica, state) => {
            metrics.circuitState.set(
              { subgraph, replica },
              state === 'closed' ? 0 : state === 'open' ? 1 : 2,
            );
            deps.logger.warn('circuit state changed', { subgraph, replica, state });
          },
        },
        deps.fetch,
      );
      for (const url of urls) metrics.circuitState.set({ subgraph, replica: url }, 0);
      return new ResilientDataSource(subgraph, pool, credentials, fallbacks, metrics, deps.logger);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: deps.logger,
    includeStacktraceInErrorResponses: !deps.production,
    plugins: [degradedReportPlugin(deps.logger)],
    // runService owns the signals: Apollo's handlers would stop it mid-drain and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  const readiness = new Readiness(deps.subgraphUrls, deps.playPath ?? Object.keys(deps.subgraphUrls));
  const httpServer = createHttpServer<GatewayContext>({
    graphql: {
      server: apollo,
      context: async (request) => ({
        caller: await authenticate(request, deps.verifyToken),
        fallback: newFallbackState(),
      }),
    },
    routes: {
      '/health/live': (_request, response) => sendJson(response, 200, { status: 'live' }),
      '/health/ready': async (_request, response) => {
        // Not ready the moment a drain starts, whatever the subgraphs say (checked again after the
        // await, so a drain that started meanwhile wins).
        const checked =
          lifecycle.readiness === 'ready' ? await readiness.check() : { ready: false, subgraphs: {} };
        const { subgraphs } = checked;
        const ready = checked.ready && lifecycle.readiness === 'ready';
        sendJson(response, ready ? 200 : 503, {
          status: ready ? 'ready' : lifecycle.readiness === 'stopping' ? 'stopping' : 'not ready',
          subgraphs,
        });
      },
      '/.well-known/jwks.json': (_request, response) =>
        sendJson(response, 200, deps.manifestKeys.jwks, { 'cache-control': 'public, max-age=300' }),
      '/metrics': async (_request, response) => {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(await metrics.registry.metrics());
      },
    },
  });
  const lifecycle = new ServerLifecycle(httpServer, apollo, deps.logger);
  return {
    http: httpServer,
    async start(port, host) {
      const bound = await lifecycle.start(port, host);
      deps.logger.info('gateway listening', { port: bound, subgraphClient: deps.subgraphClient });
      return bound;
    },
    stop: (drain) => lifecycle.stop(drain),
  };
}
