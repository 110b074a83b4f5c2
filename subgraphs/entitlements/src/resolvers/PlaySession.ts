import { GraphQLError } from 'graphql';
import { DECISION_MESSAGES } from '@contracts/decision';
import { signGrant, type GrantBasis } from '@contracts/grant';
import { ErrorCode } from '@contracts/graphqlErrors';
import { RuleTrace } from '@contracts/ruleChecks';
import type { RecordedRule } from '@contracts/decisionNotes';
import { traceFields } from '@platform/traceIds';
import type { PlaySessionResolvers } from '../__generated__/resolvers';
import { decideForAccount } from '../request/decideForAccount';
import type { EntitlementDecision } from '../decision/decide';
import { readRepresentedInputs } from '../decision/representations';

export const PlaySession: PlaySessionResolvers = {
  entitlement: async (session, _args, context) => {
    const accountId = context.caller.accountId;
    if (!accountId) {
      throw new GraphQLError('Playing needs a bearer token', {
        extensions: { code: ErrorCode.Unauthenticated },
      });
    }
    // Representations are untyped JSON: fields missing (the plan skipped them), mistyped or forged
    // are not decided on, whatever they would have decided.
    const inputs = readRepresentedInputs(session);
    if (!inputs.valid) {
      context.logger.warn('entitlement unavailable: malformed play session representation', {
        problem: inputs.problem,
        ...traceFields(context.trace),
      });
      return temporarilyUnavailable([]);
    }
    const { title, profile } = inputs;
    // The evidence travels with the decision when the gateway records it: a copy the gateway serves
    // later still carries the evidence it rests on.
    const trace = context.recordsEvidence ? new RuleTrace() : undefined;
    const decision = await decideForAccount(
      { now: new Date(), accountId, country: context.caller.country, title, profile },
      context,
      trace,
    );
    const rules = trace?.recorded('ENTITLEMENT') ?? [];
    if (decision === 'TEMPORARILY_UNAVAILABLE') return temporarilyUnavailable(rules);
    if (!decision.allowed) {
      return { ...decision, prompt: decision.prompt, grant: null, expiresAt: null, rules };
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
      ...traceFields(context.trace),
    });
    return {
      allowed: true,
      reason: 'GRANTED',
      message: decision.message,
      prompt: null,
      grant,
      expiresAt: new Date(expiresAt * 1000).toISOString(),
      rules,
    };
  },
};

/** No decision for want of a dependency; `rules` are those that ran before it was missed, if any. */
function temporarilyUnavailable(rules: RecordedRule[]) {
  return {
    allowed: false,
    reason: 'TEMPORARILY_UNAVAILABLE' as const,
    message: DECISION_MESSAGES.TEMPORARILY_UNAVAILABLE,
    prompt: null,
    grant: null,
    expiresAt: null,
    rules,
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
