import { GraphQLError } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { PlaySessionResolvers } from '../__generated__/resolvers';
import type { PlaybackContext } from '../request/context';
import { issueManifest, temporarilyUnavailable } from '../request/issue';
import type { PlaySessionParent } from '../request/mappers';
import type { PlayOutcome } from '../request/playOutcome';
import { decodePlaySessionId, UNAVAILABLE_PLAY_SESSION_ID } from '../request/playSessionId';
import { readRepresentedInputs } from '../request/representations';
import { traceFields } from '@platform/traceIds';

/** One outcome per session and request: `decision` and `manifest` must describe the same grant. */
function outcomeOf(session: PlaySessionParent, context: PlaybackContext): Promise<PlayOutcome> {
  let outcome = context.outcomes.get(session.id);
  if (!outcome) {
    outcome = session.request
      ? issueManifest(session.request, session.entitlement, session.title, context)
      : Promise.resolve(temporarilyUnavailable());
    context.outcomes.set(session.id, outcome);
    if (context.recordsEvidence) {
      void outcome.then(
        ({ note }) => context.notes.set(session.id, note),
        () => {},
      );
    }
    const started = session.request?.intent === 'START' ? session.request : null;
    if (started) {
      void outcome.then(
        ({ decision }) => {
          if (decision.allowed) return;
          context.logger.info('prefetched session refused at its start: the device stops it', {
            sid: started.sessionId,
            titleId: started.titleId,
            reason: decision.reason,
            ...traceFields(context.trace),
          });
        },
        () => {},
      );
    }
  }
  return outcome;
}

export const PlaySession: PlaySessionResolvers = {
  // Async, so a malformed id fails only its own entry of an `_entities` batch, not the batch.
  __resolveReference: async (reference, context) => {
    // Untyped JSON from `_entities`: nothing in it is used before it has been checked.
    const representation = reference as unknown as { id: unknown; entitlement?: unknown; title?: unknown };
    if (typeof representation.id !== 'string') {
      throw new GraphQLError('Not a play session id', { extensions: { code: ErrorCode.BadUserInput } });
    }
    const request =
      representation.id === UNAVAILABLE_PLAY_SESSION_ID ? null : decodePlaySessionId(representation.id);
    const { entitlement, title, problems } = readRepresentedInputs(representation);
    if (problems.length > 0) {
      context.logger.warn('malformed play session representation: no manifest on it', {
        problems,
        ...traceFields(context.trace),
      });
    }
    const session: PlaySessionParent = { id: representation.id, request };
    if (entitlement !== undefined) session.entitlement = entitlement;
    if (title !== undefined) session.title = title;
    return session;
  },
  title: (session) => (session.request ? { id: session.request.titleId } : null),
  profile: (session) => (session.request ? { id: session.request.profileId } : null),
  decision: async (session, _args, context) => (await outcomeOf(session, context)).decision,
  manifest: async (session, _args, context) => (await outcomeOf(session, context)).manifest,
  features: (session, _args, { caller, flags }) =>
    flags.featuresFor({
      accountId: caller.accountId ?? '',
      profileId: session.request?.profileId ?? '',
      deviceType: session.request?.device.type ?? 'WEB',
    }),
};
