import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { prettyFormatQueryPlan } from '@apollo/query-planner';
import type { Redis } from 'ioredis';
import { GatewayCredentialIssuer } from '@contracts/gatewayCredential';
import type { DrainOptions } from '@platform/httpRequests';
import type { Identity } from '@platform/identity';
import type { CredentialKey } from '@platform/keys/gatewaySecret';
import type { VerificationKeys } from '@platform/keys/keyring';
import type { Logger } from '@platform/log';
import { apolloStaysLocal } from '@platform/apolloStaysLocal';
import { ServerLifecycle } from '@platform/serverLifecycle';
import { SUPERGRAPH_PATH, type SubgraphName } from '@platform/composition';
import { accessPlugin } from './access/accessPlugin';
import { AccessRules } from './access/accessRules';
import { createAdminServer } from './admin/adminServer';
import { debugPlugin } from './debug/debugPlugin';
import type { GatewayContext } from './request/context';
import { createTrustedDocuments } from './documents/trustedDocuments';
import { createLegacyApi } from './legacy/routes';
import { DEFAULT_LEGACY_API_SETTINGS, type LegacyApiSettings } from './legacy/settings';
import type { TrustedDocumentsMode } from './documents/settings';
import { CachePolicies } from './entityCache/cachePolicy';
import { EntityCache } from './entityCache/entityCache';
import { FallbackEngine } from './fallback/engine';
import { degradedReportPlugin } from './fallback/plugin';
import { FallbackPolicies } from './fallback/policies';
import type { StaleStore } from './fallback/staleStore';
import { operationMistakesPlugin } from './http/operationMistakes';
import { createPublicApp } from './http/publicApp';
import { DEFAULT_HTTP_LIMITS, type HttpLimitSettings } from './http/settings';
import { operationLimits } from './operationLimits/operationLimits';
import type { OperationLimitSettings } from './operationLimits/settings';
import { createMetrics } from './metrics/gatewayMetrics';
import { createAddressGate } from './rateLimits/addressGate';
import type { RateLimiter } from './rateLimits/limiter';
import { rateLimitPlugin } from './rateLimits/plugin';
import { createAccountGate } from './rateLimits/trustedDocumentCharges';
import { Readiness } from './readiness';
import type { ReplicaFetch, ResilienceSettings } from './resilience/replicaPool';
import { subgraphClient } from './subgraphClient';
import { createApolloGateway, type ApolloTelemetryChoice } from './supergraph/apolloGateway';
import { supergraphSource, type SupergraphOrigin } from './supergraph/origin';

export interface GatewayDependencies extends ApolloTelemetryChoice {
  /** Every replica of every subgraph. */
  subgraphUrls: Record<SubgraphName, string[]>;
  /** Deadlines, retries and circuit breakers per subgraph. */
  resilience: Record<SubgraphName, ResilienceSettings>;
  /** How the resilient client reaches a replica. Defaults to undici's keep-alive pool; tests inject faults. */
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
  /**
   * Shares the cache of PUBLIC entities (gateway/src/entityCache/) between gateway replicas. None:
   * each replica caches in process only.
   */
  entityCacheRedis?: Redis;
  /**
   * Whether the gateway caches PUBLIC entities and shares identical fetches in flight. Defaults to
   * true; the fallback matrix turns it off, so that a failing subgraph is asked every time.
   */
  entityCache?: boolean;
  /** Last good values for fallbacks: in process, or shared through Redis. */
  staleStore: StaleStore;
  /** Verifies a bearer token and returns whom it speaks for (account and roles). */
  verifyToken: (token: string) => Promise<Identity>;
  /** The secret the key of each subgraph's credential is derived from. */
  gatewaySecret: CredentialKey;
  /** Published at `/.well-known/jwks.json` so players can verify manifests. */
  manifestKeys: VerificationKeys;
  logger: Logger;
  production: boolean;
  /** A supergraph that never changes (tests). Overrides `supergraph`. */
  supergraphSdl?: string;
  /**
   * Where the supergraph comes from and how changes are seen (gateway/src/supergraph/). Defaults to
   * the checked-in `schema/supergraph.graphql`, watched. The gateway never introspects.
   */
  supergraph?: SupergraphOrigin;
  /** Connections, timeouts, JSON nesting, trusted proxies. Defaults to {@link DEFAULT_HTTP_LIMITS}. */
  http?: Partial<HttpLimitSettings>;
  /** Operation size and cost limits. Defaults to `DEFAULT_OPERATION_LIMITS` (operationLimits/settings.ts). */
  limits?: Partial<OperationLimitSettings>;
  /** Where `/metrics` is served. Defaults to a free port on 127.0.0.1 (`{ port: 0 }`). */
  admin?: { port: number; host: string };
  /**
   * `enforce`: devices run only the trusted documents of `clients/__generated__/persisted-documents.json`.
   * Defaults to `enforce` in production and `allow` elsewhere.
   */
  trustedDocuments?: TrustedDocumentsMode;
  /** Per-account and per-address rate limits (gateway/src/rateLimits/). None when absent. */
  rateLimiter?: RateLimiter;
  /**
   * The legacy REST API (gateway/src/legacy/): its dates and device-model table. Defaults to
   * `DEFAULT_LEGACY_API_SETTINGS`; null: not served.
   */
  legacyApi?: LegacyApiSettings | null;
}

