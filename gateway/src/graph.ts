/**
 * The graph the gateway serves: its supergraph (watched, swapped without a restart), Apollo's gateway
 * planning over it, every subgraph reached through the fetch pipeline (subgraphClient.ts), and what
 * each new supergraph declares: fallback policies, entity freshness and access rules.
 */
import type { ApolloGateway } from '@apollo/gateway';
import { prettyFormatQueryPlan } from '@apollo/query-planner';
import { GatewayCredentialIssuer } from '@contracts/gatewayCredential';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { AccessRules } from './access/accessRules';
import { CachePolicies } from './entityCache/cachePolicy';
import { EntityCache } from './entityCache/entityCache';
import { FallbackEngine } from './fallback/engine';
import { FallbackPolicies } from './fallback/policies';
import type { GatewayDependencies } from './gatewayDependencies';
import type { GatewayMetrics } from './metrics/gatewayMetrics';
import type { GatewayContext } from './request/context';
import { subgraphClient } from './subgraphClient';
import { fallbackEvent } from './tracing/events';
import { planResolved } from './tracing/tracePlugin';
import { createApolloGateway } from './supergraph/apolloGateway';
import { supergraphSource } from './supergraph/origin';
import type { SupergraphSource } from './supergraph/source';

export interface Graph {
  gateway: ApolloGateway;
  supergraph: SupergraphSource;
  /** The access rules of the supergraph being served. */
  access(): AccessRules;
}

export function createGraph(deps: GatewayDependencies, metrics: GatewayMetrics): Graph {
  const supergraph = supergraphSource(
    deps.supergraphSdl !== undefined
      ? { kind: 'fixed', sdl: deps.supergraphSdl }
      : (deps.supergraph ?? { kind: 'file', path: SUPERGRAPH_PATH, pollMs: 10_000 }),
    {
      // Invalid policies refuse the supergraph before the gateway sees it (they are read again
      // below, once the gateway has taken it).
      check: (sdl) => void FallbackPolicies.fromSupergraph(sdl),
      logger: deps.logger,
      onOutcome: (outcome) => metrics.supergraphUpdates.inc({ outcome }),
    },
  );
  const fallbacks = new FallbackEngine(FallbackPolicies.none(), deps.staleStore, (field, fetch) => {
    metrics.fallbacks.inc({ subgraph: field.subgraph, fallback: field.fallback });
    fallbackEvent(fetch.traceParent, field);
  });
  const entityCache =
    deps.entityCache === false
      ? undefined
      : new EntityCache({ redis: deps.entityCacheRedis, logger: deps.logger });
  const credentials = new GatewayCredentialIssuer(deps.gatewaySecret);
  const gateway = createApolloGateway(
    {
      supergraphSdl: supergraph.hook,
      // Also in production: a supergraph swapped in while running gets the same checks as at start.
      validateSupergraph: true,
      // Apollo's own header would show any caller the plan outside production; analysts ask with
      // `x-debug: plan` instead (gateway/src/debug/).
      __exposeQueryPlanExperimental: false,
      experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
        const { debug, trace } = requestContext.context as Partial<GatewayContext>;
        planResolved(trace);
        if (debug?.plan) debug.queryPlan = prettyFormatQueryPlan(queryPlan);
      },
      logger: deps.logger,
      buildService: ({ name }) =>
        subgraphClient(name, {
          subgraphUrls: deps.subgraphUrls,
          failoverUrls: deps.failoverUrls,
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
    const cachePolicies = CachePolicies.fromSdl(coreSupergraphSdl);
    fallbacks.usePolicies(FallbackPolicies.fromSupergraph(coreSupergraphSdl), cachePolicies);
    entityCache?.usePolicies(cachePolicies);
    access = AccessRules.fromSdl(coreSupergraphSdl);
  });
  return { gateway, supergraph, access: () => access };
}
