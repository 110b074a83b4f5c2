import type { EntitlementRecord, Subscription } from '@platform/dataset/model';
import type { SubscriptionTier } from '@contracts/vocabulary';
import { decideEntitlement } from './decide';
import type {
  DecisionInput,
  DecisionReason,
  EntitlementDecision,
  GrantBasis,
  Offer,
  ProfileFacts,
  RefusalReason,
  TitleFacts,
} from './decide';
import { DECISION_MESSAGES, REFUSAL_REASONS } from '@contracts/decision';
import { RuleTrace, type PlayRule } from '@contracts/ruleChecks';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const HOUR_MS = 60 * 60 * 1000;
const DAY_HOURS = 24;
const ACCOUNT_ID = 'account-1';
const TITLE_ID = 'title-1';

/** The ISO instant `hours` after NOW; negative hours are in the past. */
function hoursFromNow(hours: number): string {
  return new Date(NOW.getTime() + hours * HOUR_MS).toISOString();
}

// Test state builder: a request that would be granted through a STANDARD plan, adjusted step by step.
// By default the title is STANDARD-tier, rated 13, licensed in US/CA for 30 days either side of NOW,
// rentable and buyable in USD; the profile (max 18) belongs to the caller, who holds nothing yet.

function aTitle(overrides: Partial<TitleFacts> = {}): TitleFacts {
  return {
    id: TITLE_ID,
    maturityRating: 13,
    countries: ['US', 'CA'],
    windowStart: hoursFromNow(-30 * DAY_HOURS),
    windowEnd: hoursFromNow(30 * DAY_HOURS),
    subscriptionTier: 'STANDARD',
    rental: { priceCents: 399, currency: 'USD', hours: 48 },
    purchase: { priceCents: 1499, currency: 'USD' },
    ...overrides,
  };
}

function aProfile(overrides: Partial<ProfileFacts> = {}): ProfileFacts {
  return { id: 'profile-1', accountId: ACCOUNT_ID, maxMaturity: 18, ...overrides };
}

function aSubscription(tier: SubscriptionTier, overrides: Partial<Subscription> = {}): Subscription {
  return { tier, status: 'ACTIVE', validUntil: hoursFromNow(10 * DAY_HOURS), ...overrides };
}

function aRental(
  expiresInHours: number | null,
  overrides: Partial<EntitlementRecord> = {},
): EntitlementRecord {
  const expiresAt = expiresInHours === null ? null : hoursFromNow(expiresInHours);
  return { userId: ACCOUNT_ID, titleId: TITLE_ID, kind: 'RENTAL', expiresAt, ...overrides };
}

function aPurchase(overrides: Partial<EntitlementRecord> = {}): EntitlementRecord {
  return { userId: ACCOUNT_ID, titleId: TITLE_ID, kind: 'PURCHASE', expiresAt: null, ...overrides };
}

function aRequest(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    now: NOW,
    accountId: ACCOUNT_ID,
    country: 'US',
    title: aTitle(),
    profile: aProfile(),
    subscription: null,
    entitlements: [],
    ...overrides,
  };
}

type Refusal = Extract<EntitlementDecision, { allowed: false }>;
type Grant = Extract<EntitlementDecision, { allowed: true }>;

function refusalOf(decision: EntitlementDecision): Refusal {
  if (decision.allowed) throw new Error(`expected a refusal, got a grant through ${decision.basis.kind}`);
  return decision;
}

function grantOf(decision: EntitlementDecision): Grant {
  if (!decision.allowed) throw new Error(`expected a grant, got ${decision.reason}`);
  return decision;
}

