/**
 * What one entitlement decision reads, declared by the entitlements service itself: the title and
 * profile fields it asks the gateway for through `@requires`, and the account's holdings from its
 * own store.
 */
import type { EntitlementRecord, Subscription } from '@platform/dataset/model';
import type { SubscriptionTier } from '@contracts/vocabulary';

/**
 * The title fields the decision reads, as the gateway hands them over from the catalog through
 * `@requires` (times are ISO-8601 strings). Declared here, not borrowed from the catalog's storage:
 * this is what the entitlements schema asks for, whatever the catalog keeps.
 */
export interface TitleFacts {
  id: string;
  maturityRating: number;
  countries: string[] | null;
  windowStart: string | null;
  windowEnd: string | null;
  subscriptionTier: SubscriptionTier | null;
  rental: { priceCents: number; currency: string; hours: number } | null;
  purchase: { priceCents: number; currency: string } | null;
}

/** The profile fields the decision reads, as the profiles service resolves them. */
export interface ProfileFacts {
  id: string;
  accountId: string;
  maxMaturity: number;
}

/** Everything one decision depends on, gathered by the caller. */
export interface DecisionInput {
  /** The instant the decision is about; passed in so that the decision stays pure and testable. */
  now: Date;
  /** The account, from the verified token; never from the request body. */
  accountId: string;
  /** Upper-case ISO 3166-1 alpha-2 of the request, or null when missing or invalid. */
  country: string | null;
  /** Null when the catalog has no such title. */
  title: TitleFacts | null;
  /** Null when there is no such profile, or it was hidden because it belongs to another account. */
  profile: ProfileFacts | null;
  /** The account's subscription record whatever its status, or null when it never subscribed. */
  subscription: Subscription | null;
  /** The account's RENTAL and PURCHASE records for this title. */
  entitlements: EntitlementRecord[];
}
