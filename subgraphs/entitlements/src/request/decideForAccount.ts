/**
 * The entitlement decision for one account, with its holdings read from the store: what `play` and
 * `explainPlay` both run, so an explanation can never tell a different story from the decision.
 */
import type { RuleTrace } from '@contracts/ruleChecks';
import { inSpan, type TraceParent } from '@platform/tracing/spans';
import { traceFields } from '@platform/traceIds';
import type { EntitlementsContext } from './context';
import { decideEntitlement, type DecisionInput, type EntitlementDecision } from '../decision/decide';
import { isCommercialRefusal } from '../decision/refusals';

/** Everything a decision needs but the holdings, which are read here. */
export type DecisionFacts = Omit<DecisionInput, 'subscription' | 'entitlements'>;

/**
 * The decision, or TEMPORARILY_UNAVAILABLE when the account's subscription and rentals cannot be read
 * (the database is away and the cache holds nothing young enough) and the answer would depend on
 * them. The title, profile, country, window and maturity checks need no holdings, so their refusals
 * still stand; anything that would have depended on what the account paid for is never a grant.
 */
export function decideForAccount(
  facts: DecisionFacts,
  context: EntitlementsContext,
  trace?: RuleTrace,
): Promise<EntitlementDecision | 'TEMPORARILY_UNAVAILABLE'> {
  // Its span says which rule decided: the reason a refusal names, or GRANTED.
  return inSpan('entitlement decision', context.trace, async (span, inside) => {
    const decision = await decideWithHoldings(facts, context, inside, trace);
    const reason = decision === 'TEMPORARILY_UNAVAILABLE' ? decision : decision.reason;
    span.setAttributes({ 'entitlement.reason': reason, 'entitlement.allowed': reason === 'GRANTED' });
    return decision;
  });
}

/**
 * `step`: the decision's span, which its log line names. The holdings are read through the
 * request's loaders, so their database reads are the request's (one batch may serve several decisions).
 */
async function decideWithHoldings(
  facts: DecisionFacts,
  context: EntitlementsContext,
  step: TraceParent,
  trace?: RuleTrace,
): Promise<EntitlementDecision | 'TEMPORARILY_UNAVAILABLE'> {
  const { accountId, title } = facts;
  let holdings: Pick<DecisionInput, 'subscription' | 'entitlements'>;
  try {
    const [subscription, entitlements] = await Promise.all([
      context.loaders.subscription.load(accountId),
      title ? context.loaders.entitlements.load({ accountId, titleId: title.id }) : [],
    ]);
    holdings = { subscription, entitlements };
  } catch (error) {
    const decision = decideEntitlement({ ...facts, subscription: null, entitlements: [] }, trace);
    if (!decision.allowed && !isCommercialRefusal(decision.reason)) return decision;
    trace?.failed('ENTITLEMENT', ["The account's holdings could not be read: TEMPORARILY_UNAVAILABLE."]);
    context.logger.warn('entitlement unavailable: cannot read the account holdings', {
      titleId: title?.id,
      profileId: facts.profile?.id,
      error: error instanceof Error ? error.message : String(error),
      ...traceFields(step),
    });
    return 'TEMPORARILY_UNAVAILABLE';
  }
  return decideEntitlement({ ...facts, ...holdings }, trace);
}
