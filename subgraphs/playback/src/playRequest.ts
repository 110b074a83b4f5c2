/**
 * A play request travels inside its PlaySession id. Playback keeps no state between the `play`
 * fetch and the later `_entities` fetch that builds the manifest (which may reach another replica),
 * so the id itself carries the device and network the manifest is built for. Nothing in it is
 * trusted for authorisation: the account and country come from the gateway credential, and the
 * title and profile must match the signed grant.
 */
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { VIDEO_CODECS } from '@contracts/vocabulary';
import { DEVICE_TYPES, DRM_SYSTEMS, HDR_FORMATS, NETWORK_TYPES } from './manifest/device';

const playRequestSchema = z.object({
  titleId: z.string().min(1),
  profileId: z.string().min(1),
  device: z.object({
    id: z.string().min(1),
    type: z.enum(DEVICE_TYPES),
    codecs: z.array(z.enum(VIDEO_CODECS)),
    maxHeight: z.int().positive(),
    hdr: z.array(z.enum(HDR_FORMATS)),
    drm: z.array(z.enum(DRM_SYSTEMS)),
  }),
  network: z
    .object({
      type: z.enum(NETWORK_TYPES).nullable(),
      downlinkKbps: z.int().nonnegative().nullable(),
      metered: z.boolean().nullable(),
    })
    .nullable(),
});

export type PlayRequest = z.infer<typeof playRequestSchema>;

const PREFIX = 'play1.';

/**
 * The id of the stand-in session the gateway serves (by the `play` fallback policy) when no
 * playback replica answered: it carries no request, so its decision is TEMPORARILY_UNAVAILABLE.
 */
export const UNAVAILABLE_PLAY_SESSION_ID = 'play1.unavailable';

/** Validates a `PlayInput` (beyond what GraphQL types check) into a PlayRequest. */
export function toPlayRequest(input: unknown): PlayRequest {
  const parsed = playRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GraphQLError(`Invalid play input at ${issue.path.join('.')}: ${issue.message}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return parsed.data;
}

export function encodePlaySessionId(request: PlayRequest): string {
  return PREFIX + Buffer.from(JSON.stringify(request)).toString('base64url');
}

export function decodePlaySessionId(id: string): PlayRequest {
  if (!id.startsWith(PREFIX)) {
    throw new GraphQLError('Not a play session id', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(id.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw new GraphQLError('Not a play session id', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return toPlayRequest(json);
}