const RENTAL_OFFER: Offer = { type: 'RENTAL', tier: null, priceCents: 399, currency: 'USD', rentalHours: 48 };
const PURCHASE_OFFER: Offer = {
  type: 'PURCHASE',
  tier: null,
  priceCents: 1499,
  currency: 'USD',
  rentalHours: null,
};
const BASIC_PLAN: Offer = {
  type: 'SUBSCRIPTION',
  tier: 'BASIC',
  priceCents: 799,
  currency: 'USD',
  rentalHours: null,
};
const STANDARD_PLAN: Offer = {
  type: 'SUBSCRIPTION',
  tier: 'STANDARD',
  priceCents: 1549,
  currency: 'USD',
  rentalHours: null,
};
const PREMIUM_PLAN: Offer = {
  type: 'SUBSCRIPTION',
  tier: 'PREMIUM',
  priceCents: 2299,
  currency: 'USD',
  rentalHours: null,
};

interface RefusalCase {
  name: string;
  input: DecisionInput;
  reason: RefusalReason;
}

const nonCommercialRefusals: RefusalCase[] = [
  {
    name: 'refuses a title that does not exist',
    input: aRequest({ title: null }),
    reason: 'TITLE_NOT_FOUND',
  },
  {
    name: 'reports a missing title before a missing profile',
    input: aRequest({ title: null, profile: null }),
    reason: 'TITLE_NOT_FOUND',
  },
  {
    name: 'refuses a profile that does not exist',
    input: aRequest({ profile: null, subscription: aSubscription('PREMIUM') }),
    reason: 'PROFILE_NOT_FOUND',
  },
  {
    name: 'refuses a profile of another account even when the caller owns the title',
    input: aRequest({ profile: aProfile({ accountId: 'account-2' }), entitlements: [aPurchase()] }),
    reason: 'PROFILE_NOT_FOUND',
  },
  {
    name: 'reports a missing profile before a country restriction',
    input: aRequest({ profile: null, country: 'FR' }),
    reason: 'PROFILE_NOT_FOUND',
  },
  {
    name: 'refuses a country the title is not licensed in, even with a purchase',
    input: aRequest({ country: 'FR', entitlements: [aPurchase()] }),
    reason: 'GEO_RESTRICTED',
  },
  {
    name: 'refuses a country-restricted title when the request has no country',
    input: aRequest({ country: null, subscription: aSubscription('PREMIUM') }),
    reason: 'GEO_RESTRICTED',
  },
  {
    name: 'compares countries exactly, so a lower-case code does not match',
    input: aRequest({ country: 'us', subscription: aSubscription('PREMIUM') }),
    reason: 'GEO_RESTRICTED',
  },
  {
    name: 'reports a country restriction before the license window',
    input: aRequest({ country: 'FR', title: aTitle({ windowEnd: hoursFromNow(-1) }) }),
    reason: 'GEO_RESTRICTED',
  },
  {
    name: 'refuses before the license window opens',
    input: aRequest({ title: aTitle({ windowStart: hoursFromNow(1) }), entitlements: [aPurchase()] }),
    reason: 'OUTSIDE_LICENSE_WINDOW',
  },
  {
    name: 'refuses at the exact instant the license window closes',
    input: aRequest({ title: aTitle({ windowEnd: NOW.toISOString() }), entitlements: [aPurchase()] }),
    reason: 'OUTSIDE_LICENSE_WINDOW',
  },
  {
    name: 'refuses after the license window has closed',
    input: aRequest({
      title: aTitle({ windowEnd: hoursFromNow(-1) }),
      subscription: aSubscription('PREMIUM'),
    }),
    reason: 'OUTSIDE_LICENSE_WINDOW',
  },
  {
    name: 'refuses when a license window bound cannot be read',
    input: aRequest({ title: aTitle({ windowEnd: 'not-a-date' }), entitlements: [aPurchase()] }),
    reason: 'OUTSIDE_LICENSE_WINDOW',
  },
  {
    name: 'reports the license window before the maturity rating',
    input: aRequest({
      title: aTitle({ windowStart: hoursFromNow(1), maturityRating: 18 }),
      profile: aProfile({ maxMaturity: 7 }),
    }),
    reason: 'OUTSIDE_LICENSE_WINDOW',
  },
  {
    name: 'refuses a title rated above the profile limit',
    input: aRequest({ profile: aProfile({ maxMaturity: 7 }) }),
    reason: 'MATURITY_RESTRICTED',
  },
  {
    name: 'refuses a title rated above the profile limit even when the account bought it',
    input: aRequest({ profile: aProfile({ maxMaturity: 7 }), entitlements: [aPurchase()] }),
    reason: 'MATURITY_RESTRICTED',
  },
  {
    name: 'refuses a title rated above the profile limit even with a running rental',
    input: aRequest({ profile: aProfile({ maxMaturity: 7 }), entitlements: [aRental(5)] }),
    reason: 'MATURITY_RESTRICTED',
  },
  {
    name: 'refuses a title rated above the profile limit even with a premium subscription',
    input: aRequest({ profile: aProfile({ maxMaturity: 0 }), subscription: aSubscription('PREMIUM') }),
    reason: 'MATURITY_RESTRICTED',
  },
  {
    name: 'reports the maturity rating before any commercial refusal',
    input: aRequest({ profile: aProfile({ maxMaturity: 7 }), entitlements: [aRental(-1)] }),
    reason: 'MATURITY_RESTRICTED',
  },
];

