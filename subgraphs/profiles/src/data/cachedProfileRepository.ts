import type { Profile, User } from '@platform/dataset/model';
import { StaleCache, type CachePolicy } from '@platform/staleCache';
import type { ProfileRepository } from './profileRepository';

/**
 * Accounts and profiles through the subgraph's cache: every play request reads its profile, and a
 * profile may be served stale while the database is away (see {@link StaleCache} for the policy).
 */
export class CachedProfileRepository implements ProfileRepository {
  private readonly profiles: StaleCache<string, Profile | null>;
  private readonly profilesByAccount: StaleCache<string, Profile[]>;
  private readonly accounts: StaleCache<string, User | null>;

  constructor(repository: ProfileRepository, policy: CachePolicy) {
    this.profiles = new StaleCache((ids) => repository.findProfilesByIds(ids), { name: 'profiles', policy });
    this.profilesByAccount = new StaleCache((ids) => repository.findProfilesByAccountIds(ids), {
      name: 'profiles by account',
      policy,
    });
    this.accounts = new StaleCache((ids) => repository.findAccountsByIds(ids), { name: 'accounts', policy });
  }

  findProfilesByIds(ids: readonly string[]): Promise<(Profile | null)[]> {
    return this.profiles.getMany(ids);
  }

  findProfilesByAccountIds(accountIds: readonly string[]): Promise<Profile[][]> {
    return this.profilesByAccount.getMany(accountIds);
  }

  findAccountsByIds(ids: readonly string[]): Promise<(User | null)[]> {
    return this.accounts.getMany(ids);
  }
}
