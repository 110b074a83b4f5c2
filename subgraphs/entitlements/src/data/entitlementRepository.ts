import type { EntitlementRecord, Subscription } from '@platform/dataset/model';
import type { TraceParent } from '@platform/tracing/spans';

/** An account's rentals and purchases of one title. */
export interface AccountTitle {
  accountId: string;
  titleId: string;
}

/**
 * Where subscriptions, rentals and purchases live: the embedded store or MongoDB. `parent` of a read:
 * the request it is for, under which a database read is traced (lib/platform/mongo/spans.ts); none,
 * no span.
 */
export interface EntitlementRepository {
  /** Each account's subscription (whatever its status), null when it never had one. One round trip. */
  findSubscriptions(accountIds: readonly string[], parent?: TraceParent): Promise<(Subscription | null)[]>;
  /** Rental and purchase records per account and title, in the order asked. One round trip. */
  findEntitlements(keys: readonly AccountTitle[], parent?: TraceParent): Promise<EntitlementRecord[][]>;
}
