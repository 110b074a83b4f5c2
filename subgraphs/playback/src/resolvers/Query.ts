import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../__generated__/resolvers';
import { hasRole } from '@contracts/gatewayCredential';
import { ErrorCode } from '@contracts/graphqlErrors';
import { encodeExplanationId, toExplainRequest } from '../request/explainRequest';
import { encodePlaySessionId, toPlayRequest } from '../request/playSessionId';

export const Query: QueryResolvers = {
  play: (_parent, { input }, { caller }) => {
    if (!caller.accountId) {
      throw new GraphQLError('Playing needs a bearer token', {
        extensions: { code: ErrorCode.Unauthenticated },
      });
    }
    // The gateway refuses anyone else first (`@access`); this is the second lock.
    if (!hasRole(caller, 'viewer')) throw forbidden('Playing needs a viewer account');
    const request = toPlayRequest({
      ...input,
      device: { ...input.device, hdr: input.device.hdr ?? [] },
      network: input.network
        ? {
            type: input.network.type ?? null,
            downlinkKbps: input.network.downlinkKbps ?? null,
            metered: input.network.metered ?? null,
          }
        : null,
    });
    // Only the request: the title, profile and entitlement are resolved by other subgraphs, and the
    // decision and manifest come back here in a later fetch of the query plan.
    return { id: encodePlaySessionId(request), request };
  },
  explainPlay: (_parent, { input }, { caller }) => {
    if (!hasRole(caller, 'analyst')) throw forbidden('Explaining a decision needs the analyst role');
    const request = toExplainRequest(input);
    return { id: encodeExplanationId(request), request };
  },
};

const forbidden = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
