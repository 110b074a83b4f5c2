import DataLoader from 'dataloader';
import type { EntitlementRecord, Subscription } from '@platform/dataset/model';
import type { TraceParent } from '@platform/tracing/spans';
import type { AccountTitle, EntitlementRepository } from './entitlementRepository';

export interface EntitlementsLoaders {
  /** Subscriptions by account: a batch of play sessions for one account reads it once. */
  subscription: DataLoader<string, Subscription | null>;
  /** Rentals and purchases by account and title: one repository call per `_entities` batch. */
  entitlements: DataLoader<AccountTitle, EntitlementRecord[], string>;
}

/**
 * New loaders for every request, so nothing cached here outlives the request; their reads are traced
 * under `trace`, the request's (a batch may serve several decisions of it).
 */
export function createLoaders(repository: EntitlementRepository, trace: TraceParent): EntitlementsLoaders {
  return {
    subscription: new DataLoader((ids) => repository.findSubscriptions(ids, trace)),
    entitlements: new DataLoader((keys) => repository.findEntitlements(keys, trace), {
      cacheKeyFn: ({ accountId, titleId }) => `${accountId}\u0000${titleId}`,
    }),
  };
}
