/**
 * How one subgraph fetch went, as an analyst's trace (`x-debug: trace`) and a fetch span report it:
 * the worst of what the answer says (errors: failed; no attempt sent: cached; else fresh) and of the
 * fallbacks this fetch's subgraph used meanwhile (stale, default, omitted).
 */
import type { FetchOutcome } from '../request/debug';
import type { FallbackUsed } from '../request/degraded';
import type { SubgraphAnswer, SubgraphFetch } from './pipeline';

const FALLBACK_OUTCOMES: Record<FallbackUsed, FetchOutcome> = {
  STALE: 'stale',
  DEFAULT: 'default',
  OMITTED: 'omitted',
};
/** A fetch that used several fallbacks reports the worst. */
const SEVERITY: FetchOutcome[] = ['fresh', 'cached', 'stale', 'default', 'omitted', 'failed'];

/** What to take before the fetch is sent, to read its outcome from afterwards. */
export function outcomeWatch(fetch: SubgraphFetch): { outcome(answer: SubgraphAnswer | null): FetchOutcome } {
  const before = fetch.state.degraded.length;
  return {
    /** `answer` null: the fetch threw. */
    outcome(answer) {
      if (!answer) return 'failed';
      const used = fetch.state.degraded
        .slice(before)
        .filter((field) => field.subgraph === fetch.subgraph)
        .map((field) => FALLBACK_OUTCOMES[field.fallback]);
      const plain: FetchOutcome = answer.errors?.length
        ? 'failed'
        : fetch.attempted.length === 0
          ? 'cached'
          : 'fresh';
      return worst([plain, ...used]);
    },
  };
}

function worst(outcomes: FetchOutcome[]): FetchOutcome {
  return outcomes.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a));
}
