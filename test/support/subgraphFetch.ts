/**
 * A {@link SubgraphFetch} as the gateway's data source builds one for a client request, for unit
 * tests of one fetch stage: the shape read from `query`, a fresh fallback state, nothing traced.
 */
import { parse } from 'graphql';
import type { Caller } from '@contracts/gatewayCredential';
import { fetchShape } from '../../gateway/src/fetch/fetchShape';
import type { SubgraphFetch } from '../../gateway/src/fetch/pipeline';
import { newFallbackState } from '../../gateway/src/request/degraded';

export const TEST_CALLER: Caller = { accountId: 'u-a', country: 'US', roles: ['viewer'] };

export function subgraphFetch(
  subgraph: string,
  query: string,
  options: Partial<Omit<SubgraphFetch, 'subgraph' | 'query' | 'shape'>> = {},
): SubgraphFetch {
  return {
    subgraph,
    shape: fetchShape(parse(query)),
    query,
    variables: {},
    caller: TEST_CALLER,
    path: [],
    state: newFallbackState(),
    countedFailures: new Set(),
    attempted: [],
    trace: null,
    evidence: null,
    traceParent: undefined,
    ...options,
  };
}
