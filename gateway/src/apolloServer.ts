/**
 * Apollo Server over the graph, with the gateway's plugins in the order a request meets them: the
 * cheap, size-bound checks first, then who may ask, then what it costs the caller's budget, and only
 * then planning and fetching; the reports (fallbacks used, `x-debug`) last, on the way out.
 */
import { ApolloServer } from '@apollo/server';
import { apolloStaysLocal } from '@platform/apolloStaysLocal';
import { accessPlugin } from './access/accessPlugin';
import { debugPlugin } from './debug/debugPlugin';
import type { TrustedDocuments } from './documents/trustedDocuments';
import { degradedReportPlugin } from './fallback/plugin';
import { fieldUsagePlugin } from './fieldUsage/plugin';
import { decisionRecordPlugin } from './decisions/plugin';
import type { GatewayDependencies } from './gatewayDependencies';
import type { Graph } from './graph';
import { operationMistakesPlugin } from './http/operationMistakes';
import type { OperationLimits } from './operationLimits/operationLimits';
import { rateLimitPlugin } from './rateLimits/plugin';
import type { GatewayContext } from './request/context';
import { tracePlugin } from './tracing/tracePlugin';

export function createApolloServer(
  deps: GatewayDependencies,
  graph: Graph,
  documents: TrustedDocuments,
  limits: OperationLimits<GatewayContext>,
): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    gateway: graph.gateway,
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
      accessPlugin({ rules: graph.access, production: deps.production }),
      // The address was charged before the body was read (the HTTP layer's gate).
      ...(deps.rateLimiter ? [rateLimitPlugin(deps.rateLimiter, { chargeAddress: false })] : []),
      ...(deps.fieldUsage ? [fieldUsagePlugin(deps.fieldUsage)] : []),
      ...(deps.decisions ? [decisionRecordPlugin(deps.decisions, deps.logger)] : []),
      degradedReportPlugin(deps.logger),
      debugPlugin(),
      tracePlugin(),
    ],
    // runService owns the signals: Apollo's handlers would stop it mid-drain and re-raise the signal.
    stopOnTerminationSignals: false,
  });
}
