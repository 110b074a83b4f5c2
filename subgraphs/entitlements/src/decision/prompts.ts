/**
 * The prompt attached to a commercial refusal (RENTAL_EXPIRED, UPGRADE_REQUIRED, SUBSCRIPTION_REQUIRED,
 * PURCHASE_REQUIRED): every way the viewer could get access to the title, the main one first, priced from the
 * title's own offers and the plan price list.
 */
import { SUBSCRIPTION_TIERS, tierRank, type SubscriptionTier } from '@contracts/vocabulary';
import type { TitleFacts } from './inputs';
import type { CommercialRefusal, Offer, Prompt } from '@contracts/decision';
import { MONTHLY_PLAN_PRICE_CENTS, PLAN_CURRENCY } from './plans';
import { UnreachableCaseError } from '@platform/unreachable';

/** The title terms a prompt is priced from. */
export type OfferTerms = Pick<TitleFacts, 'subscriptionTier' | 'rental' | 'purchase'>;

/** A group of offers that share one action, such as every plan the viewer could upgrade to. */
interface WayOut {
  action: Prompt['action'];
  offers: Offer[];
}

/**
 * Builds the prompt for a commercial refusal.
 *
 * @param activeTier - tier of the account's active subscription, or null when it has none. When set it
 *   is below the title's tier (otherwise the account would have been granted), so plans are offered as
 *   upgrades from it.
 * @returns null when the title offers no way out at all (no tier, no rental, no purchase).
 */
export function promptFor(
  reason: CommercialRefusal,
  title: OfferTerms,
  activeTier: SubscriptionTier | null,
): Prompt | null {
  const rent = rentalWayOut(title);
  const subscribe = subscriptionWayOut(title, activeTier);
  const buy = purchaseWayOut(title);

  const present = waysOutInOrder(reason, rent, subscribe, buy).filter((way): way is WayOut => way !== null);
  const main = present[0];
  if (main === undefined) return null;
  return { action: main.action, offers: present.flatMap((way) => way.offers) };
}

/**
 * The order the ways out are listed in. A viewer whose rental lapsed most likely wants to rent again,
 * so renting leads there; everywhere else the subscription is the product we lead with. Buying is last
 * because it is the most expensive commitment.
 */
function waysOutInOrder(
  reason: CommercialRefusal,
  rent: WayOut | null,
  subscribe: WayOut | null,
  buy: WayOut | null,
): Array<WayOut | null> {
  switch (reason) {
    case 'RENTAL_EXPIRED':
      return [rent, subscribe, buy];
    case 'UPGRADE_REQUIRED':
    case 'SUBSCRIPTION_REQUIRED':
    case 'PURCHASE_REQUIRED':
      // For PURCHASE_REQUIRED the title has no tier, so `subscribe` is null and drops out.
      return [subscribe, rent, buy];
    default:
      throw new UnreachableCaseError(reason);
  }
}

/**
 * Every plan that would cover the title, ascending. With an active lower-tier subscription only plans
 * above it are upgrades; offering the plan the viewer already pays for would be a dead end.
 */
function subscriptionWayOut(title: OfferTerms, activeTier: SubscriptionTier | null): WayOut | null {
  const titleTier = title.subscriptionTier;
  if (titleTier === null) return null;
  const tiers = SUBSCRIPTION_TIERS.filter(
    (tier) =>
      tierRank(tier) >= tierRank(titleTier) && (activeTier === null || tierRank(tier) > tierRank(activeTier)),
  );
  if (tiers.length === 0) return null;
  return {
    action: activeTier === null ? 'SUBSCRIBE' : 'UPGRADE',
    offers: tiers.map((tier) => ({
      type: 'SUBSCRIPTION',
      tier,
      priceCents: MONTHLY_PLAN_PRICE_CENTS[tier],
      currency: PLAN_CURRENCY,
      rentalHours: null,
    })),
  };
}

function rentalWayOut({ rental }: OfferTerms): WayOut | null {
  if (rental === null) return null;
  return {
    action: 'RENT',
    offers: [
      {
        type: 'RENTAL',
        tier: null,
        priceCents: rental.priceCents,
        currency: rental.currency,
        rentalHours: rental.hours,
      },
    ],
  };
}

function purchaseWayOut({ purchase }: OfferTerms): WayOut | null {
  if (purchase === null) return null;
  return {
    action: 'BUY',
    offers: [
      {
        type: 'PURCHASE',
        tier: null,
        priceCents: purchase.priceCents,
        currency: purchase.currency,
        rentalHours: null,
      },
    ],
  };
}
