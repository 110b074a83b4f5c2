/**
 * The vocabulary of decision reasons, the sentence a viewer sees for each, and the shape of the prompt
 * a refusal carries. Other services (playback for DEVICE_UNSUPPORTED, the gateway for
 * TEMPORARILY_UNAVAILABLE) reuse these so that one reason always reads the same, whichever service
 * produced it, and playback passes entitlements' prompt on without reading anybody's internals.
 */
import type { SubscriptionTier } from './vocabulary';

/** Refusals of the entitlement decision, in the order its checks run (docs/play-contract.md). */
export const REFUSAL_REASONS = [
  'TITLE_NOT_FOUND',
  'PROFILE_NOT_FOUND',
  'GEO_RESTRICTED',
  'OUTSIDE_LICENSE_WINDOW',
  'MATURITY_RESTRICTED',
  'RENTAL_EXPIRED',
  'UPGRADE_REQUIRED',
  'SUBSCRIPTION_REQUIRED',
  'PURCHASE_REQUIRED',
] as const;

/** Why the entitlement decision refused; see {@link REFUSAL_REASONS} for the order. */
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The commercial refusals: the ones something can be bought against, so they carry a prompt. */
export type CommercialRefusal = Extract<
  RefusalReason,
  'RENTAL_EXPIRED' | 'UPGRADE_REQUIRED' | 'SUBSCRIPTION_REQUIRED' | 'PURCHASE_REQUIRED'
>;

/**
 * Every reason a play request can end with: the entitlement refusals plus the grant, the device check
 * (decided while building the manifest) and the failure fallback. Mirrors the `DecisionReason` GraphQL enum.
 */
export type DecisionReason = 'GRANTED' | RefusalReason | 'DEVICE_UNSUPPORTED' | 'TEMPORARILY_UNAVAILABLE';

/**
 * One plain sentence per reason, written for the viewer rather than for support staff. The strings are
 * constant on purpose: they are safe to cache and to translate by key, and they never echo account data
 * (tiers, prices) that the prompt already carries in structured form.
 */
export const DECISION_MESSAGES: Readonly<Record<DecisionReason, string>> = Object.freeze({
  GRANTED: 'Enjoy the show.',
  TITLE_NOT_FOUND: "We couldn't find this title.",
  PROFILE_NOT_FOUND: "We couldn't find this profile on your account.",
  GEO_RESTRICTED: "This title isn't available in your country.",
  OUTSIDE_LICENSE_WINDOW: "This title isn't available to watch at the moment.",
  MATURITY_RESTRICTED: "This title's maturity rating is above what this profile is allowed to watch.",
  RENTAL_EXPIRED: 'Your rental of this title has expired.',
  UPGRADE_REQUIRED: "Your current plan doesn't include this title, so you'll need to upgrade to watch it.",
  SUBSCRIPTION_REQUIRED: 'You need a subscription to watch this title.',
  PURCHASE_REQUIRED: "This title isn't included in any plan, so you'll need to rent or buy it to watch it.",
  DEVICE_UNSUPPORTED: "This title can't be played on this device.",
  TEMPORARILY_UNAVAILABLE: "We can't start this title right now; please try again in a few minutes.",
});

/**
 * One way to get access to a title. Fields that do not apply to the `type` are null: `tier` is set only
 * for SUBSCRIPTION, `rentalHours` only for RENTAL. `priceCents` is in the minor unit of `currency`; a
 * SUBSCRIPTION's price is per month.
 */
export interface Offer {
  type: 'SUBSCRIPTION' | 'RENTAL' | 'PURCHASE';
  tier: SubscriptionTier | null;
  priceCents: number | null;
  currency: string | null;
  rentalHours: number | null;
}

/** What a refused viewer can do. Invariant: `offers` is non-empty and its first offer matches `action`. */
export interface Prompt {
  /** The main way out, for the primary button. */
  action: 'SUBSCRIBE' | 'UPGRADE' | 'RENT' | 'BUY';
  /** Every way out that applies, main one first. */
  offers: Offer[];
}
