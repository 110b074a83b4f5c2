import type { Profile, User } from '@platform/dataset/model';
import { collection, type ProfileDocument } from '@platform/mongo/collections';
import type { MongoStore } from '@platform/mongo/client';
import { mongoSpan } from '@platform/mongo/spans';
import type { TraceParent } from '@platform/tracing/spans';
import type { ProfileRepository } from './profileRepository';

const PROFILE_FIELDS = { userId: 1, name: 1, kind: 1, maxMaturity: 1, position: 1 } as const;
const ACCOUNT_FIELDS = { country: 1, subscription: 1 } as const;

/** Accounts and profiles in the `accounts` and `profiles` collections (docs/mongodb.md). */
export class MongoProfileRepository implements ProfileRepository {
  constructor(private readonly store: MongoStore) {}

  async findProfilesByIds(ids: readonly string[], parent?: TraceParent): Promise<(Profile | null)[]> {
    const documents = await mongoSpan(parent, this.store, 'find', 'profiles', () =>
      collection(this.store.db, 'profiles')
        .find({ _id: { $in: [...new Set(ids)] } }, { projection: PROFILE_FIELDS })
        .maxTimeMS(this.store.operationTimeoutMs)
        .toArray(),
    );
    const byId = new Map(documents.map((document) => [document._id, toProfile(document)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findProfilesByAccountIds(accountIds: readonly string[], parent?: TraceParent): Promise<Profile[][]> {
    const documents = await mongoSpan(parent, this.store, 'find', 'profiles', () =>
      collection(this.store.db, 'profiles')
        .find({ userId: { $in: [...new Set(accountIds)] } }, { projection: PROFILE_FIELDS })
        .maxTimeMS(this.store.operationTimeoutMs)
        .toArray(),
    );
    // Ordered here rather than by the server: the batch spans accounts, and the order is per account.
    documents.sort((a, b) => a.position - b.position);
    const byAccount = new Map<string, Profile[]>();
    for (const document of documents) {
      byAccount.set(document.userId, [...(byAccount.get(document.userId) ?? []), toProfile(document)]);
    }
    return accountIds.map((id) => byAccount.get(id) ?? []);
  }

  async findAccountsByIds(ids: readonly string[], parent?: TraceParent): Promise<(User | null)[]> {
    const documents = await mongoSpan(parent, this.store, 'find', 'accounts', () =>
      collection(this.store.db, 'accounts')
        .find({ _id: { $in: [...new Set(ids)] } }, { projection: ACCOUNT_FIELDS })
        .maxTimeMS(this.store.operationTimeoutMs)
        .toArray(),
    );
    const byId = new Map<string, User>(
      documents.map(({ _id, country, subscription }) => [_id, { id: _id, country, subscription }]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }
}

function toProfile({ _id, userId, name, kind, maxMaturity }: ProfileDocument): Profile {
  return { id: _id, userId, name, kind, maxMaturity };
}
