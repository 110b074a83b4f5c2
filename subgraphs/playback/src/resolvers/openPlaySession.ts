import { GraphQLError } from 'graphql';
import { hasRole, type Caller } from '@contracts/gatewayCredential';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { PlayInput } from '../__generated__/resolvers';
import { encodePlaySessionId, toPlayRequest, type PlayIntent } from '../request/playSessionId';

/**
 * The session a viewer's request opens: only the request, since the title, profile and entitlement are
 * resolved by other subgraphs, and the decision and manifest come back here in a later fetch of the
 * query plan.
 */
export function openPlaySession(input: PlayInput, caller: Caller, intent: PlayIntent, sessionId?: string) {
  if (!caller.accountId) {
    throw new GraphQLError('Playing needs a bearer token', {
      extensions: { code: ErrorCode.Unauthenticated },
    });
  }
  // The gateway refuses anyone else first (`@access`); this is the second lock.
  if (!hasRole(caller, 'viewer')) {
    throw new GraphQLError('Playing needs a viewer account', { extensions: { code: ErrorCode.Forbidden } });
  }
  const request = toPlayRequest({
    ...input,
    device: { ...input.device, hdr: input.device.hdr ?? [] },
    network: input.network
      ? {
          type: input.network.type ?? null,
          downlinkKbps: input.network.downlinkKbps ?? null,
          metered: input.network.metered ?? null,
        }
      : null,
    intent,
    sessionId,
  });
  return { id: encodePlaySessionId(request), request };
}
