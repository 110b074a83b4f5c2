import type { Profile, User } from '@platform/dataset/model';
import type { TraceParent } from '@platform/tracing/spans';

/**
 * Where accounts and their viewer profiles live: the embedded store or MongoDB. `parent` of a read:
 * the request it is for, under which a database read is traced (lib/platform/mongo/spans.ts); none,
 * no span.
 */
export interface ProfileRepository {
  /** Profiles by id, in the order asked, null where there is no such profile. One round trip. */
  findProfilesByIds(ids: readonly string[], parent?: TraceParent): Promise<(Profile | null)[]>;
  /** Each account's profiles in creation order, in the order the accounts were asked. One round trip. */
  findProfilesByAccountIds(accountIds: readonly string[], parent?: TraceParent): Promise<Profile[][]>;
  /** Accounts by id, in the order asked, null where there is no such account. One round trip. */
  findAccountsByIds(ids: readonly string[], parent?: TraceParent): Promise<(User | null)[]>;
}
