/**
 * Which playback session a manifest stands for. `endPlayback` is identified by the manifest alone, so
 * it must be one this service signed: anything else (forged, tampered, another issuer's, garbage) is
 * refused, and a genuine one names the account, profile, title and session it was issued for.
 */
import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { SIGNATURE_ALGORITHM, type VerificationKeys } from '@platform/keys/keyring';

/**
 * How long after its expiry a manifest may still end its session: a device that was offline (or a
 * viewer who paused past the manifest's life) reports late. Defaults to 86_400 (a day).
 */
export const END_GRACE_SECONDS = 86_400;

export interface ManifestSession {
  /** `sid`. */
  sessionId: string;
  /** `acct`. */
  accountId: string;
  /** `sub`. */
  profileId: string;
  titleId: string;
}

export class InvalidManifestError extends Error {
  override name = 'InvalidManifestError';
}

const claimsSchema = z.object({
  sid: z.string().min(1),
  acct: z.string().min(1),
  sub: z.string().min(1),
  titleId: z.string().min(1),
  /** Present on prefetched manifests only. */
  startBy: z.number().optional(),
});

/**
 * Clock difference allowed between this service and the one that signed a prefetched manifest when its
 * start is reported. Defaults to 30 seconds.
 */
export const START_CLOCK_TOLERANCE_SECONDS = 30;

/** Verifies a manifest's signature, issuer and (with {@link END_GRACE_SECONDS}) expiry. */
export async function verifyManifestSession(
  keys: VerificationKeys,
  issuer: string,
  jws: string,
): Promise<ManifestSession> {
  const { session } = await verifySession(keys, issuer, jws, END_GRACE_SECONDS, {
    expired: 'The manifest expired too long ago to end its session',
  });
  return session;
}

/**
 * Verifies a manifest reported started (`startPlayback`): one this service signed by `prefetch` (it
 * has a `startBy` claim), not expired. After its expiry the edges refuse its tokens, so there is no
 * session left to renew: the device asks `play` again.
 */
export async function verifyPrefetchedSession(
  keys: VerificationKeys,
  issuer: string,
  jws: string,
): Promise<ManifestSession> {
  const { session, prefetched } = await verifySession(keys, issuer, jws, START_CLOCK_TOLERANCE_SECONDS, {
    expired: 'The prefetched manifest has expired; ask `play` for a new one',
  });
  if (!prefetched) throw new InvalidManifestError('The manifest was not prefetched');
  return session;
}

async function verifySession(
  keys: VerificationKeys,
  issuer: string,
  jws: string,
  clockTolerance: number,
  messages: { expired: string },
): Promise<{ session: ManifestSession; prefetched: boolean }> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(jws, keys.keyFor, {
      issuer,
      algorithms: [SIGNATURE_ALGORITHM],
      clockTolerance,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new InvalidManifestError(messages.expired);
    throw new InvalidManifestError('The manifest is not one this service signed');
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new InvalidManifestError('The manifest names no playback session');
  const { sid, acct, sub, titleId, startBy } = claims.data;
  return {
    session: { sessionId: sid, accountId: acct, profileId: sub, titleId },
    prefetched: startBy !== undefined,
  };
}
