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
import { firstIssue } from '@platform/firstIssue';
import { ErrorCode } from '@contracts/graphqlErrors';
import { DEVICE_TYPES, DRM_SYSTEMS, HDR_FORMATS, NETWORK_TYPES } from '../manifest/device';

/**
 * Longest id (title, profile, device) a request may carry. Defaults to 128 characters: ids here are
 * slugs and UUIDs, and the session id echoes them back, so an unbounded id would be echoed unbounded.
 */
export const MAX_ID_LENGTH = 128;

/**
 * Most entries in each capability list (codecs, HDR formats, DRM systems). Defaults to 8: every
 * vocabulary has at most four values, so a device never needs more, even listing one twice.
 */
export const MAX_CAPABILITIES = 8;

/**
 * Longest play session id accepted back in `_entities`: the longest id {@link encodePlaySessionId}
 * can make from a valid request is about 1.5 KiB, so 4 KiB refuses anything else before decoding.
 */
export const MAX_PLAY_SESSION_ID_LENGTH = 4096;

const id = z.string().min(1).max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`);
const capabilities = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_CAPABILITIES, `must list at most ${MAX_CAPABILITIES} entries`);

/**
 * What the manifest is for: `PLAY`, a viewer pressed play; `PREFETCH`, a manifest the device may start
 * later without asking (`prefetch`); `START`, the report that a prefetched one was started
 * (`startPlayback`): a manifest for the same session, `sessionId`, decided again.
 */
export const PLAY_INTENTS = ['PLAY', 'PREFETCH', 'START'] as const;
export type PlayIntent = (typeof PLAY_INTENTS)[number];

const playRequestSchema = z
  .object({
    titleId: id,
    profileId: id,
    device: z.object({
      id,
      type: z.enum(DEVICE_TYPES),
      codecs: capabilities(z.enum(VIDEO_CODECS)),
      maxHeight: z.int().positive(),
      hdr: capabilities(z.enum(HDR_FORMATS)),
      drm: capabilities(z.enum(DRM_SYSTEMS)),
    }),
    network: z
      .object({
        type: z.enum(NETWORK_TYPES).nullable(),
        downlinkKbps: z.int().nonnegative().nullable(),
        metered: z.boolean().nullable(),
      })
      .nullable(),
    intent: z.enum(PLAY_INTENTS).default('PLAY'),
    sessionId: z.uuid().optional(),
  })
  .refine((request) => (request.intent === 'START') === (request.sessionId !== undefined), {
    message: 'a started prefetch names its session, and nothing else does',
    path: ['sessionId'],
  });

export type PlayRequest = z.output<typeof playRequestSchema>;

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
    throw new GraphQLError(`Invalid play input at ${firstIssue(parsed.error)}`, {
      extensions: { code: ErrorCode.BadUserInput },
    });
  }
  return parsed.data;
}

export function encodePlaySessionId(request: PlayRequest): string {
  return PREFIX + Buffer.from(JSON.stringify(request)).toString('base64url');
}

export function decodePlaySessionId(id: string): PlayRequest {
  if (id.length > MAX_PLAY_SESSION_ID_LENGTH || !id.startsWith(PREFIX)) {
    throw new GraphQLError('Not a play session id', { extensions: { code: ErrorCode.BadUserInput } });
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(id.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw new GraphQLError('Not a play session id', { extensions: { code: ErrorCode.BadUserInput } });
  }
  return toPlayRequest(json);
}
