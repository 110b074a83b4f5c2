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
import { earliest } from './instants';
import { DECISION_MESSAGES } from '@contracts/decision';
import type { CommercialRefusal, RefusalReason } from '@contracts/decision';
import { promptFor } from './prompts';
import type { Prompt } from '@contracts/decision';
import { UnreachableCaseError } from '@platform/unreachable';
import { isInsideLicenseWindow, isLicensedIn, readInstant } from '@contracts/availability';
import type { RuleTrace } from '@contracts/ruleChecks';
import { countryEvidence, iso, holdingsEvidence, maturityEvidence, windowEvidence } from './evidence';

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
 *
 * Given a `trace` (`explainPlay`), each rule it evaluates is recorded with the facts it read; `play`
 * passes none, and then no evidence is built.
 */
export function decideEntitlement(input: DecisionInput, trace?: RuleTrace): EntitlementDecision {
  const { now, title, profile } = input;
  if (title === null) {
    trace?.failed('TITLE_EXISTS', ['The catalog has no such title.']);
    return refuse('TITLE_NOT_FOUND');
  }
  trace?.passed('TITLE_EXISTS', [`The catalog has title ${title.id}.`]);
  // The profiles service already hides other accounts' profiles; checking again here means a bug or a
  // stale cache there still cannot let one account play on another's profile.
  if (profile === null || profile.accountId !== input.accountId) {
    trace?.failed('PROFILE_OF_ACCOUNT', [
      profile === null
        ? `No such profile is visible for account ${input.accountId}.`
        : `Profile ${profile.id} belongs to account ${profile.accountId}, not ${input.accountId}.`,
    ]);
    return refuse('PROFILE_NOT_FOUND');
  }
  trace?.passed('PROFILE_OF_ACCOUNT', [`Profile ${profile.id} belongs to account ${input.accountId}.`]);
  if (!isLicensedIn(title, input.country)) {
    trace?.failed('LICENSED_IN_COUNTRY', countryEvidence(title, input.country));
    return refuse('GEO_RESTRICTED');
  }
  trace?.passed('LICENSED_IN_COUNTRY', countryEvidence(title, input.country));
  if (!isInsideLicenseWindow(title, now)) {
    trace?.failed('LICENSE_WINDOW', windowEvidence(title, now));
    return refuse('OUTSIDE_LICENSE_WINDOW');
  }
  trace?.passed('LICENSE_WINDOW', windowEvidence(title, now));
  // Written as "not allowed" rather than "above the limit" so that a NaN on either side refuses.
  if (!(title.maturityRating <= profile.maxMaturity)) {
    trace?.failed('MATURITY', maturityEvidence(title, profile));
    return refuse('MATURITY_RESTRICTED');
  }
  trace?.passed('MATURITY', maturityEvidence(title, profile));

  const holdings = holdingsFor({ ...input, title });
  const basis = grantBasis(holdings, title);
  if (basis !== null) {
    trace?.passed('ENTITLEMENT', [
      ...holdingsEvidence(holdings, title),
      `Granted through ${describeBasis(basis)}.`,
    ]);
    return {
      allowed: true,
      reason: 'GRANTED',
      message: DECISION_MESSAGES.GRANTED,
      basis,
      validUntil: earliest(basisEnd(basis), readInstant(title.windowEnd)),
    };
  }
  const reason = commercialRefusal(title, holdings);
  trace?.failed('ENTITLEMENT', [...holdingsEvidence(holdings, title), `Refused: ${reason}.`]);
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

/** What a grant rests on, for `explainPlay`'s evidence. */
function describeBasis(basis: GrantBasis): string {
  switch (basis.kind) {
    case 'PURCHASE':
      return 'the purchase';
    case 'RENTAL':
      return `the rental, running until ${iso(basis.expiresAt)}`;
    case 'SUBSCRIPTION':
      return `the ${basis.tier} subscription (playback capped by its tier)`;
    default:
      throw new UnreachableCaseError(basis);
  }
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
