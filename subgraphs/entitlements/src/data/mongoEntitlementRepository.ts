import type { EntitlementRecord, Subscription } from '@platform/dataset/model';
import { collection } from '@platform/mongo/collections';
import type { MongoStore } from '@platform/mongo/client';
import { mongoSpan } from '@platform/mongo/spans';
import type { TraceParent } from '@platform/tracing/spans';
import type { AccountTitle, EntitlementRepository } from './entitlementRepository';

const keyOf = (accountId: string, titleId: string) => `${accountId}\u0000${titleId}`;

/** Subscriptions (on `accounts`) and rentals and purchases (`entitlements`); see docs/mongodb.md. */
export class MongoEntitlementRepository implements EntitlementRepository {
  constructor(private readonly store: MongoStore) {}

  async findSubscriptions(
    accountIds: readonly string[],
    parent?: TraceParent,
  ): Promise<(Subscription | null)[]> {
    const documents = await mongoSpan(parent, this.store, 'find', 'accounts', () =>
      collection(this.store.db, 'accounts')
        .find({ _id: { $in: [...new Set(accountIds)] } }, { projection: { subscription: 1 } })
        .maxTimeMS(this.store.operationTimeoutMs)
        .toArray(),
    );
    const byId = new Map(documents.map((document) => [document._id, document.subscription]));
    return accountIds.map((id) => byId.get(id) ?? null);
  }

  /**
   * One query for the whole batch: every record of the batch's accounts for the batch's titles (the
   * `account_title` index), then matched to the pairs asked. A batch is one play request's sessions,
   * so the cross product it may over-read is a handful of records.
   */
  async findEntitlements(
    keys: readonly AccountTitle[],
    parent?: TraceParent,
  ): Promise<EntitlementRecord[][]> {
    const documents = await mongoSpan(parent, this.store, 'find', 'entitlements', () =>
      collection(this.store.db, 'entitlements')
        .find(
          {
            userId: { $in: [...new Set(keys.map((key) => key.accountId))] },
            titleId: { $in: [...new Set(keys.map((key) => key.titleId))] },
          },
          { projection: { _id: 0, userId: 1, titleId: 1, kind: 1, expiresAt: 1 } },
        )
        .maxTimeMS(this.store.operationTimeoutMs)
        .toArray(),
    );
    const byKey = new Map<string, EntitlementRecord[]>();
    for (const { userId, titleId, kind, expiresAt } of documents) {
      const key = keyOf(userId, titleId);
      byKey.set(key, [...(byKey.get(key) ?? []), { userId, titleId, kind, expiresAt }]);
    }
    return keys.map(({ accountId, titleId }) => byKey.get(keyOf(accountId, titleId)) ?? []);
  }
}
