import { hasRole } from '@contracts/gatewayCredential';
import type { AccountResolvers } from '../__generated__/resolvers';

export const Account: AccountResolvers = {
  // An account is only visible to itself, and to analysts.
  __resolveReference: async ({ id }, { caller, loaders }) =>
    id === caller.accountId || hasRole(caller, 'analyst') ? loaders.account.load(id) : null,
  profiles: (account, _args, { loaders }) => loaders.profilesByAccount.load(account.id),
};
