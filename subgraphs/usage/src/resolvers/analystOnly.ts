/**
 * What every query of this subgraph shares: it is for analysts only, and it has no fallback, so a
 * store that cannot answer is an error the analyst can read.
 */
import { GraphQLError } from 'graphql';
import { hasRole, type Caller } from '@contracts/gatewayCredential';
import { ErrorCode } from '@contracts/graphqlErrors';

/**
 * The gateway refuses anyone else first (`@access`); this is the second lock, should a supergraph
 * ever be composed without the directive.
 */
export function requireAnalyst(caller: Caller, refusal: string): void {
  if (!hasRole(caller, 'analyst')) {
    throw new GraphQLError(refusal, { extensions: { code: ErrorCode.Forbidden } });
  }
}

/** SUBGRAPH_UNAVAILABLE: the contract's code for "this service cannot answer this field" (no fallback). */
export const unavailable = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.SubgraphUnavailable, subgraph: 'usage' } });
