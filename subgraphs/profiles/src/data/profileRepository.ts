import type { Profile, User } from '@platform/dataset/model';

/** Where accounts and their viewer profiles live: the embedded store or MongoDB. */
export interface ProfileRepository {
  /** Profiles by id, in the order asked, null where there is no such profile. One round trip. */
  findProfilesByIds(ids: readonly string[]): Promise<(Profile | null)[]>;
  /** Each account's profiles in creation order, in the order the accounts were asked. One round trip. */
  findProfilesByAccountIds(accountIds: readonly string[]): Promise<Profile[][]>;
  /** Accounts by id, in the order asked, null where there is no such account. One round trip. */
  findAccountsByIds(ids: readonly string[]): Promise<(User | null)[]>;
}