export interface GatewayServer {
  readonly http: http.Server;
  /** Listens on the public port, then on the admin port; resolves with the public port. */
  start(port: number, host?: string): Promise<number>;
  /** The admin listener's port (`/metrics`), once started. */
  readonly adminPort: number | undefined;
  /**
   * Answers `/health/ready` 503 at once, closes the admin listener, lets in-flight requests finish
   * within the grace, then stops Apollo and the gateway (see {@link ServerLifecycle.stop}).
   */
  stop(options?: DrainOptions): Promise<void>;
}

/** Builds the gateway; `index.ts` starts it. */
export function createGatewayServer(deps: GatewayDependencies): GatewayServer {
  const credentials = new GatewayCredentialIssuer(deps.gatewaySecret);
  const metrics = createMetrics();
  const supergraph = supergraphSource(
    deps.supergraphSdl !== undefined
      ? { kind: 'fixed', sdl: deps.supergraphSdl }
      : (deps.supergraph ?? { kind: 'file', path: SUPERGRAPH_PATH, pollMs: 10_000 }),
    {
      // Invalid policies refuse the supergraph before the gateway sees it (they are read again below,
      // once the gateway has taken it).
      check: (sdl) => void FallbackPolicies.fromSupergraph(sdl),
      logger: deps.logger,
      onOutcome: (outcome) => metrics.supergraphUpdates.inc({ outcome }),
    },
  );
  // Replaced on every supergraph the gateway takes (the listener below).
  const fallbacks = new FallbackEngine(FallbackPolicies.none(), deps.staleStore, (subgraph, used) =>
    metrics.fallbacks.inc({ subgraph, fallback: used }),
  );
  // Fresh PUBLIC entities and single-flight fetches; takes each supergraph's hints (listener below).
  const entityCache =
    deps.entityCache === false
      ? undefined
      : new EntityCache({ redis: deps.entityCacheRedis, logger: deps.logger });
  const gateway = createApolloGateway(
    {
      supergraphSdl: supergraph.hook,
      // Also in production: a supergraph swapped in while running gets the same checks as at start.
      validateSupergraph: true,
      // Apollo's own header would show any caller the plan outside production; analysts ask with
      // `x-debug: plan` instead (gateway/src/debug/).
      __exposeQueryPlanExperimental: false,
      experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
        const debug = (requestContext.context as Partial<GatewayContext>).debug;
        if (debug?.plan) debug.queryPlan = prettyFormatQueryPlan(queryPlan);
      },
      logger: deps.logger,
      buildService: ({ name }) =>
        subgraphClient(name, {
          subgraphUrls: deps.subgraphUrls,
          resilience: deps.resilience,
          fetch: deps.fetch,
          kind: deps.subgraphClient,
          credentials,
          fallbacks,
          entityCache,
          metrics,
          logger: deps.logger,
        }),
    },
    { apolloTelemetry: deps.apolloTelemetry },
  );
  let access = AccessRules.none();
  // Before any request: Apollo Server subscribes at start, when the first supergraph is loaded.
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    fallbacks.usePolicies(FallbackPolicies.fromSupergraph(coreSupergraphSdl));
    entityCache?.usePolicies(CachePolicies.fromSdl(coreSupergraphSdl));
    access = AccessRules.fromSdl(coreSupergraphSdl);
  });
  const limits = operationLimits<GatewayContext>(deps.limits);
  const documents = createTrustedDocuments({
    mode: deps.trustedDocuments ?? (deps.production ? 'enforce' : 'allow'),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: deps.logger,
    includeStacktraceInErrorResponses: !deps.production,
    // On for Apollo; the access plugin keeps it to analysts in production (the explorer's users).
    introspection: true,
    // No "Did you mean ...?" in production: suggestions spell out the schema to whoever probes it.
    hideSchemaDetailsFromClientErrors: deps.production,
    parseOptions: limits.parseOptions,
    persistedQueries: documents.apolloPersistedQueries,
    plugins: [
      // No reports to Apollo, and no landing page from its CDN: the gateway serves its own explorer.
      ...apolloStaysLocal(),
      operationMistakesPlugin(),
      ...limits.plugins,
      // After the limits (cheap, size-bound), before the rate limit is charged and anything is planned.
      accessPlugin({ rules: () => access, production: deps.production }),
      // The address was charged before the body was read (the HTTP layer's gate).
      ...(deps.rateLimiter ? [rateLimitPlugin(deps.rateLimiter, { chargeAddress: false })] : []),
      degradedReportPlugin(deps.logger),
      debugPlugin(),
    ],
    // runService owns the signals: Apollo's handlers would stop it mid-drain and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  const readiness = new Readiness(deps.subgraphUrls, deps.playPath ?? Object.keys(deps.subgraphUrls));
  const publicApp = createPublicApp({
    apollo,
    verifyToken: deps.verifyToken,
    documents,
    ...(deps.rateLimiter && {
      addressGate: createAddressGate(deps.rateLimiter),
      accountGate: createAccountGate(deps.rateLimiter, documents.documents),
    }),
    limits: { ...DEFAULT_HTTP_LIMITS, ...deps.http },
    logger: deps.logger,
    production: deps.production,
    requests: metrics.requests,
    ...(deps.legacyApi !== null && {
      legacy: createLegacyApi(deps.legacyApi ?? DEFAULT_LEGACY_API_SETTINGS, deps.logger),
    }),
    routes: {
      '/health/live': () => ({ status: 200, body: { status: 'live' } }),
      '/health/ready': async () => {
        // Not ready the moment a drain starts, whatever the subgraphs say (checked again after the
        // await, so a drain that started meanwhile wins).
        const checked =
          lifecycle.readiness === 'ready' ? await readiness.check() : { ready: false, subgraphs: {} };
        const { subgraphs } = checked;
        const ready = checked.ready && lifecycle.readiness === 'ready';
        return {
          status: ready ? 200 : 503,
          body: {
            status: ready ? 'ready' : lifecycle.readiness === 'stopping' ? 'stopping' : 'not ready',
            subgraphs,
            // Which supergraph this replica serves: after a change, every replica should agree.
            supergraph: { hash: supergraph.hash ?? null },
          },
        };
      },
      '/.well-known/jwks.json': () => ({
        status: 200,
        body: deps.manifestKeys.jwks,
        headers: { 'cache-control': 'public, max-age=300' },
      }),
    },
  });
  const admin = createAdminServer(metrics, deps.logger);
  const lifecycle = new ServerLifecycle(
    publicApp.server,
    {
      async start() {
        await apollo.start();
        await publicApp.ready();
      },
      async stop() {
        await apollo.stop();
        await publicApp.app.close();
      },
    },
    deps.logger,
  );
  return {
    http: publicApp.server,
    get adminPort() {
      return admin.port;
    },
    async start(port, host) {
      const bound = await lifecycle.start(port, host);
      const adminAddress = deps.admin ?? { port: 0, host: '127.0.0.1' };
      try {
        await admin.start(adminAddress.port, adminAddress.host);
      } catch (error) {
        await lifecycle.stop({ graceMs: 0 });
        throw error;
      }
      deps.logger.info('gateway listening', { port: bound, subgraphClient: deps.subgraphClient });
      return bound;
    },
    async stop(drain) {
      await Promise.all([admin.stop(drain), lifecycle.stop(drain)]);
    },
  };
}
