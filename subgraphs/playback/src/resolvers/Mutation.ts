import { GraphQLError } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { MutationResolvers } from '../__generated__/resolvers';
import { InvalidManifestError, verifyManifestSession } from '../history/manifestSession';
import { MAX_POSITION_SECONDS } from '../history/watchHistory';

export const Mutation: MutationResolvers = {
  /**
   * Answers as soon as the end is in the journal (on disk): the store may be away, and bookkeeping
   * never makes a viewer wait. Everything is checked first, so a refused end writes nothing.
   */
  endPlayback: async (_parent, { input }, { caller, history, manifestKeys, issuer, logger }) => {
    if (!caller.accountId) {
      throw new GraphQLError('Ending playback needs a bearer token', {
        extensions: { code: ErrorCode.Unauthenticated },
      });
    }
    if (input.positionSeconds < 0 || input.positionSeconds > MAX_POSITION_SECONDS) {
      throw new GraphQLError(`positionSeconds must be between 0 and ${MAX_POSITION_SECONDS}`, {
        extensions: { code: ErrorCode.BadUserInput },
      });
    }
    let session;
    try {
      session = await verifyManifestSession(manifestKeys, issuer, input.manifest);
    } catch (error) {
      if (!(error instanceof InvalidManifestError)) throw error;
      throw new GraphQLError(error.message, { extensions: { code: ErrorCode.BadUserInput } });
    }
    if (session.accountId !== caller.accountId) {
      logger.warn('refused to end a session of another account', { sid: session.sessionId });
      throw new GraphQLError('The manifest was issued to another account', {
        extensions: { code: ErrorCode.Forbidden },
      });
    }
    await history.end({
      ...session,
      positionSeconds: input.positionSeconds,
      completed: input.completed,
      endedAt: new Date().toISOString(),
    });
    return { accepted: true };
  },
};
