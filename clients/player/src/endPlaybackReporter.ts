/**
 * Reports the end of a session through the gateway's `endPlayback` mutation (playback subgraph).
 * The operation is kept here, not in `clients/operations/`, because that folder is validated against
 * the composed schema and the SDK must keep working (its outbox holding reports) where the mutation is
 * not deployed yet.
 */
import { GraphQLRequestError, sendGraphQL, type GraphQLEndpoint } from './graphql';
import type { EndPlaybackInput, PlaybackReporter } from './outbox';

export const END_PLAYBACK_MUTATION = `mutation EndPlayback($input: EndPlaybackInput!) {
  endPlayback(input: $input) {
    accepted
  }
}`;

/**
 * Error codes that mean "never": the manifest is not one the service signed for this account, or the
 * input is out of range. Everything else (unreachable, 5xx, UNAUTHENTICATED with a stale token, a
 * gateway that does not know the mutation yet) is worth another attempt.
 */
const PERMANENT_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN']);

export class GraphQLPlaybackReporter implements PlaybackReporter {
  constructor(private readonly endpoint: GraphQLEndpoint) {}

  async endPlayback(input: EndPlaybackInput): Promise<'accepted' | 'rejected'> {
    try {
      const data = await sendGraphQL<{ endPlayback: { accepted: boolean } }>(
        this.endpoint,
        END_PLAYBACK_MUTATION,
        { input },
        'endPlayback',
      );
      if (data.endPlayback.accepted) return 'accepted';
      throw new Error('endPlayback was not accepted yet');
    } catch (error) {
      if (error instanceof GraphQLRequestError && PERMANENT_CODES.has(error.code ?? '')) return 'rejected';
      throw error;
    }
  }
}
