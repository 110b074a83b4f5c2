import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../__generated__/resolvers';

export const Query: QueryResolvers = {
  me: async (_parent, _args, { caller, loaders }) => {
    if (!caller.accountId) {
      throw new GraphQLError('`me` needs a bearer token', { extensions: { code: 'UNAUTHENTICATED' } });
    }
    const account = await loaders.account.load(caller.accountId);
    if (!account) {
      throw new GraphQLError(`No account "${caller.accountId}" exists`, {
        extensions: { code: 'NOT_FOUND' },
      });
    }
    return account;
  },
};
