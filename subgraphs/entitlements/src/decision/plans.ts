/**
 * The subscription plans a refused viewer can be offered, priced for the prompt's offers.
 */
import type { SubscriptionTier } from '@contracts/vocabulary';

/**
 * Currency of every plan price. Plans are sold in USD everywhere for now; when regional pricing
 * arrives this becomes a lookup by country, and the prompt's offers already carry the currency.
 */
export const PLAN_CURRENCY = 'USD';

/**
 * The published monthly price list, in cents of {@link PLAN_CURRENCY}, one entry per tier.
 * `satisfies` makes adding a tier without a price a compile error rather than a prompt with a null price.
 */
export const MONTHLY_PLAN_PRICE_CENTS = Object.freeze({
  BASIC: 799,
  STANDARD: 1549,
  PREMIUM: 2299,
} as const satisfies Record<SubscriptionTier, number>);
