import type { Profile, User } from '@platform/dataset/model';
import { StaleCache, type CachePolicy } from '@platform/staleCache';
import type { TraceParent } from '@platform/tracing/spans';
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
    this.profiles = new StaleCache((ids, parent) => repository.findProfilesByIds(ids, parent), {
      name: 'profiles',
      policy,
    });
    this.profilesByAccount = new StaleCache(
      (ids, parent) => repository.findProfilesByAccountIds(ids, parent),
      {
        name: 'profiles by account',
        policy,
      },
    );
    this.accounts = new StaleCache((ids, parent) => repository.findAccountsByIds(ids, parent), {
      name: 'accounts',
      policy,
    });
  }

  findProfilesByIds(ids: readonly string[], parent?: TraceParent): Promise<(Profile | null)[]> {
    return this.profiles.getMany(ids, parent);
  }

  findProfilesByAccountIds(accountIds: readonly string[], parent?: TraceParent): Promise<Profile[][]> {
    return this.profilesByAccount.getMany(accountIds, parent);
  }

  findAccountsByIds(ids: readonly string[], parent?: TraceParent): Promise<(User | null)[]> {
    return this.accounts.getMany(ids, parent);
  }
}
