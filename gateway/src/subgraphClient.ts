/**
 * How the gateway reaches each subgraph: the one place the fetch pipeline (fetch/pipeline.ts) is
 * composed. Read top to bottom, it is the path of every subgraph fetch:
 *
 *   trace        an analyst's `x-debug: trace` records what happened below (debug/fetchTrace.ts)
 *   span         a client span per fetch, when tracing is on (tracing/fetchSpanStage.ts)
 *   stand-ins    a subgraph that cannot answer is answered by the fallback policies (fallback/)
 *   entity cache fresh PUBLIC entities from the cache, one fetch for identical ones (entityCache/)
 *   last good    what the subgraph answered is kept for later stand-ins (fallback/)
 *   observe      duration and outcome of every send, a log line for each failure (fetch/)
 *   send         signed for the caller and sent through the replica pool (resilience/)
 */
import type { GraphQLDataSource } from '@apollo/gateway';
import type { GatewayCredentialIssuer } from '@contracts/gatewayCredential';
import type { SubgraphName } from '@platform/composition';
import type { Logger } from '@platform/log';
import { traceStage } from './debug/fetchTrace';
import { decisionEvidenceStage } from './decisions/evidence';
import { cacheStage } from './entityCache/cacheStage';
import type { EntityCache } from './entityCache/entityCache';
import type { FallbackEngine } from './fallback/engine';
import { lastGoodValueStage } from './fallback/lastGoodValueStage';
import { standInStage } from './fallback/standInStage';
import { PipelineDataSource } from './fetch/dataSource';
import { observeStage } from './fetch/observeStage';
import { composeStages, type FetchHandler } from './fetch/pipeline';
import { PlainDataSource } from './fetch/plainDataSource';
import type { GatewayMetrics } from './metrics/gatewayMetrics';
import { ReplicaPool, type ReplicaFetch, type ResilienceSettings } from './resilience/replicaPool';
import { replicaSend } from './resilience/replicaSend';
import { fetchSpanStage } from './tracing/fetchSpanStage';

export interface SubgraphClientOptions {
  /** Every replica of every subgraph in the gateway's own zone. */
  subgraphUrls: Record<SubgraphName, string[]>;
  /** Replicas in other zones, asked only when none of the own zone's can answer. */
  failoverUrls?: Partial<Record<SubgraphName, string[]>>;
  /** Deadlines, retries and circuit breakers per subgraph. */
  resilience: Record<SubgraphName, ResilienceSettings>;
  /** How a replica is reached. Defaults to undici's keep-alive pool; tests inject faults. */
  fetch?: ReplicaFetch;
  /** `resilient`: the pipeline below. `plain`: the benchmarks' baseline (fetch/plainDataSource.ts). */
  kind: 'resilient' | 'plain';
  credentials: GatewayCredentialIssuer;
  fallbacks: FallbackEngine;
  /** None: every fetch is sent (the fallback suites). */
  entityCache?: EntityCache;
  metrics: GatewayMetrics;
  logger: Logger;
}

/** The data source the gateway's query plans fetch `subgraph` through. */
export function subgraphClient(subgraph: SubgraphName, options: SubgraphClientOptions): GraphQLDataSource {
  const urls = options.subgraphUrls[subgraph];
  // The supergraph names a subgraph the registry does not know: a stale supergraph or a bad URL map.
  if (!urls)
    throw new Error(`No URL for subgraph ${subgraph}: is it in subgraphs/${subgraph}/subgraph.json?`);
  const credentials = options.credentials.forSubgraph(subgraph);
  if (options.kind === 'plain') return new PlainDataSource(urls[0]!, credentials);
  const send = replicaSend(replicaPool(subgraph, urls, options), credentials);
  return new PipelineDataSource(subgraph, fetchPipeline(send, options));
}

/** The stages of the module comment around `send`, outermost first. */
export function fetchPipeline(
  send: FetchHandler,
  options: Pick<SubgraphClientOptions, 'fallbacks' | 'entityCache' | 'metrics' | 'logger'>,
): FetchHandler {
  const { fallbacks, entityCache, metrics, logger } = options;
  return composeStages(
    [
      // Outermost: it sees what the plan sends and the answer it gets, whoever answered.
      decisionEvidenceStage,
      traceStage,
      fetchSpanStage,
      standInStage(fallbacks),
      ...(entityCache ? [cacheStage(entityCache)] : []),
      lastGoodValueStage(fallbacks),
      observeStage(
        (name, outcome, seconds) => metrics.fetchDuration.observe({ subgraph: name, outcome }, seconds),
        logger,
      ),
    ],
    send,
  );
}

function replicaPool(subgraph: SubgraphName, urls: string[], options: SubgraphClientOptions): ReplicaPool {
  const { metrics, logger } = options;
  const failover = options.failoverUrls?.[subgraph] ?? [];
  for (const url of [...urls, ...failover]) metrics.circuitState.set({ subgraph, replica: url }, 0);
  return new ReplicaPool(
    subgraph,
    urls,
    options.resilience[subgraph],
    {
      onAttemptFailed: (_replica, reason) => metrics.fetchFailures.inc({ subgraph, reason }),
      onCircuitState: (replica, state) => {
        metrics.circuitState.set({ subgraph, replica }, state === 'closed' ? 0 : state === 'open' ? 1 : 2);
        logger.warn('circuit state changed', { subgraph, replica, state });
      },
    },
    options.fetch,
    failover,
  );
}
