/**
 * What an analyst's `x-debug` asked to see (debug/requestDebug.ts reads the header), and what the
 * request collects as it runs: the plan, and a trace of every subgraph fetch.
 */
import type { SubgraphName } from '@platform/composition';

/** How one subgraph fetch went, as far as this request is concerned. */
export type FetchOutcome = 'fresh' | 'cached' | 'stale' | 'default' | 'omitted' | 'failed';

export interface FetchTrace {
  subgraph: SubgraphName;
  /** Where in the response the fetch's data went (`explainPlay.title`); empty for a root fetch. */
  path: string;
  /** The replica that answered last; null when none was reached (cache, open circuits, a cap). */
  replica: string | null;
  /** Attempts sent to replicas (retries and failover included); 0 when answered without sending. */
  attempts: number;
  /** Milliseconds from the gateway's start of the fetch to its answer, fallbacks included. */
  durationMs: number;
  /** fresh from a replica, cached (fresh PUBLIC entities), stale, default, omitted or failed. */
  outcome: FetchOutcome;
}

/** What one request asked to see, and what it collects as it runs. */
export interface RequestDebug {
  plan: boolean;
  /** Null when not asked for. */
  trace: FetchTrace[] | null;
  /** The pretty-printed plan, once the gateway has one. */
  queryPlan?: string;
}
