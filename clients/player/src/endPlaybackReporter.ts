/**
 * Reports the end of a session through the gateway's `endPlayback` mutation (playback subgraph): the
 * trusted document of `clients/operations/EndPlayback.graphql`, sent by id. The SDK keeps working (its
 * outbox holding reports) where a gateway does not run it yet: an older gateway whose manifest lacks
 * the document refuses it with `PERSISTED_QUERY_NOT_IN_LIST`, which is worth another attempt.
 */
import { documentIds } from './__generated__/documentIds';
import type { EndPlaybackMutation, EndPlaybackMutationVariables } from './__generated__/operations';
import { GraphQLRequestError, sendGraphQL, type GraphQLEndpoint } from './graphql';
import type { EndPlaybackInput, PlaybackReporter } from './outbox';

/**
 * Error codes that mean "never": the manifest is not one the service signed for this account, or the
 * input is out of range. Everything else (unreachable, 5xx, UNAUTHENTICATED with a stale token, a
 * gateway that does not know the mutation or its document yet) is worth another attempt.
 */
const PERMANENT_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN']);

export class GraphQLPlaybackReporter implements PlaybackReporter {
  constructor(private readonly endpoint: GraphQLEndpoint) {}

  async endPlayback(input: EndPlaybackInput): Promise<'accepted' | 'rejected'> {
    try {
      const variables: EndPlaybackMutationVariables = { input };
      const data = await sendGraphQL<EndPlaybackMutation>(
        this.endpoint,
        documentIds.EndPlayback,
        variables,
        'endPlayback',
        // The end of a session the viewer watched: kept even when the gateway sheds browsing.
        'critical',
      );
      if (data.endPlayback.accepted) return 'accepted';
      throw new Error('endPlayback was not accepted yet');
    } catch (error) {
      if (error instanceof GraphQLRequestError && PERMANENT_CODES.has(error.code ?? '')) return 'rejected';
      throw error;
    }
  }
}
