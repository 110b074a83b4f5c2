import type { EntitlementRecord, Subscription } from '@platform/dataset/model';

/** An account's rentals and purchases of one title. */
export interface AccountTitle {
  accountId: string;
  titleId: string;
}

/** Where subscriptions, rentals and purchases live: the embedded store or MongoDB. */
export interface EntitlementRepository {
  /** Each account's subscription (whatever its status), null when it never had one. One round trip. */
  findSubscriptions(accountIds: readonly string[]): Promise<(Subscription | null)[]>;
  /** Rental and purchase records per account and title, in the order asked. One round trip. */
  findEntitlements(keys: readonly AccountTitle[]): Promise<EntitlementRecord[][]>;
}
