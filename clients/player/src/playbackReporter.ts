/**
 * Reports a session's end (`endPlayback`) and a prefetched manifest's start (`startPlayback`) through
 * the gateway, for the outbox: the trusted documents of `clients/operations/EndPlayback.graphql` and
 * `StartPlayback.graphql`, sent by id, as `critical` (they are about a session the viewer watched). The
 * SDK keeps working (its outbox holding reports) where a gateway does not run them yet: an older
 * gateway whose manifest lacks a document refuses it with `PERSISTED_QUERY_NOT_IN_LIST`, which is worth
 * another attempt.
 */
import { documentIds } from './__generated__/documentIds';
import type {
  EndPlaybackMutation,
  EndPlaybackMutationVariables,
  StartPlaybackMutation,
  StartPlaybackMutationVariables,
} from './__generated__/operations';
import { GraphQLRequestError, sendGraphQL, type GraphQLEndpoint } from './graphql';
import type { EndPlaybackInput, PlaybackReporter, StartAnswer, StartPlaybackInput } from './outbox';

/**
 * Error codes that mean "never": the manifest is not one the service signed for this account, or the
 * input is out of range. Everything else (unreachable, 5xx, UNAUTHENTICATED with a stale token, a
 * gateway that does not know the mutation or its document yet) is worth another attempt.
 */
const PERMANENT_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN']);

export class GraphQLPlaybackReporter implements PlaybackReporter {
  constructor(private readonly endpoint: GraphQLEndpoint) {}

  endPlayback(input: EndPlaybackInput): Promise<'accepted' | 'rejected'> {
    return permanentAsRejected(async () => {
      const variables: EndPlaybackMutationVariables = { input };
      const data = await sendGraphQL<EndPlaybackMutation>(
        this.endpoint,
        documentIds.EndPlayback,
        variables,
        'endPlayback',
        'critical',
      );
      if (data.endPlayback.accepted) return 'accepted' as const;
      throw new Error('endPlayback was not accepted yet');
    });
  }

  /**
   * The renewed manifest, or the refusal that stops the session. TEMPORARILY_UNAVAILABLE (the gateway
   * could not decide) is neither: it is thrown, so the report is tried again later.
   */
  startPlayback(input: StartPlaybackInput): Promise<StartAnswer | 'rejected'> {
    return permanentAsRejected(async () => {
      const variables: StartPlaybackMutationVariables = { input };
      const { startPlayback } = await sendGraphQL<StartPlaybackMutation>(
        this.endpoint,
        documentIds.StartPlayback,
        variables,
        'startPlayback',
        'critical',
      );
      const { decision, manifest } = startPlayback;
      if (decision.allowed && manifest) return { allowed: true, manifest: manifest.jws };
      if (decision.reason === 'TEMPORARILY_UNAVAILABLE') throw new Error(decision.message);
      return { allowed: false, reason: decision.reason, message: decision.message };
    });
  }
}

async function permanentAsRejected<T>(send: () => Promise<T>): Promise<T | 'rejected'> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof GraphQLRequestError && PERMANENT_CODES.has(error.code ?? '')) return 'rejected';
    throw error;
  }
}
