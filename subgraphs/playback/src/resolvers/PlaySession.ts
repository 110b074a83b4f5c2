import type { PlaySessionResolvers } from '../__generated__/resolvers';
import type { PlaybackContext } from '../context';
import { issueManifest, temporarilyUnavailable } from '../manifest/issue';
import type { PlaySessionParent } from '../mappers';
import type { PlayOutcome } from '../playOutcome';
import { decodePlaySessionId, UNAVAILABLE_PLAY_SESSION_ID } from '../playRequest';

/** One outcome per session and request: `decision` and `manifest` must describe the same grant. */
function outcomeOf(session: PlaySessionParent, context: PlaybackContext): Promise<PlayOutcome> {
  let outcome = context.outcomes.get(session.id);
  if (!outcome) {
    outcome = session.request
      ? issueManifest(session.request, session.entitlement, session.title, context)
      : Promise.resolve(temporarilyUnavailable());
    context.outcomes.set(session.id, outcome);
  }
  return outcome;
}

export const PlaySession: PlaySessionResolvers = {
  // Async, so a malformed id fails only its own entry of an `_entities` batch, not the batch.
  __resolveReference: async (reference) => {
    const representation = reference as unknown as Omit<PlaySessionParent, 'request'>;
    const request =
      representation.id === UNAVAILABLE_PLAY_SESSION_ID ? null : decodePlaySessionId(representation.id);
    return { ...representation, request };
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
