/**
 * The fetch stage that keeps the last good values a stand-in may later use: every answer without
 * errors that came from the subgraph. It sits below the entity cache, so it sees only what was
 * really fetched: an answer shared with identical fetches in flight, or served from the cache, was
 * remembered when it was fetched.
 */
import { representationsOf, type FetchStage } from '../fetch/pipeline';
import type { FallbackEngine } from './engine';

export function lastGoodValueStage(fallbacks: FallbackEngine): FetchStage {
  return (next) => async (fetch) => {
    const answer = await next(fetch);
    if (!answer.errors?.length && answer.data) {
      await fallbacks.remember(
        fetch,
        answer.data,
        fetch.shape.kind === 'entities' ? representationsOf(fetch) : undefined,
      );
    }
    return answer;
  };
}
