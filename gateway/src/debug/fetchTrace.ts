/**
 * The fetch stage that records each subgraph fetch for an analyst's `x-debug: trace`
 * (requestDebug.ts). Outermost, so it sees what the other stages did: the outcome is read from the
 * fallbacks the fetch used (the request's `extensions.degraded`), the attempts the replica pool made
 * (none: the entity cache answered), and whether it threw.
 */
import type { FetchStage } from '../fetch/pipeline';
import type { FetchOutcome } from '../request/debug';
import type { FallbackUsed } from '../request/degraded';

const FALLBACK_OUTCOMES: Record<FallbackUsed, FetchOutcome> = {
  STALE: 'stale',
  DEFAULT: 'default',
  OMITTED: 'omitted',
};
/** A fetch that used several fallbacks reports the worst. */
const SEVERITY: FetchOutcome[] = ['fresh', 'cached', 'stale', 'default', 'omitted', 'failed'];

export const traceStage: FetchStage = (next) => async (fetch) => {
  const { trace } = fetch;
  if (!trace) return next(fetch);
  const degraded = fetch.state.degraded;
  const before = degraded.length;
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
    const used = degraded
      .slice(before)
      .filter((field) => field.subgraph === fetch.subgraph)
      .map((field) => FALLBACK_OUTCOMES[field.fallback]);
    const plain: FetchOutcome = answer.errors?.length
      ? 'failed'
      : fetch.attempted.length === 0
        ? 'cached'
        : 'fresh';
    record(worst([plain, ...used]));
    return answer;
  } catch (error) {
    record('failed');
    throw error;
  }
};

function worst(outcomes: FetchOutcome[]): FetchOutcome {
  return outcomes.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a));
}
