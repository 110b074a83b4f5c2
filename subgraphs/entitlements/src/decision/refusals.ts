import type { CommercialRefusal, RefusalReason } from '@contracts/decision';

/** The commercial refusals: the ones that depend on what the account holds. */
const COMMERCIAL_REFUSALS: ReadonlySet<RefusalReason> = new Set<CommercialRefusal>([
  'RENTAL_EXPIRED',
  'UPGRADE_REQUIRED',
  'SUBSCRIPTION_REQUIRED',
  'PURCHASE_REQUIRED',
]);

export function isCommercialRefusal(reason: RefusalReason): reason is CommercialRefusal {
  return COMMERCIAL_REFUSALS.has(reason);
}
