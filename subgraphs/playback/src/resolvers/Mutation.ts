import { GraphQLError } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { MutationResolvers } from '../__generated__/resolvers';
import {
  InvalidManifestError,
  verifyManifestSession,
  verifyPrefetchedSession,
  type ManifestSession,
} from '../history/manifestSession';
import { openPlaySession } from './openPlaySession';
import { MAX_POSITION_SECONDS } from '../history/watchHistory';
import type { Logger } from '@platform/log';
import { type TraceParent } from '@platform/tracing/spans';
import { traceFields } from '@platform/traceIds';

export const Mutation: MutationResolvers = {
  /**
   * Answers as soon as the end is in the journal (on disk): the store may be away, and bookkeeping
   * never makes a viewer wait. Everything is checked first, so a refused end writes nothing.
   */
  endPlayback: async (_parent, { input }, { caller, history, manifestKeys, issuer, logger, trace }) => {
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
    const session = await callersSession(
      verifyManifestSession(manifestKeys, issuer, input.manifest),
      caller.accountId,
      logger,
      trace,
    );
    await history.end({
      ...session,
      positionSeconds: input.positionSeconds,
      completed: input.completed,
      endedAt: new Date().toISOString(),
    });
    return { accepted: true };
  },

  /**
   * The start of a prefetched manifest, which the device played without asking: checked here (ours,
   * prefetched, unexpired, this account's, the title and profile it is started for), then decided
   * again like a `play` by the rest of the query plan, for the same session.
   */
  startPlayback: async (_parent, { input }, { caller, manifestKeys, issuer, logger, trace }) => {
    const session = await callersSession(
      verifyPrefetchedSession(manifestKeys, issuer, input.manifest),
      caller.accountId,
      logger,
      trace,
    );
    if (session.titleId !== input.play.titleId || session.profileId !== input.play.profileId) {
      throw new GraphQLError('The manifest was prefetched for another title or profile', {
        extensions: { code: ErrorCode.BadUserInput },
      });
    }
    return openPlaySession(input.play, caller, 'START', session.sessionId);
  },
};

/** The session a manifest names, once it is known to be valid and the caller's account's. */
async function callersSession(
  verifying: Promise<ManifestSession>,
  accountId: string | null,
  logger: Logger,
  trace: TraceParent,
): Promise<ManifestSession> {
  let session;
  try {
    session = await verifying;
  } catch (error) {
    if (!(error instanceof InvalidManifestError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: ErrorCode.BadUserInput } });
  }
  if (session.accountId !== accountId) {
    logger.warn('refused a manifest of another account', { sid: session.sessionId, ...traceFields(trace) });
    throw new GraphQLError('The manifest was issued to another account', {
      extensions: { code: ErrorCode.Forbidden },
    });
  }
  return session;
}
