/**
 * The gateway's fetch path as a pipeline: each concern (tracing, fallbacks, the entity cache, last
 * good values, metrics) is a stage that receives the next handler and returns a wrapped one, and
 * the last handler sends the fetch to a replica. A new concern is one more stage, composed in one
 * place (gateway/src/subgraphClient.ts); no stage knows the others.
 *
 * Stages see one {@link SubgraphFetch} and answer it with a {@link SubgraphAnswer}, or throw:
 * `SubgraphUnavailableError` (unavailable.ts) when no replica could answer, which the fallback stage
 * turns into stand-ins. An `_entities` fetch keeps its order and length through every stage, as
 * the query planner requires; a stage that answers some representations itself passes the others
 * on as a smaller fetch (entitySubset.ts).
 */
import type { RequestClass } from '@platform/overload/requestClass';
import type { GatewayCacheHint } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import type { Caller } from '@contracts/gatewayCredential';
import type { SubgraphName } from '@platform/composition';
import type { FetchTrace } from '../request/debug';
import type { FallbackState } from '../request/degraded';
import type { FetchShape } from './fetchShape';
import type { EvidenceSink } from '../request/playEvidence';
import type { TraceParent } from '@platform/tracing/spans';

/** An entity reference the query planner sends in `_entities`. */
export type Representation = { __typename: string } & Record<string, unknown>;

/** One fetch the query planner sends to a subgraph, with what this client request knows of it. */
export interface SubgraphFetch {
  subgraph: SubgraphName;
  shape: FetchShape;
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  caller: Caller;
  /** The client request's class under overload, for the subgraph (`x-request-class`); absent when unknown. */
  requestClass?: RequestClass;
  /** Where the fetched data sits in the client's response, such as ["play", "title"]. */
  path: (string | number)[];
  /** What fallbacks did in this client request, shared by all its fetches. */
  state: FallbackState;
  /**
   * Replicas (by URL) this client request has counted a failure against, shared by all its fetches,
   * so that one request adds at most one failure to a replica's circuit.
   */
  countedFailures: Set<string>;
  /** The URL of each replica an attempt of this fetch went to, in order (filled by the send). */
  attempted: string[];
  /** Takes the freshness of each part of the answer, for the response's `cache-control`. */
  freshness?: (hint: GatewayCacheHint) => void;
  /** An analyst's `x-debug: trace` of this client request; null when not asked for. */
  trace: FetchTrace[] | null;
  /** Where a request that decides a play keeps its evidence (gateway/src/decisions/); null otherwise. */
  evidence: EvidenceSink | null;
  /**
   * The parent of this fetch's spans: the execution's span, and below the span stage the fetch's own
   * (tracing/fetchSpanStage.ts), which its attempts and fallback events go on. Undefined untraced.
   */
  traceParent: TraceParent;
}

/** A subgraph's answer, or a stage's stand-in for it. */
export interface SubgraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

export type FetchHandler = (fetch: SubgraphFetch) => Promise<SubgraphAnswer>;

/** One concern of the fetch path: wraps the handler after it. */
export type FetchStage = (next: FetchHandler) => FetchHandler;

/** `stages` around `send`, the first outermost: it sees every fetch first and every answer last. */
export function composeStages(stages: readonly FetchStage[], send: FetchHandler): FetchHandler {
  return stages.reduceRight<FetchHandler>((next, stage) => stage(next), send);
}

/** The representations of an `_entities` fetch (none for a root fetch). */
export function representationsOf(fetch: SubgraphFetch): Representation[] {
  return (fetch.variables.representations ?? []) as Representation[];
}
