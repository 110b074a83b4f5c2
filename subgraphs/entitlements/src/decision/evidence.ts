/**
 * The facts each rule of the entitlement decision read, in sentences an analyst or a support agent
 * reads in `explainPlay`. Built only when a decision is traced.
 */
import type { TitleFacts, ProfileFacts } from './inputs';
import type { Holdings } from './holdings';

export const iso = (instant: Date) => instant.toISOString();

export function countryEvidence(title: TitleFacts, country: string | null): string[] {
  const licensed =
    title.countries === null || title.countries.length === 0
      ? 'The title is licensed in every country.'
      : `The title is licensed in ${title.countries.join(', ')}.`;
  return [
    licensed,
    country === null ? 'The country of the request is unknown.' : `The request is from ${country}.`,
  ];
}

export function windowEvidence(title: TitleFacts, now: Date): string[] {
  return [
    `The licence window opens ${title.windowStart ?? 'never (always open)'} and closes ${title.windowEnd ?? 'never'}.`,
    `The decision is for ${iso(now)}.`,
  ];
}

export function maturityEvidence(title: TitleFacts, profile: ProfileFacts): string[] {
  return [
    `The title is rated ${title.maturityRating}.`,
    `Profile ${profile.id} plays titles rated up to ${profile.maxMaturity}.`,
  ];
}

/** What the account holds for this title, and what the title can be had through. */
export function holdingsEvidence(holdings: Holdings, title: TitleFacts): string[] {
  const subscription = holdings.activeSubscription
    ? `The account's active subscription is ${holdings.activeSubscription.tier}, paid up to ${iso(holdings.activeSubscription.validUntil)}.`
    : 'The account has no active subscription.';
  const tier = title.subscriptionTier
    ? `The title is included from the ${title.subscriptionTier} tier up.`
    : 'No subscription tier includes the title.';
  const rentals =
    holdings.activeRentalExpiries.length > 0
      ? `The account rents the title until ${iso(holdings.activeRentalExpiries[0]!)}.`
      : holdings.rented
        ? 'Every rental of the title by the account has ended.'
        : 'The account never rented the title.';
  const purchase = holdings.purchased
    ? 'The account bought the title.'
    : 'The account has not bought the title.';
  return [subscription, tier, rentals, purchase];
}
