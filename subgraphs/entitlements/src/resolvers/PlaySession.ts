import { GraphQLError } from 'graphql';
import { signGrant, type GrantBasis } from '../../../../lib/grant/grant';
import type { PlaySessionResolvers } from '../__generated__/resolvers';
import type { EntitlementsContext } from '../context';
import { decideEntitlement, type DecisionInput, type EntitlementDecision } from '../decision/decide';

/** What the gateway sends for a play session: its key and the fields `@requires` asks for. */
export interface PlaySessionRepresentation {
  id: string;
  title?: DecisionInput['title'];
  profile?: DecisionInput['profile'];
}

export const PlaySession: PlaySessionResolvers = {
  entitlement: async (session, _args, context) => {
    const accountId = context.caller.accountId;
    if (!accountId) {
      throw new GraphQLError('Playing needs a bearer token', { extensions: { code: 'UNAUTHENTICATED' } });
    }
    // Both must have been resolved by the gateway; `undefined` means the plan skipped them.
    if (session.title === undefined || session.profile === undefined) {
      throw new GraphQLError('The play session lacks the title or profile the decision needs');
    }
    const { title, profile } = session;
    const [subscription, entitlements] = await Promise.all([
      context.loaders.subscription.load(accountId),
      title ? context.loaders.entitlements.load({ accountId, titleId: title.id }) : [],
    ]);
    const decision = decideEntitlement({
      now: new Date(),
      accountId,
      country: context.caller.country,
      title,
      profile,
      subscription,
      entitlements,
    });
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

/** A grant lives `ttlSeconds`, or less when the entitlement (rental, subscription, window) ends sooner. */
function grantExpiry(decision: Extract<EntitlementDecision, { allowed: true }>, ttlSeconds: number): number {
  const byTtl = Math.floor(Date.now() / 1000) + ttlSeconds;
  return decision.validUntil ? Math.min(byTtl, Math.floor(decision.validUntil.getTime() / 1000)) : byTtl;
}

function grantBasis(basis: Extract<EntitlementDecision, { allowed: true }>['basis']): GrantBasis {
  return basis.kind === 'SUBSCRIPTION' ? { kind: 'SUBSCRIPTION', tier: basis.tier } : { kind: basis.kind };
}

export type { EntitlementsContext };
