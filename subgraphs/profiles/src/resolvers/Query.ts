import { GraphQLError } from 'graphql';
import { hasRole } from '@contracts/gatewayCredential';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { QueryResolvers } from '../__generated__/resolvers';

export const Query: QueryResolvers = {
  me: async (_parent, _args, { caller, loaders }) => {
    if (!caller.accountId) {
      throw new GraphQLError('`me` needs a bearer token', {
        extensions: { code: ErrorCode.Unauthenticated },
      });
    }
    const account = await loaders.account.load(caller.accountId);
    if (!account) {
      throw new GraphQLError(`No account "${caller.accountId}" exists`, {
        extensions: { code: ErrorCode.NotFound },
      });
    }
    return account;
  },
  account: async (_parent, { id }, { caller, loaders }) => {
    // The gateway refuses anyone else first (`@access`); this is the second lock.
    if (!hasRole(caller, 'analyst')) {
      throw new GraphQLError('Reading another account needs the analyst role', {
        extensions: { code: ErrorCode.Forbidden },
      });
    }
    return (await loaders.account.load(id)) ?? null;
  },
};
