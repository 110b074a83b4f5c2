import { GraphQLError } from 'graphql';
import type { CommercialRefusal, RefusalReason } from '@contracts/decision';
import { DECISION_MESSAGES } from '@contracts/decision';
import { signGrant, type GrantBasis } from '@contracts/grant';
import type { PlaySessionResolvers } from '../__generated__/resolvers';
import type { EntitlementsContext } from '../context';
import { decideEntitlement, type DecisionInput, type EntitlementDecision } from '../decision/decide';
import { readRepresentedInputs } from '../decision/representations';

/** The commercial refusals: the ones that depend on what the account holds. */
const COMMERCIAL_REFUSALS: ReadonlySet<RefusalReason> = new Set<CommercialRefusal>([
  'RENTAL_EXPIRED',
  'UPGRADE_REQUIRED',
  'SUBSCRIPTION_REQUIRED',
  'PURCHASE_REQUIRED',
]);

export const PlaySession: PlaySessionResolvers = {
  entitlement: async (session, _args, context) => {
    const accountId = context.caller.accountId;
    if (!accountId) {
      throw new GraphQLError('Playing needs a bearer token', { extensions: { code: 'UNAUTHENTICATED' } });
    }
    // Representations are untyped JSON: fields missing (the plan skipped them), mistyped or forged
    // are not decided on, whatever they would have decided.
    const inputs = readRepresentedInputs(session);
    if (!inputs.valid) {
      context.logger.warn('entitlement unavailable: malformed play session representation', {
        problem: inputs.problem,
      });
      return temporarilyUnavailable();
    }
    const { title, profile } = inputs;
    const facts = { now: new Date(), accountId, country: context.caller.country, title, profile };
    let holdings: Pick<DecisionInput, 'subscription' | 'entitlements'>;
    try {
      const [subscription, entitlements] = await Promise.all([
        context.loaders.subscription.load(accountId),
        title ? context.loaders.entitlements.load({ accountId, titleId: title.id }) : [],
      ]);
      holdings = { subscription, entitlements };
    } catch (error) {
      return withoutHoldings(facts, error, context);
    }
    const decision = decideEntitlement({ ...facts, ...holdings });
    if (!decision.allowed) {
      return { ...decision, prompt: decision.prompt, grant: null, expiresAt: null };
    }
    const expiresAt = grantExpiry(decision, context.grants.ttlSeconds);
    const grant = await signGrant(
      context.grants.key,
      { accountId, profileId: profile!.id, titleId: title!.id, country: context.caller.country },
      grantBasis(decision.basis),
      expiresAt,
    );
    context.logger.info('entitlement granted', {
      titleId: title!.id,
      profileId: profile!.id,
      basis: decision.basis.kind,
    });
    return {
      allowed: true,
      reason: 'GRANTED',
      message: decision.message,
      prompt: null,
      grant,
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    };
  },
};

/**
 * The decision when the account's subscription and rentals cannot be read (the database is away and the cache
 * holds nothing young enough). The title, profile, country, window and maturity checks need no holdings, so
 * their refusals still stand; anything that would have depended on what the account paid for is
 * TEMPORARILY_UNAVAILABLE, never a grant.
 */
function withoutHoldings(
  facts: Omit<DecisionInput, 'subscription' | 'entitlements'>,
  error: unknown,
  context: EntitlementsContext,
) {
  const decision = decideEntitlement({ ...facts, subscription: null, entitlements: [] });
  if (!decision.allowed && !COMMERCIAL_REFUSALS.has(decision.reason)) {
    return { ...decision, prompt: null, grant: null, expiresAt: null };
  }
  context.logger.warn('entitlement unavailable: cannot read the account holdings', {
    titleId: facts.title?.id,
    profileId: facts.profile?.id,
    error: error instanceof Error ? error.message : String(error),
  });
  return temporarilyUnavailable();
}

function temporarilyUnavailable() {
  return {
    allowed: false,
    reason: 'TEMPORARILY_UNAVAILABLE' as const,
    message: DECISION_MESSAGES.TEMPORARILY_UNAVAILABLE,
    prompt: null,
    grant: null,
    expiresAt: null,
  };
}

/** A grant lives `ttlSeconds`, or less when the entitlement (rental, subscription, window) ends sooner. */
function grantExpiry(decision: Extract<EntitlementDecision, { allowed: true }>, ttlSeconds: number): number {
  const byTtl = Math.floor(Date.now() / 1000) + ttlSeconds;
  return decision.validUntil ? Math.min(byTtl, Math.floor(decision.validUntil.getTime() / 1000)) : byTtl;
}

function grantBasis(basis: Extract<EntitlementDecision, { allowed: true }>['basis']): GrantBasis {
  return basis.kind === 'SUBSCRIPTION' ? { kind: 'SUBSCRIPTION', tier: basis.tier } : { kind: basis.kind };
}
