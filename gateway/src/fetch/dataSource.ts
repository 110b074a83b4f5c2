/**
 * Where Apollo's gateway meets the fetch pipeline: each fetch of a query plan becomes a
 * {@link SubgraphFetch} (what the stages know of it, read once from the client request's context)
 * and goes through the subgraph's composed handler. `process` is the whole of it: Apollo's
 * `didEncounterError` can observe a failure but not answer it with data, which fallbacks must.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayCachePolicy, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Caller } from '@contracts/gatewayCredential';
import type { SubgraphName } from '@platform/composition';
import type { GatewayContext } from '../request/context';
import { newFallbackState } from '../request/degraded';
import { fetchShape, fetchShapeOf } from './fetchShape';
import type { FetchHandler, SubgraphFetch } from './pipeline';

/** Who health checks and schema loads fetch as: they come from no client. */
export const ANONYMOUS: Caller = { accountId: null, country: null };

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
/** A fetch a client request made (not a health check or a schema load). */
type IncomingOptions = Extract<Options, { incomingRequestContext: unknown }>;

export class PipelineDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: SubgraphName,
    private readonly handle: FetchHandler,
  ) {}

  process(options: Options): Promise<GatewayGraphQLResponse> {
    return this.handle(subgraphFetchOf(this.subgraph, options));
  }
}

function subgraphFetchOf(subgraph: SubgraphName, options: Options): SubgraphFetch {
  const { request } = options;
  const incoming: IncomingOptions | undefined = 'incomingRequestContext' in options ? options : undefined;
  const context = incoming?.context;
  // Health checks and schema loads have no overall policy to restrict.
  const policy = incoming?.incomingRequestContext.overallCachePolicy as GatewayCachePolicy | undefined;
  return {
    subgraph,
    shape: incoming?.document ? fetchShape(incoming.document) : fetchShapeOf(request.query!),
    query: request.query!,
    operationName: request.operationName,
    variables: request.variables ?? {},
    caller: context?.caller ?? ANONYMOUS,
    ...(context?.requestClass && { requestClass: context.requestClass }),
    path: [...(incoming?.pathInIncomingRequest ?? [])],
    state: context?.fallback ?? newFallbackState(),
    // Shared by every fetch of this client request; created by the first one.
    countedFailures: context ? (context.replicaFailures ??= new Set()) : new Set(),
    attempted: [],
    freshness: policy && ((hint) => policy.restrict(hint)),
    trace: context?.debug?.trace ?? null,
    evidence: context?.playEvidence ?? null,
    traceParent: context?.trace?.current,
  };
}
