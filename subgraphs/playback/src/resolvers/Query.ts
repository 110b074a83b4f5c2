import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../__generated__/resolvers';
import { hasRole } from '@contracts/gatewayCredential';
import { ErrorCode } from '@contracts/graphqlErrors';
import { encodeExplanationId, toExplainRequest } from '../request/explainRequest';
import { openPlaySession } from './openPlaySession';

export const Query: QueryResolvers = {
  play: (_parent, { input }, { caller }) => openPlaySession(input, caller, 'PLAY'),
  prefetch: (_parent, { input }, { caller }) => openPlaySession(input, caller, 'PREFETCH'),
  explainPlay: (_parent, { input }, { caller }) => {
    if (!hasRole(caller, 'analyst')) throw forbidden('Explaining a decision needs the analyst role');
    const request = toExplainRequest(input);
    return { id: encodeExplanationId(request), request };
  },
};

const forbidden = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
