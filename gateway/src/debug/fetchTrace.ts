/**
 * Records one subgraph fetch for an analyst's `x-debug: trace` (requestDebug.ts). The outcome is read
 * from what the fetch left behind: the fallbacks it used (the request's `extensions.degraded`), the
 * attempts the replica pool made, and whether it threw.
 */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from '../context';
import type { FallbackUsed } from '../fallback/degraded';
import type { FetchOutcome, FetchTrace } from './requestDebug';

const FALLBACK_OUTCOMES: Record<FallbackUsed, FetchOutcome> = {
  STALE: 'stale',
  DEFAULT: 'default',
  OMITTED: 'omitted',
};
/** A fetch that used several fallbacks reports the worst. */
const SEVERITY: FetchOutcome[] = ['fresh', 'cached', 'stale', 'default', 'omitted', 'failed'];

export async function traced(
  trace: FetchTrace[],
  subgraph: string,
  incoming: Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { context: GatewayContext }>,
  fetch: (attempted: string[]) => Promise<GatewayGraphQLResponse>,
): Promise<GatewayGraphQLResponse> {
  const attempted: string[] = [];
  const degraded = incoming.context.fallback.degraded;
  const before = degraded.length;
  const started = performance.now();
  const record = (outcome: FetchOutcome) =>
    trace.push({
      subgraph,
      path: (incoming.pathInIncomingRequest ?? []).map(String).join('.'),
      replica: attempted.at(-1) ?? null,
      attempts: attempted.length,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      outcome,
    });
  try {
    const answer = await fetch(attempted);
    const used = degraded
      .slice(before)
      .filter((field) => field.subgraph === subgraph)
      .map((field) => FALLBACK_OUTCOMES[field.fallback]);
    const plain: FetchOutcome = answer.errors?.length
      ? 'failed'
      : attempted.length === 0
        ? 'cached'
        : 'fresh';
    record(worst([plain, ...used]));
    return answer;
  } catch (error) {
    record('failed');
    throw error;
  }
}

function worst(outcomes: FetchOutcome[]): FetchOutcome {
  return outcomes.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a));
}
