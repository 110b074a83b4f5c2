/**
 * The fetch stage operators watch: how long each send to the subgraph took and whether it was
 * answered (the `fetchDuration` histogram), and one log line for each failure with its reason. It
 * sits right above the send, so cache hits and stand-ins are not counted as fetches.
 */
import type { Logger } from '@platform/log';
import { traceFields } from '@platform/traceIds';
import { SubgraphUnavailableError } from './unavailable';
import type { FetchStage } from './pipeline';
import type { SubgraphName } from '@platform/composition';

/** Called once per fetch that was sent, answered (`ok`) or not (`failed`). */
export type FetchObserver = (subgraph: SubgraphName, outcome: 'ok' | 'failed', seconds: number) => void;

export function observeStage(observe: FetchObserver, logger: Logger): FetchStage {
  return (next) => async (fetch) => {
    const started = performance.now();
    try {
      const answer = await next(fetch);
      observe(fetch.subgraph, 'ok', (performance.now() - started) / 1000);
      return answer;
    } catch (error) {
      observe(fetch.subgraph, 'failed', (performance.now() - started) / 1000);
      logger.warn('subgraph fetch failed', {
        subgraph: fetch.subgraph,
        path: fetch.path.join('.'),
        reason: error instanceof SubgraphUnavailableError ? error.reason : 'unexpected',
        error: (error as Error).message,
        ...traceFields(fetch.traceParent),
      });
      throw error;
    }
  };
}
