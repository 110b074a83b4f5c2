import type http from 'node:http';
import type { DrainOptions } from '@platform/httpRequests';
import { createAdminServer } from './admin/adminServer';
import { createApolloServer } from './apolloServer';
import { createTrustedDocuments } from './documents/trustedDocuments';
import type { GatewayDependencies } from './gatewayDependencies';
import { createGraph } from './graph';
import { healthRoutes } from './health/routes';
import { SubgraphReadiness } from './health/subgraphReadiness';
import { createPublicApp } from './http/publicApp';
import { DEFAULT_HTTP_LIMITS } from './http/settings';
import { createLegacyApi } from './legacy/routes';
import { DEFAULT_LEGACY_API_SETTINGS } from './legacy/settings';
import { createMetrics } from './metrics/gatewayMetrics';
import { operationLimits } from './operationLimits/operationLimits';
import { createAddressGate } from './rateLimits/addressGate';
import { createAccountGate } from './rateLimits/trustedDocumentCharges';
import { createOverloadGate } from './overload/gate';
import type { GatewayContext } from './request/context';

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

/**
 * Builds the gateway; `index.ts` starts it. In order: the graph (supergraph, planner, fetch path),
 * Apollo Server with the request policies, the public HTTP app that authenticates and resolves
 * documents before Apollo sees a request, the admin listener, and the lifecycle that starts and
 * drains them.
 */
export function createGatewayServer(deps: GatewayDependencies): GatewayServer {
  const metrics = createMetrics();
  const graph = createGraph(deps, metrics);
  const documents = createTrustedDocuments({
    mode: deps.trustedDocuments ?? (deps.production ? 'enforce' : 'allow'),
  });
  const apollo = createApolloServer(
    deps,
    graph,
    documents,
    operationLimits<GatewayContext>(deps.operationLimits),
  );
  const overload = deps.loadShedding && createOverloadGate(documents.documents, deps.loadShedding);
  if (overload) metrics.watchAdmission(overload.admission);
  const publicApp = createPublicApp({
    apollo,
    verifyToken: deps.verifyToken,
    documents,
    ...(overload && { overload }),
    ...(deps.rateLimiter && {
      addressGate: createAddressGate(deps.rateLimiter),
      accountGate: createAccountGate(deps.rateLimiter, documents.documents),
    }),
    httpLimits: { ...DEFAULT_HTTP_LIMITS, ...deps.http },
    logger: deps.logger,
    production: deps.production,
    requests: metrics.requests,
    ...(deps.legacyApi !== null && {
      legacy: createLegacyApi(deps.legacyApi ?? DEFAULT_LEGACY_API_SETTINGS, deps.logger),
    }),
    routes: healthRoutes({
      lifecycle: () => publicApp.lifecycle.readiness,
      // A zone whose own replicas are down still serves through the other zone's: ready.
      subgraphs: new SubgraphReadiness(
        Object.fromEntries(
          Object.entries(deps.subgraphUrls).map(([name, urls]) => [
            name,
            [...urls, ...(deps.failoverUrls?.[name] ?? [])],
          ]),
        ),
        deps.playPath ?? Object.keys(deps.subgraphUrls),
      ),
      supergraphHash: () => graph.supergraph.hash,
      manifestKeys: deps.manifestKeys,
    }),
  });
  if (deps.fieldUsage) metrics.watchFieldUsage(deps.fieldUsage.stats);
  if (deps.decisions) metrics.watchDecisionRecords(deps.decisions.stats);
  const admin = createAdminServer(metrics, deps.logger, deps.fieldUsage);
  const { lifecycle } = publicApp;
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
      deps.fieldUsage?.start();
      deps.decisions?.start();
      deps.logger.info('gateway listening', { port: bound, subgraphClient: deps.subgraphClient });
      return bound;
    },
    async stop(drain) {
      await Promise.all([admin.stop(drain), lifecycle.stop(drain)]);
      overload?.stop();
      // After the drain: the last requests' counts and decisions are written too.
      await Promise.all([deps.fieldUsage?.stop(), deps.decisions?.stop()]);
    },
  };
}