const commercialRefusals: RefusalCase[] = [
  {
    name: 'refuses with RENTAL_EXPIRED when the only rental has expired',
    input: aRequest({ entitlements: [aRental(-1)] }),
    reason: 'RENTAL_EXPIRED',
  },
  {
    name: 'treats a rental expiring exactly now as expired',
    input: aRequest({ entitlements: [aRental(0)] }),
    reason: 'RENTAL_EXPIRED',
  },
  {
    name: 'treats a rental with no expiry as expired rather than running forever',
    input: aRequest({ entitlements: [aRental(null)] }),
    reason: 'RENTAL_EXPIRED',
  },
  {
    name: 'refuses with RENTAL_EXPIRED when every one of several rentals has expired',
    input: aRequest({ entitlements: [aRental(-1), aRental(-48)] }),
    reason: 'RENTAL_EXPIRED',
  },
  {
    name: 'reports an expired rental before an upgrade',
    input: aRequest({ entitlements: [aRental(-1)], subscription: aSubscription('BASIC') }),
    reason: 'RENTAL_EXPIRED',
  },
  {
    name: 'reports an expired rental before a missing subscription',
    input: aRequest({
      entitlements: [aRental(-1)],
      subscription: aSubscription('PREMIUM', { status: 'CANCELED' }),
    }),
    reason: 'RENTAL_EXPIRED',
  },
  {
    name: 'reports an expired rental of a title in no tier as RENTAL_EXPIRED, not PURCHASE_REQUIRED',
    input: aRequest({ title: aTitle({ subscriptionTier: null }), entitlements: [aRental(-1)] }),
    reason: 'RENTAL_EXPIRED',
  },
  {
    name: 'asks for an upgrade when the active subscription is below the title tier',
    input: aRequest({ subscription: aSubscription('BASIC') }),
    reason: 'UPGRADE_REQUIRED',
  },
  {
    name: 'asks for an upgrade from STANDARD to a PREMIUM title',
    input: aRequest({
      title: aTitle({ subscriptionTier: 'PREMIUM' }),
      subscription: aSubscription('STANDARD'),
    }),
    reason: 'UPGRADE_REQUIRED',
  },
  {
    name: 'asks for a subscription when the account never subscribed',
    input: aRequest(),
    reason: 'SUBSCRIPTION_REQUIRED',
  },
  {
    name: 'counts a CANCELED subscription as none, rather than asking for an upgrade',
    input: aRequest({ subscription: aSubscription('BASIC', { status: 'CANCELED' }) }),
    reason: 'SUBSCRIPTION_REQUIRED',
  },
  {
    name: 'counts a CANCELED subscription of a high enough tier as none',
    input: aRequest({ subscription: aSubscription('PREMIUM', { status: 'CANCELED' }) }),
    reason: 'SUBSCRIPTION_REQUIRED',
  },
  {
    name: 'counts a PAST_DUE subscription as none',
    input: aRequest({ subscription: aSubscription('PREMIUM', { status: 'PAST_DUE' }) }),
    reason: 'SUBSCRIPTION_REQUIRED',
  },
  {
    name: 'counts an ACTIVE subscription whose validUntil has passed as none',
    input: aRequest({ subscription: aSubscription('PREMIUM', { validUntil: hoursFromNow(-1) }) }),
    reason: 'SUBSCRIPTION_REQUIRED',
  },
  {
    name: 'counts an ACTIVE subscription valid until exactly now as none',
    input: aRequest({ subscription: aSubscription('PREMIUM', { validUntil: NOW.toISOString() }) }),
    reason: 'SUBSCRIPTION_REQUIRED',
  },
  {
    name: "ignores purchases and rentals of other titles and other accounts' records",
    input: aRequest({
      entitlements: [
        aPurchase({ titleId: 'title-2' }),
        aPurchase({ userId: 'account-2' }),
        aRental(5, { titleId: 'title-2' }),
      ],
    }),
    reason: 'SUBSCRIPTION_REQUIRED',
  },
  {
    name: 'asks for a purchase when the title is in no tier and the account holds nothing',
    input: aRequest({ title: aTitle({ subscriptionTier: null }) }),
    reason: 'PURCHASE_REQUIRED',
  },
  {
    name: 'asks for a purchase of a title in no tier even from a premium subscriber',
    input: aRequest({ title: aTitle({ subscriptionTier: null }), subscription: aSubscription('PREMIUM') }),
    reason: 'PURCHASE_REQUIRED',
  },
];

