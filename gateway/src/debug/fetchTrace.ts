/**
 * The fetch stage that records each subgraph fetch for an analyst's `x-debug: trace`
 * (requestDebug.ts). Outermost, so it sees what the other stages did: the outcome (fetch/outcome.ts)
 * is read from the fallbacks the fetch used, the attempts the replica pool made (none: the entity
 * cache answered), and whether it threw.
 */
import { outcomeWatch } from '../fetch/outcome';
import type { FetchStage } from '../fetch/pipeline';
import type { FetchOutcome } from '../request/debug';

export const traceStage: FetchStage = (next) => async (fetch) => {
  const { trace } = fetch;
  if (!trace) return next(fetch);
  const watch = outcomeWatch(fetch);
  const started = performance.now();
  const record = (outcome: FetchOutcome) =>
    trace.push({
      subgraph: fetch.subgraph,
      path: fetch.path.map(String).join('.'),
      replica: fetch.attempted.at(-1) ?? null,
      attempts: fetch.attempted.length,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      outcome,
    });
  try {
    const answer = await next(fetch);
    record(watch.outcome(answer));
    return answer;
  } catch (error) {
    record(watch.outcome(null));
    throw error;
  }
};
