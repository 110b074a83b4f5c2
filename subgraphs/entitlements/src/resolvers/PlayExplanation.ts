import { GraphQLError } from 'graphql';
import { DECISION_MESSAGES } from '@contracts/decision';
import { hasRole } from '@contracts/gatewayCredential';
import { RuleTrace } from '@contracts/ruleChecks';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { PlayExplanationResolvers } from '../__generated__/resolvers';
import { decideForAccount } from '../request/decideForAccount';
import { readExplainedInputs } from '../decision/representations';

export const PlayExplanation: PlayExplanationResolvers = {
  entitlementCheck: async (explanation, _args, context) => {
    // The gateway refuses anyone else first; this is the second lock on reading across accounts.
    if (!hasRole(context.caller, 'analyst')) {
      throw new GraphQLError('Explaining a decision needs the analyst role', {
        extensions: { code: ErrorCode.Forbidden },
      });
    }
    const inputs = readExplainedInputs(explanation);
    if (!inputs.valid) {
      throw new GraphQLError(`Cannot explain this request: ${inputs.problem}`, {
        extensions: { code: ErrorCode.BadUserInput },
      });
    }
    const { accountId, country, at, title, profile } = inputs;
    const trace = new RuleTrace();
    const decision = await decideForAccount({ now: at, accountId, country, title, profile }, context, trace);
    const rules = trace.checks('ENTITLEMENT');
    if (decision === 'TEMPORARILY_UNAVAILABLE') {
      const reason = 'TEMPORARILY_UNAVAILABLE' as const;
      return {
        allowed: false,
        reason,
        message: DECISION_MESSAGES[reason],
        prompt: null,
        cappedByTier: null,
        rules,
      };
    }
    return {
      allowed: decision.allowed,
      reason: decision.reason,
      message: decision.message,
      prompt: decision.allowed ? null : decision.prompt,
      cappedByTier: decision.allowed && decision.basis.kind === 'SUBSCRIPTION' ? decision.basis.tier : null,
      rules,
    };
  },
};
