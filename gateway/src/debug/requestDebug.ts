/**
 * "Which path ran": what an analyst's request may ask to see with the header `x-debug: plan,trace`.
 * `plan` adds the gateway's query plan (`extensions.queryPlan`); `trace` adds every subgraph fetch
 * with its subgraph, replica, response path, duration, attempts and outcome (`extensions.trace`).
 * Only analysts get them: a viewer's header is ignored, so a device can never be made to leak the
 * shape of the backend, and a device that sends it by mistake still gets its answer.
 */
import { hasRole, type Caller } from '@contracts/gatewayCredential';

export const DEBUG_HEADER = 'x-debug';

/** How one subgraph fetch went, as far as this request is concerned. */
export type FetchOutcome = 'fresh' | 'cached' | 'stale' | 'default' | 'omitted' | 'failed';

export interface FetchTrace {
  subgraph: string;
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

/** The debug an `x-debug` header asks for, if the caller may have it; undefined otherwise. */
export function requestDebug(
  header: string | string[] | undefined,
  caller: Caller,
): RequestDebug | undefined {
  if (header === undefined || !hasRole(caller, 'analyst')) return undefined;
  const asked = new Set(
    [header]
      .flat()
      .flatMap((value) => value.split(','))
      .map((value) => value.trim().toLowerCase()),
  );
  if (!asked.has('plan') && !asked.has('trace')) return undefined;
  return { plan: asked.has('plan'), trace: asked.has('trace') ? [] : null };
}