describe('decideEntitlement', () => {
  describe("refusals, checked in the contract's order", () => {
    it.each([...nonCommercialRefusals, ...commercialRefusals])('$name', ({ input, reason }) => {
      const decision = refusalOf(decideEntitlement(input));

      expect(decision.reason).toBe(reason);
      expect(decision.message).toBe(DECISION_MESSAGES[reason]);
    });

    it.each(nonCommercialRefusals)('offers no prompt for a refusal no purchase fixes: $name', ({ input }) => {
      expect(refusalOf(decideEntitlement(input)).prompt).toBeNull();
    });
  });

  describe('traced (explainPlay)', () => {
    /** The rule each refusal fails at. */
    const FAILING_RULE: Record<RefusalReason, PlayRule> = {
      TITLE_NOT_FOUND: 'TITLE_EXISTS',
      PROFILE_NOT_FOUND: 'PROFILE_OF_ACCOUNT',
      GEO_RESTRICTED: 'LICENSED_IN_COUNTRY',
      OUTSIDE_LICENSE_WINDOW: 'LICENSE_WINDOW',
      MATURITY_RESTRICTED: 'MATURITY',
      RENTAL_EXPIRED: 'ENTITLEMENT',
      UPGRADE_REQUIRED: 'ENTITLEMENT',
      SUBSCRIPTION_REQUIRED: 'ENTITLEMENT',
      PURCHASE_REQUIRED: 'ENTITLEMENT',
    };

    it.each([...nonCommercialRefusals, ...commercialRefusals])(
      'decides the same with a trace, which fails exactly the rule of the reason: $name',
      ({ input, reason }) => {
        const trace = new RuleTrace();
        expect(decideEntitlement(input, trace)).toEqual(decideEntitlement(input));
        const checks = trace.checks('ENTITLEMENT');
        const failedAt = checks.findIndex((check) => check.outcome === 'FAILED');
        expect(checks[failedAt]!.rule).toBe(FAILING_RULE[reason]);
        expect(checks.slice(0, failedAt).every((check) => check.outcome === 'PASSED')).toBe(true);
        expect(checks.slice(failedAt + 1).every((check) => check.outcome === 'NOT_REACHED')).toBe(true);
        expect(checks[failedAt]!.evidence.length).toBeGreaterThan(0);
      },
    );

    it('records what each rule read: the plan held, the tier needed, the rental and the window', () => {
      const trace = new RuleTrace();
      decideEntitlement(
        aRequest({ subscription: aSubscription('BASIC'), entitlements: [aRental(-1)], country: 'CA' }),
        trace,
      );
      const evidence = Object.fromEntries(
        trace.checks('ENTITLEMENT').map((check) => [check.rule, check.evidence]),
      );
      expect(evidence.LICENSED_IN_COUNTRY).toEqual([
        'The title is licensed in US, CA.',
        'The request is from CA.',
      ]);
      expect(evidence.LICENSE_WINDOW).toEqual([
        `The licence window opens ${hoursFromNow(-30 * DAY_HOURS)} and closes ${hoursFromNow(30 * DAY_HOURS)}.`,
        `The decision is for ${NOW.toISOString()}.`,
      ]);
      expect(evidence.ENTITLEMENT).toEqual([
        `The account's active subscription is BASIC, paid up to ${hoursFromNow(10 * DAY_HOURS)}.`,
        'The title is included from the STANDARD tier up.',
        'Every rental of the title by the account has ended.',
        'The account has not bought the title.',
        'Refused: RENTAL_EXPIRED.',
      ]);
    });

    it('passes every rule of a grant and says what it rests on', () => {
      const trace = new RuleTrace();
      grantOf(decideEntitlement(aRequest({ entitlements: [aRental(5)] }), trace));
      const checks = trace.checks('ENTITLEMENT');
      expect(checks.map((check) => check.outcome)).toEqual(checks.map(() => 'PASSED'));
      expect(checks.at(-1)!.evidence.at(-1)).toBe(
        `Granted through the rental, running until ${hoursFromNow(5)}.`,
      );
    });

    it('records the same checks without their descriptions, up to the last rule asked for', () => {
      const trace = new RuleTrace();
      decideEntitlement(aRequest({ title: null }), trace);
      const recorded = trace.recorded('LICENSE_WINDOW');
      expect(recorded).toEqual(
        trace.checks('LICENSE_WINDOW').map(({ rule, outcome, evidence }) => ({ rule, outcome, evidence })),
      );
      expect(recorded.map((check) => [check.rule, check.outcome])).toEqual([
        ['TITLE_EXISTS', 'FAILED'],
        ['PROFILE_OF_ACCOUNT', 'NOT_REACHED'],
        ['LICENSED_IN_COUNTRY', 'NOT_REACHED'],
        ['LICENSE_WINDOW', 'NOT_REACHED'],
      ]);
    });
  });

  describe('grants', () => {
    interface GrantCase {
      name: string;
      input: DecisionInput;
      basis: GrantBasis;
      validUntil: Date | null;
    }
    const windowEnd = new Date(hoursFromNow(30 * DAY_HOURS));
    const subscriptionEnd = new Date(hoursFromNow(10 * DAY_HOURS));

    const grants: GrantCase[] = [
      {
        name: 'grants through a purchase, valid until the license window closes',
        input: aRequest({ entitlements: [aPurchase()] }),
        basis: { kind: 'PURCHASE' },
        validUntil: windowEnd,
      },
      {
        name: 'grants through a purchase without end when the title has no window end',
        input: aRequest({ title: aTitle({ windowEnd: null }), entitlements: [aPurchase()] }),
        basis: { kind: 'PURCHASE' },
        validUntil: null,
      },
      {
        name: 'grants a title in no tier through a purchase',
        input: aRequest({ title: aTitle({ subscriptionTier: null }), entitlements: [aPurchase()] }),
        basis: { kind: 'PURCHASE' },
        validUntil: windowEnd,
      },
      {
        name: 'prefers a purchase over a running rental and a covering subscription',
        input: aRequest({ entitlements: [aRental(5), aPurchase()], subscription: aSubscription('PREMIUM') }),
        basis: { kind: 'PURCHASE' },
        validUntil: windowEnd,
      },
      {
        name: 'grants through a running rental until it expires',
        input: aRequest({ entitlements: [aRental(5)] }),
        basis: { kind: 'RENTAL', expiresAt: new Date(hoursFromNow(5)) },
        validUntil: new Date(hoursFromNow(5)),
      },
      {
        name: 'grants through a rental only until the license window closes when that comes first',
        input: aRequest({ title: aTitle({ windowEnd: hoursFromNow(2) }), entitlements: [aRental(5)] }),
        basis: { kind: 'RENTAL', expiresAt: new Date(hoursFromNow(5)) },
        validUntil: new Date(hoursFromNow(2)),
      },
      {
        name: 'grants through the rental that expires last when several are running',
        input: aRequest({ entitlements: [aRental(3), aRental(-2), aRental(7), aRental(5)] }),
        basis: { kind: 'RENTAL', expiresAt: new Date(hoursFromNow(7)) },
        validUntil: new Date(hoursFromNow(7)),
      },
      {
        name: 'prefers a running rental over a covering subscription',
        input: aRequest({ entitlements: [aRental(5)], subscription: aSubscription('PREMIUM') }),
        basis: { kind: 'RENTAL', expiresAt: new Date(hoursFromNow(5)) },
        validUntil: new Date(hoursFromNow(5)),
      },
      {
        name: 'grants through a subscription of exactly the title tier',
        input: aRequest({ subscription: aSubscription('STANDARD') }),
        basis: { kind: 'SUBSCRIPTION', tier: 'STANDARD', validUntil: subscriptionEnd },
        validUntil: subscriptionEnd,
      },
      {
        name: 'grants through a subscription of a higher tier, keeping that tier for the resolution cap',
        input: aRequest({
          title: aTitle({ subscriptionTier: 'BASIC' }),
          subscription: aSubscription('PREMIUM'),
        }),
        basis: { kind: 'SUBSCRIPTION', tier: 'PREMIUM', validUntil: subscriptionEnd },
        validUntil: subscriptionEnd,
      },
      {
        name: 'grants through a subscription only until the license window closes when that comes first',
        input: aRequest({
          title: aTitle({ windowEnd: hoursFromNow(1) }),
          subscription: aSubscription('STANDARD'),
        }),
        basis: { kind: 'SUBSCRIPTION', tier: 'STANDARD', validUntil: subscriptionEnd },
        validUntil: new Date(hoursFromNow(1)),
      },
      {
        name: 'grants at the exact instant the license window opens',
        input: aRequest({
          title: aTitle({ windowStart: NOW.toISOString() }),
          subscription: aSubscription('STANDARD'),
        }),
        basis: { kind: 'SUBSCRIPTION', tier: 'STANDARD', validUntil: subscriptionEnd },
        validUntil: subscriptionEnd,
      },
      {
        name: 'grants a title with no license window at all',
        input: aRequest({
          title: aTitle({ windowStart: null, windowEnd: null }),
          subscription: aSubscription('STANDARD'),
        }),
        basis: { kind: 'SUBSCRIPTION', tier: 'STANDARD', validUntil: subscriptionEnd },
        validUntil: subscriptionEnd,
      },
      {
        name: 'grants a title licensed everywhere to a request with no country',
        input: aRequest({ country: null, title: aTitle({ countries: null }), entitlements: [aPurchase()] }),
        basis: { kind: 'PURCHASE' },
        validUntil: windowEnd,
      },
      {
        name: 'grants a title with an empty country list to a request with no country',
        input: aRequest({ country: null, title: aTitle({ countries: [] }), entitlements: [aPurchase()] }),
        basis: { kind: 'PURCHASE' },
        validUntil: windowEnd,
      },
      {
        name: 'grants a title rated exactly at the profile limit',
        input: aRequest({
          title: aTitle({ maturityRating: 16 }),
          profile: aProfile({ maxMaturity: 16 }),
          entitlements: [aPurchase()],
        }),
        basis: { kind: 'PURCHASE' },
        validUntil: windowEnd,
      },
    ];

    it.each(grants)('$name', ({ input, basis, validUntil }) => {
      const decision = grantOf(decideEntitlement(input));

      expect(decision.reason).toBe('GRANTED');
      expect(decision.message).toBe(DECISION_MESSAGES.GRANTED);
      expect(decision.basis).toEqual(basis);
      expect(decision.validUntil).toEqual(validUntil);
    });
  });

  describe('prompts for commercial refusals', () => {
    interface PromptCase {
      name: string;
      input: DecisionInput;
      reason: RefusalReason;
      action: 'SUBSCRIBE' | 'UPGRADE' | 'RENT' | 'BUY';
      offers: Offer[];
    }
    const noTier = { subscriptionTier: null };

    const prompts: PromptCase[] = [
      {
        name: 'after an expired rental, leads with renting again, then every qualifying plan, then buying',
        input: aRequest({ entitlements: [aRental(-1)] }),
        reason: 'RENTAL_EXPIRED',
        action: 'RENT',
        offers: [RENTAL_OFFER, STANDARD_PLAN, PREMIUM_PLAN, PURCHASE_OFFER],
      },
      {
        name: 'after an expired rental with a lower plan, still leads with renting and lists only plans that cover the title',
        input: aRequest({ entitlements: [aRental(-1)], subscription: aSubscription('BASIC') }),
        reason: 'RENTAL_EXPIRED',
        action: 'RENT',
        offers: [RENTAL_OFFER, STANDARD_PLAN, PREMIUM_PLAN, PURCHASE_OFFER],
      },
      {
        name: 'after an expired rental that is no longer offered, leads with an upgrade for a lower-plan subscriber',
        input: aRequest({
          title: aTitle({ rental: null }),
          entitlements: [aRental(-1)],
          subscription: aSubscription('BASIC'),
        }),
        reason: 'RENTAL_EXPIRED',
        action: 'UPGRADE',
        offers: [STANDARD_PLAN, PREMIUM_PLAN, PURCHASE_OFFER],
      },
      {
        name: 'after an expired rental that is no longer offered, leads with subscribing for a non-subscriber',
        input: aRequest({ title: aTitle({ rental: null }), entitlements: [aRental(-1)] }),
        reason: 'RENTAL_EXPIRED',
        action: 'SUBSCRIBE',
        offers: [STANDARD_PLAN, PREMIUM_PLAN, PURCHASE_OFFER],
      },
      {
        name: 'after an expired rental of a title in no tier that is only for sale, leads with buying',
        input: aRequest({ title: aTitle({ ...noTier, rental: null }), entitlements: [aRental(-1)] }),
        reason: 'RENTAL_EXPIRED',
        action: 'BUY',
        offers: [PURCHASE_OFFER],
      },
      {
        name: 'asks a BASIC subscriber to upgrade to each plan that covers a STANDARD title, then to rent or buy',
        input: aRequest({ subscription: aSubscription('BASIC') }),
        reason: 'UPGRADE_REQUIRED',
        action: 'UPGRADE',
        offers: [STANDARD_PLAN, PREMIUM_PLAN, RENTAL_OFFER, PURCHASE_OFFER],
      },
      {
        name: 'asks a STANDARD subscriber to upgrade to PREMIUM only, never to the plan they already have',
        input: aRequest({
          title: aTitle({ subscriptionTier: 'PREMIUM' }),
          subscription: aSubscription('STANDARD'),
        }),
        reason: 'UPGRADE_REQUIRED',
        action: 'UPGRADE',
        offers: [PREMIUM_PLAN, RENTAL_OFFER, PURCHASE_OFFER],
      },
      {
        name: 'offers only the upgrade when the title can be neither rented nor bought',
        input: aRequest({
          title: aTitle({ rental: null, purchase: null }),
          subscription: aSubscription('BASIC'),
        }),
        reason: 'UPGRADE_REQUIRED',
        action: 'UPGRADE',
        offers: [STANDARD_PLAN, PREMIUM_PLAN],
      },
      {
        name: 'asks a non-subscriber to subscribe to every plan for a BASIC title, then to rent or buy',
        input: aRequest({ title: aTitle({ subscriptionTier: 'BASIC' }) }),
        reason: 'SUBSCRIPTION_REQUIRED',
        action: 'SUBSCRIBE',
        offers: [BASIC_PLAN, STANDARD_PLAN, PREMIUM_PLAN, RENTAL_OFFER, PURCHASE_OFFER],
      },
      {
        name: 'asks a lapsed subscriber to subscribe to PREMIUM for a PREMIUM title that is only for sale otherwise',
        input: aRequest({
          title: aTitle({ subscriptionTier: 'PREMIUM', rental: null }),
          subscription: aSubscription('STANDARD', { status: 'PAST_DUE' }),
        }),
        reason: 'SUBSCRIPTION_REQUIRED',
        action: 'SUBSCRIBE',
        offers: [PREMIUM_PLAN, PURCHASE_OFFER],
      },
      {
        name: 'for a title in no tier, leads with renting and then buying, in the title currency',
        input: aRequest({
          title: aTitle({
            ...noTier,
            rental: { priceCents: 499, currency: 'EUR', hours: 72 },
            purchase: { priceCents: 1999, currency: 'EUR' },
          }),
        }),
        reason: 'PURCHASE_REQUIRED',
        action: 'RENT',
        offers: [
          { type: 'RENTAL', tier: null, priceCents: 499, currency: 'EUR', rentalHours: 72 },
          { type: 'PURCHASE', tier: null, priceCents: 1999, currency: 'EUR', rentalHours: null },
        ],
      },
      {
        name: 'for a title in no tier that can only be bought, leads with buying',
        input: aRequest({ title: aTitle({ ...noTier, rental: null }) }),
        reason: 'PURCHASE_REQUIRED',
        action: 'BUY',
        offers: [PURCHASE_OFFER],
      },
      {
        name: 'for a title in no tier that can only be rented, offers renting alone',
        input: aRequest({
          title: aTitle({ ...noTier, purchase: null }),
          subscription: aSubscription('PREMIUM'),
        }),
        reason: 'PURCHASE_REQUIRED',
        action: 'RENT',
        offers: [RENTAL_OFFER],
      },
    ];

    it.each(prompts)('$name', ({ input, reason, action, offers }) => {
      const decision = refusalOf(decideEntitlement(input));

      expect(decision.reason).toBe(reason);
      expect(decision.prompt).toEqual({ action, offers });
    });

    it('offers no prompt when a title in no tier can be neither rented nor bought', () => {
      const decision = refusalOf(
        decideEntitlement(aRequest({ title: aTitle({ ...noTier, rental: null, purchase: null }) })),
      );

      expect(decision.reason).toBe('PURCHASE_REQUIRED');
      expect(decision.prompt).toBeNull();
    });

    it('offers no prompt after an expired rental when the title is in no tier and no longer on sale', () => {
      const decision = refusalOf(
        decideEntitlement(
          aRequest({
            title: aTitle({ ...noTier, rental: null, purchase: null }),
            entitlements: [aRental(-1)],
          }),
        ),
      );

      expect(decision.reason).toBe('RENTAL_EXPIRED');
      expect(decision.prompt).toBeNull();
    });
  });

  it('leaves its input untouched, so a caller can cache and replay it', () => {
    const input = aRequest({ entitlements: [aRental(3), aRental(7)], subscription: aSubscription('BASIC') });
    const snapshot = structuredClone(input);

    decideEntitlement(input);

    expect(input).toEqual(snapshot);
  });

  it('gives the same decision for the same input', () => {
    const input = aRequest({ subscription: aSubscription('BASIC') });

    expect(decideEntitlement(input)).toEqual(decideEntitlement(input));
  });
});

describe('DECISION_MESSAGES', () => {
  const reasons: DecisionReason[] = [
    'GRANTED',
    ...REFUSAL_REASONS,
    'DEVICE_UNSUPPORTED',
    'TEMPORARILY_UNAVAILABLE',
  ];

  it.each(reasons)('explains %s in one plain sentence', (reason) => {
    expect(DECISION_MESSAGES[reason]).toMatch(/^[A-Z][^.!?]*[.!?]$/);
  });

  it('gives every reason its own sentence', () => {
    expect(new Set(reasons.map((reason) => DECISION_MESSAGES[reason])).size).toBe(reasons.length);
  });
});
