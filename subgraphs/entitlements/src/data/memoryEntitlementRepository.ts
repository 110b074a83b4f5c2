import type { Dataset, EntitlementRecord, Subscription, User } from '@platform/dataset/model';
import type { AccountTitle, EntitlementRepository } from './entitlementRepository';

const keyOf = ({ accountId, titleId }: AccountTitle) => `${accountId}\u0000${titleId}`;

/** The embedded store: the dataset's subscriptions and entitlement records, indexed once. */
export class MemoryEntitlementRepository implements EntitlementRepository {
  private readonly subscriptions: Map<string, Subscription | null>;
  private readonly records = new Map<string, EntitlementRecord[]>();

  constructor(users: readonly User[], entitlements: readonly EntitlementRecord[]) {
    this.subscriptions = new Map(users.map((user) => [user.id, user.subscription]));
    for (const record of entitlements) {
      const key = keyOf({ accountId: record.userId, titleId: record.titleId });
      this.records.set(key, [...(this.records.get(key) ?? []), record]);
    }
  }

  static fromDataset({ users, entitlements }: Dataset): MemoryEntitlementRepository {
    return new MemoryEntitlementRepository(users, entitlements);
  }

  async findSubscriptions(accountIds: readonly string[]) {
    return accountIds.map((id) => this.subscriptions.get(id) ?? null);
  }

  async findEntitlements(keys: readonly AccountTitle[]) {
    return keys.map((key) => this.records.get(keyOf(key)) ?? []);
  }
}
