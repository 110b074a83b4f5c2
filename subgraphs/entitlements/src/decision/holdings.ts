/**
 * What an account holds that could open one title (the entitlement rule's inputs), with expired and inactive
 * records already sorted out, so the decision reads as the rules do.
 */
import type { EntitlementRecord, Subscription } from '@platform/dataset/model';
import { tierRank, type SubscriptionTier } from '@contracts/vocabulary';
import type { TitleFacts } from './inputs';
import { readInstant } from '@contracts/availability';

/** The account's standing for one title at one instant. */
export interface Holdings {
  /** Whether the account bought the title. */
  purchased: boolean;
  /** Expiry of every rental of the title still running, latest first. */
  activeRentalExpiries: Date[];
  /** Whether the account ever rented the title, running or not. */
  rented: boolean;
  /** The subscription if it is ACTIVE and paid up to after now; any other subscription counts as none. */
  activeSubscription: { tier: SubscriptionTier; validUntil: Date } | null;
}

/** The records one {@link Holdings} is computed from. */
export interface HoldingsInput {
  now: Date;
  accountId: string;
  title: Pick<TitleFacts, 'id'>;
  subscription: Subscription | null;
  entitlements: EntitlementRecord[];
}

/** Sorts the account's records into {@link Holdings}. */
export function holdingsFor({ now, accountId, title, subscription, entitlements }: HoldingsInput): Holdings {
  // The caller should pass only this account's records for this title; filtering again keeps a loader
  // mistake from turning someone else's purchase into a grant.
  const records = entitlements.filter((record) => record.userId === accountId && record.titleId === title.id);
  const rentals = records.filter((record) => record.kind === 'RENTAL');
  // A rental without a readable expiry cannot be shown to be running, so it counts as expired.
  const activeRentalExpiries = rentals
    .map((rental) => readInstant(rental.expiresAt))
    .filter((expiresAt): expiresAt is Date => expiresAt !== null && expiresAt > now)
    .sort((a, b) => b.getTime() - a.getTime());

  const validUntil = subscription === null ? null : readInstant(subscription.validUntil);
  const activeSubscription =
    subscription !== null && subscription.status === 'ACTIVE' && validUntil !== null && validUntil > now
      ? { tier: subscription.tier, validUntil }
      : null;

  return {
    // A purchase is kept for good: the entitlement rule sets no condition on it, so any expiresAt on one
    // is ignored.
    purchased: records.some((record) => record.kind === 'PURCHASE'),
    activeRentalExpiries,
    rented: rentals.length > 0,
    activeSubscription,
  };
}

/** Whether a plan of `tier` includes the title; a title with no tier is included in no plan. */
export function tierCovers(tier: SubscriptionTier, title: Pick<TitleFacts, 'subscriptionTier'>): boolean {
  return title.subscriptionTier !== null && tierRank(tier) >= tierRank(title.subscriptionTier);
}
