/**
 * Entitlement grants: the entitlements service's signed "yes", which playback requires before it
 * issues a manifest. A grant is bound to account, profile, title and country and expires, so it
 * cannot be replayed for anything else, and whatever representation playback is handed, only a
 * grant with a valid signature opens the door.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { SubscriptionTier } from './vocabulary';
import { SIGNATURE_ALGORITHM, type SigningKey, type VerificationKeys } from '@platform/keys/keyring';

const ISSUER = 'entitlements';
const AUDIENCE = 'playback';

/** How the account is entitled; playback caps resolution only for subscriptions. */
export type GrantBasis =
  { kind: 'PURCHASE' } | { kind: 'RENTAL' } | { kind: 'SUBSCRIPTION'; tier: SubscriptionTier };

/** What a grant is bound to. */
export interface GrantBinding {
  accountId: string;
  profileId: string;
  titleId: string;
  /** The request's country; null when it was missing or invalid (then only unrestricted titles). */
  country: string | null;
}

export interface Grant extends GrantBinding {
  basis: GrantBasis;
  /** Expiry, in Unix seconds. */
  expiresAt: number;
  /** Unique id of this grant, for logs and audits. */
  grantId: string;
}

/**
 * Signs a grant valid until `expiresAt` (Unix seconds); the caller has already capped it by the
 * entitlement's own end (rental expiry, subscription end, license window).
 */
export async function signGrant(
  key: SigningKey,
  binding: GrantBinding,
  basis: GrantBasis,
  expiresAt: number,
): Promise<string> {
  return new SignJWT({ titleId: binding.titleId, acct: binding.accountId, ctry: binding.country, basis })
    .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid: key.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(binding.profileId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
}

export class InvalidGrantError extends Error {
  override name = 'InvalidGrantError';
}

/**
 * Verifies a grant's signature and expiry, and that it is bound to exactly this request. Throws
 * {@link InvalidGrantError} otherwise.
 */
export async function verifyGrant(
  keys: VerificationKeys,
  token: string,
  expected: GrantBinding,
): Promise<Grant> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keys.keyFor, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [SIGNATURE_ALGORITHM],
      requiredClaims: ['exp', 'sub', 'jti'],
    }));
  } catch (error) {
    throw new InvalidGrantError(`Grant rejected: ${(error as Error).message}`);
  }
  const grant: Grant = {
    accountId: String(payload.acct),
    profileId: String(payload.sub),
    titleId: String(payload.titleId),
    country: typeof payload.ctry === 'string' ? payload.ctry : null,
    basis: payload.basis as GrantBasis,
    expiresAt: payload.exp!,
    grantId: payload.jti!,
  };
  for (const field of ['accountId', 'profileId', 'titleId', 'country'] as const) {
    if (grant[field] !== expected[field]) {
      throw new InvalidGrantError(`Grant rejected: it is bound to another ${field}`);
    }
  }
  const basisKind = (grant.basis as { kind?: unknown } | undefined)?.kind;
  if (basisKind !== 'PURCHASE' && basisKind !== 'RENTAL' && basisKind !== 'SUBSCRIPTION') {
    throw new InvalidGrantError('Grant rejected: unknown basis');
  }
  return grant;
}
