/**
 * The body an older device sends to `POST /v1/playback/start`, checked before anything else runs: a
 * body that is not this shape is a 400 naming the field, never a GraphQL error the device cannot read.
 */
import { z } from 'zod';
import type { JsonAnswer } from '../answers/jsonAnswer';
import { LegacyErrorCode, legacyError } from './legacyErrors';

/** Ids are short opaque strings; anything longer is a device bug, refused before it costs anything. */
const id = (field: string) =>
  z
    .string({ error: `\`${field}\` must be a string` })
    .trim()
    .min(1, `\`${field}\` must not be empty`)
    .max(128, `\`${field}\` must be at most 128 characters`);

const playBodySchema = z.object(
  {
    titleId: id('titleId'),
    profileId: id('profileId'),
    deviceModel: id('deviceModel'),
    /** Optional: the installation's id, if the device has one. Other fields are ignored. */
    deviceId: id('deviceId').optional(),
  },
  { error: 'The body must be a JSON object: { "titleId", "profileId", "deviceModel" }' },
);

export type LegacyPlayBody = z.infer<typeof playBodySchema>;

/** The request, or the 400 answer naming every field that is missing or wrong. */
export function parsePlayBody(
  body: unknown,
): { ok: true; request: LegacyPlayBody } | { ok: false; answer: JsonAnswer } {
  const parsed = playBodySchema.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const messages = parsed.error.issues.map((issue) =>
    issue.code === 'invalid_type' && issue.path.length === 1 && fields[String(issue.path[0])] === undefined
      ? `\`${String(issue.path[0])}\` is required`
      : issue.message,
  );
  return { ok: false, answer: legacyError(400, LegacyErrorCode.InvalidBody, messages.join('; ')) };
}
