import type { PlaySessionResolvers } from '../__generated__/resolvers';
import type { PlaybackContext } from '../context';
import {
  resolvePlayOutcome,
  type EntitlementRepresentation,
  type PlayOutcome,
  type TitleRepresentation,
} from '../outcome';
import { decodePlaySessionId, type PlayRequest } from '../playRequest';

/**
 * A play session as playback sees it: the request (decoded from the id), plus, when the gateway
 * comes back for the decision, the entitlement and title fields that `@requires` asked for.
 */
export interface PlaySessionParent {
  id: string;
  request: PlayRequest;
  entitlement?: EntitlementRepresentation;
  title?: TitleRepresentation | null;
}

/** One outcome per session and request: `decision` and `manifest` must describe the same grant. */
function outcomeOf(session: PlaySessionParent, context: PlaybackContext): Promise<PlayOutcome> {
  let outcome = context.outcomes.get(session.id);
  if (!outcome) {
    outcome = resolvePlayOutcome(session.request, session.entitlement, session.title, context);
    context.outcomes.set(session.id, outcome);
  }
  return outcome;
}

export const PlaySession: PlaySessionResolvers = {
  // Async, so a malformed id fails only its own entry of an `_entities` batch, not the batch.
  __resolveReference: async (reference) => {
    const representation = reference as unknown as Omit<PlaySessionParent, 'request'>;
    return { ...representation, request: decodePlaySessionId(representation.id) };
  },
  title: (session) => ({ id: session.request.titleId }),
  profile: (session) => ({ id: session.request.profileId }),
  decision: async (session, _args, context) => (await outcomeOf(session, context)).decision,
  manifest: async (session, _args, context) => (await outcomeOf(session, context)).manifest,
};

/** A title or profile that another subgraph resolves: playback only knows its id. */
export interface EntityReference {
  id: string;
}
