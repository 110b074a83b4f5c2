import type { Dataset, Profile, User } from '@platform/dataset/model';
import type { ProfileRepository } from './profileRepository';

/** The embedded store: the dataset's accounts and profiles, indexed once. */
export class MemoryProfileRepository implements ProfileRepository {
  private readonly profiles: Map<string, Profile>;
  private readonly profilesByAccount = new Map<string, Profile[]>();
  private readonly accounts: Map<string, User>;

  constructor(users: readonly User[], profiles: readonly Profile[]) {
    this.accounts = new Map(users.map((user) => [user.id, user]));
    this.profiles = new Map(profiles.map((profile) => [profile.id, profile]));
    for (const profile of profiles) {
      const list = this.profilesByAccount.get(profile.userId) ?? [];
      list.push(profile);
      this.profilesByAccount.set(profile.userId, list);
    }
  }

  static fromDataset({ users, profiles }: Dataset): MemoryProfileRepository {
    return new MemoryProfileRepository(users, profiles);
  }

  async findProfilesByIds(ids: readonly string[]) {
    return ids.map((id) => this.profiles.get(id) ?? null);
  }

  async findProfilesByAccountIds(accountIds: readonly string[]) {
    return accountIds.map((id) => this.profilesByAccount.get(id) ?? []);
  }

  async findAccountsByIds(ids: readonly string[]) {
    return ids.map((id) => this.accounts.get(id) ?? null);
  }
}
