import type { EntitlementRecord, Subscription } from '@platform/dataset/model';
import { StaleCache, type CachePolicy } from '@platform/staleCache';
import type { TraceParent } from '@platform/tracing/spans';
import type { AccountTitle, EntitlementRepository } from './entitlementRepository';

/**
 * Subscriptions and rentals through the subgraph's cache. The policy's maximum age is short
 * (`ENTITLEMENT_MAX_STALE_SECONDS`): past it a failed read is an error, which the decision turns into
 * TEMPORARILY_UNAVAILABLE rather than a grant resting on old rights.
 */
export class CachedEntitlementRepository implements EntitlementRepository {
  private readonly subscriptions: StaleCache<string, Subscription | null>;
  private readonly records: StaleCache<AccountTitle, EntitlementRecord[]>;

  constructor(repository: EntitlementRepository, policy: CachePolicy) {
    this.subscriptions = new StaleCache((ids, parent) => repository.findSubscriptions(ids, parent), {
      name: 'subscriptions',
      policy,
    });
    this.records = new StaleCache((keys, parent) => repository.findEntitlements(keys, parent), {
      name: 'entitlements',
      policy,
      keyOf: ({ accountId, titleId }) => `${accountId}\u0000${titleId}`,
    });
  }

  findSubscriptions(accountIds: readonly string[], parent?: TraceParent): Promise<(Subscription | null)[]> {
    return this.subscriptions.getMany(accountIds, parent);
  }

  findEntitlements(keys: readonly AccountTitle[], parent?: TraceParent): Promise<EntitlementRecord[][]> {
    return this.records.getMany(keys, parent);
  }
}
