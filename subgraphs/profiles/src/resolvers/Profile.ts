import { hasRole } from '@contracts/gatewayCredential';
import type { ProfileResolvers } from '../__generated__/resolvers';

export const Profile: ProfileResolvers = {
  /**
   * A profile of another account resolves to null, exactly like a profile that does not exist: no caller
   * learns another account's profile names, and the entitlement decision sees "not found" (PROFILE_NOT_FOUND,
   * the `profile-owned` check of docs/play-contract.md) without a second ownership check being the only
   * guard. Analysts read across accounts (`explainPlay`, which then decides PROFILE_NOT_FOUND from the
   * owner itself).
   */
  __resolveReference: async ({ id }, { caller, loaders }) => {
    const profile = await loaders.profile.load(id);
    if (!profile) return null;
    const visible =
      (caller.accountId !== null && profile.userId === caller.accountId) || hasRole(caller, 'analyst');
    return visible ? profile : null;
  },
  accountId: (profile) => profile.userId,
};
