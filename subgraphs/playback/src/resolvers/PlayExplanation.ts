import { GraphQLError } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { PlayExplanationResolvers } from '../__generated__/resolvers';
import type { PlaybackContext } from '../request/context';
import { decodeExplanationId } from '../request/explainRequest';
import { explainDecision, type Explanation } from '../request/explanation';
import type { PlayExplanationParent } from '../request/mappers';
import { readExplainedInputs } from '../request/representations';

/** One explanation per parent: `decision` and `rules` must tell the same story. */
const explained = new WeakMap<PlayExplanationParent, Explanation>();

function explanationOf(parent: PlayExplanationParent, context: PlaybackContext): Explanation {
  let explanation = explained.get(parent);
  if (!explanation) {
    explanation = explainDecision(
      parent.request,
      parent.entitlementCheck,
      parent.title,
      context.licenseBaseUrl,
    );
    explained.set(parent, explanation);
  }
  return explanation;
}

export const PlayExplanation: PlayExplanationResolvers = {
  __resolveReference: async (reference) => {
    // Untyped JSON from `_entities`: nothing in it is used before it has been checked.
    const representation = reference as unknown as {
      id: unknown;
      entitlementCheck?: unknown;
      title?: unknown;
    };
    if (typeof representation.id !== 'string') {
      throw new GraphQLError('Not an explanation id', { extensions: { code: ErrorCode.BadUserInput } });
    }
    const { entitlementCheck, title, problems } = readExplainedInputs(representation);
    if (problems.length > 0) {
      throw new GraphQLError(`Cannot explain this request: ${problems.join('; ')}`, {
        extensions: { code: ErrorCode.BadUserInput },
      });
    }
    const parent: PlayExplanationParent = {
      id: representation.id,
      request: decodeExplanationId(representation.id),
    };
    if (entitlementCheck !== undefined) parent.entitlementCheck = entitlementCheck;
    if (title !== undefined) parent.title = title;
    return parent;
  },
  accountId: (parent) => parent.request.accountId,
  country: (parent) => parent.request.country,
  at: (parent) => parent.request.at,
  title: (parent) => ({ id: parent.request.play.titleId }),
  profile: (parent) => ({ id: parent.request.play.profileId }),
  decision: (parent, _args, context) => explanationOf(parent, context).decision,
  rules: (parent, _args, context) => explanationOf(parent, context).rules,
};
