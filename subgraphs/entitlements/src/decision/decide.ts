/**
 * The entitlement decision (docs/play-contract.md, from `title-exists` to `entitlement`): may this account
 * play this title on this profile, here and now, and if not, why and what would help. Pure: everything it
 * needs arrives in {@link DecisionInput}, including the clock, so the same input always gives the same
 * decision and a cached decision can be replayed exactly.
 *
 * Every doubt is resolved towards refusal: a failure may cost a viewer a grant, but must never let a profile
 * play above its maturity, outside its country or window, or on another account.
 */
import type { SubscriptionTier } from '@contracts/vocabulary';
import type { DecisionInput, TitleFacts } from './inputs';
import { holdingsFor, tierCovers } from './holdings';
import type { Holdings } from './holdings';
import { earliest, parseInstant } from './instants';
import { DECISION_MESSAGES } from '@contracts/decision';
import type { CommercialRefusal, RefusalReason } from '@contracts/decision';
import { promptFor } from './prompts';
import type { Prompt } from '@contracts/decision';
import { UnreachableCaseError } from '@platform/unreachable';

export type { DecisionReason, RefusalReason } from '@contracts/decision';
export type { Offer, Prompt } from '@contracts/decision';
export type { DecisionInput, ProfileFacts, TitleFacts } from './inputs';

/** What a grant rests on. The manifest caps resolution by tier only for a SUBSCRIPTION grant. */
export type GrantBasis =
  | { kind: 'PURCHASE' }
  | { kind: 'RENTAL'; expiresAt: Date }
  | { kind: 'SUBSCRIPTION'; tier: SubscriptionTier; validUntil: Date };

/** The outcome of the entitlement decision. `allowed` is true exactly when `reason` is GRANTED. */
export type EntitlementDecision =
  | {
      allowed: true;
      reason: 'GRANTED';
      message: string;
      basis: GrantBasis;
      /** The earlier of the basis's end and the title's `windowEnd`; null when neither bounds it. */
      validUntil: Date | null;
    }
  | {
      allowed: false;
      reason: RefusalReason;
      message: string;
      /**
       * How to get access; null for the refusals no purchase can fix (title, profile, country, window,
       * maturity), and when nothing is offered.
       */
      prompt: Prompt | null;
    };

/**
 * Runs the checks in the contract's order; the first one that refuses gives the reason. Grants prefer a
 * PURCHASE, then the RENTAL that lasts longest, then the SUBSCRIPTION: purchases and rentals play at
 * full resolution, so leaning on them first never gives the viewer less than they paid for.
 */
export function decideEntitlement(input: DecisionInput): EntitlementDecision {
  const { now, title, profile } = input;
  if (title === null) return refuse('TITLE_NOT_FOUND');
  // The profiles service already hides other accounts' profiles; checking again here means a bug or a
  // stale cache there still cannot let one account play on another's profile.
  if (profile === null || profile.accountId !== input.accountId) return refuse('PROFILE_NOT_FOUND');
  if (!isLicensedIn(title, input.country)) return refuse('GEO_RESTRICTED');
  if (!isInsideWindow(title, now)) return refuse('OUTSIDE_LICENSE_WINDOW');
  // Written as "not allowed" rather than "above the limit" so that a NaN on either side refuses.
  if (!(title.maturityRating <= profile.maxMaturity)) return refuse('MATURITY_RESTRICTED');

  const holdings = holdingsFor({ ...input, title });
  const basis = grantBasis(holdings, title);
  if (basis !== null) {
    return {
      allowed: true,
      reason: 'GRANTED',
      message: DECISION_MESSAGES.GRANTED,
      basis,
      validUntil: earliest(basisEnd(basis), parseInstant(title.windowEnd)),
    };
  }
  const reason = commercialRefusal(title, holdings);
  return refuse(reason, promptFor(reason, title, holdings.activeSubscription?.tier ?? null));
}

/** The entitlement rule, in order of preference; null when the account is not entitled. */
function grantBasis(holdings: Holdings, title: TitleFacts): GrantBasis | null {
  if (holdings.purchased) return { kind: 'PURCHASE' };
  const latestRental = holdings.activeRentalExpiries[0];
  if (latestRental !== undefined) return { kind: 'RENTAL', expiresAt: latestRental };
  const subscription = holdings.activeSubscription;
  if (subscription === null || !tierCovers(subscription.tier, title)) return null;
  return { kind: 'SUBSCRIPTION', ...subscription };
}

/**
 * The commercial refusals, reached only when the account is not entitled: an active subscription at this
 * point does not cover the title, so it is either below the title's tier or the title is in no plan at all.
 */
function commercialRefusal(title: TitleFacts, holdings: Holdings): CommercialRefusal {
  // Any running rental would have granted, so every rental of the title has expired.
  if (holdings.rented) return 'RENTAL_EXPIRED';
  if (title.subscriptionTier === null) return 'PURCHASE_REQUIRED';
  return holdings.activeSubscription !== null ? 'UPGRADE_REQUIRED' : 'SUBSCRIPTION_REQUIRED';
}

/** Null or empty `countries` means licensed everywhere; otherwise an unknown country is not in the list. */
function isLicensedIn(title: TitleFacts, country: string | null): boolean {
  if (title.countries === null || title.countries.length === 0) return true;
  return country !== null && title.countries.includes(country);
}

/**
 * `windowStart` is inclusive and `windowEnd` exclusive, so consecutive windows never overlap. An
 * unreadable bound refuses: we cannot show the title is licensed now.
 */
function isInsideWindow(title: TitleFacts, now: Date): boolean {
  const start = parseInstant(title.windowStart);
  const end = parseInstant(title.windowEnd);
  const unreadable =
    (title.windowStart !== null && start === null) || (title.windowEnd !== null && end === null);
  return !unreadable && (start === null || now >= start) && (end === null || now < end);
}

function basisEnd(basis: GrantBasis): Date | null {
  switch (basis.kind) {
    case 'PURCHASE':
      return null;
    case 'RENTAL':
      return basis.expiresAt;
    case 'SUBSCRIPTION':
      return basis.validUntil;
    default:
      throw new UnreachableCaseError(basis);
  }
}

function refuse(reason: RefusalReason, prompt: Prompt | null = null): EntitlementDecision {
  return { allowed: false, reason, message: DECISION_MESSAGES[reason], prompt };
}
