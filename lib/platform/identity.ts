/**
 * Caller identity: bearer JWTs whose subject is the account id (a viewer) or the staff member's name
 * (an analyst), and whose roles claim says which. Development signs them with a local key
 * (`npm run token`); production verifies them against the configured issuer's keys.
 */
import { SignJWT, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { rolesFromClaim, type Role } from '@contracts/roles';
import { SIGNATURE_ALGORITHM, type SigningKey } from './keys/keyring';

export const DEVELOPMENT_ISSUER = 'urn:streaming:development-identity';
export const API_AUDIENCE = 'streaming-api';
/** The claim development tokens carry their roles in; production names its own (`IDENTITY_ROLES_CLAIM`). */
export const DEFAULT_ROLES_CLAIM = 'roles';

/** Who a verified token speaks for. */
export interface Identity {
  /** The token's subject: an account id for a viewer. */
  subject: string;
  roles: readonly Role[];
}

export interface DevelopmentTokenOptions {
  /** Defaults to 24 hours. */
  ttlSeconds?: number;
  /** Defaults to none: no roles claim, which is a viewer. */
  roles?: readonly Role[];
}

/** Signs a development token for a subject (an account, or an analyst's name with `roles`). */
export async function issueDevelopmentToken(
  key: SigningKey,
  subject: string,
  { ttlSeconds = 86_400, roles }: DevelopmentTokenOptions = {},
): Promise<string> {
  return new SignJWT(roles ? { [DEFAULT_ROLES_CLAIM]: [...roles] } : {})
    .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(API_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key.privateKey);
}

export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
}

export interface TokenVerifierOptions {
  keyFor: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Algorithms accepted. Defaults to EdDSA only. */
  algorithms?: string[];
  /** The claim holding the caller's roles. Defaults to {@link DEFAULT_ROLES_CLAIM}. */
  rolesClaim?: string;
}

/**
 * Returns a function from a bearer token to its {@link Identity}. Verified tokens are remembered until
 * they expire, so a device's repeated requests cost one signature check.
 */
export function createTokenVerifier(options: TokenVerifierOptions): (token: string) => Promise<Identity> {
  const rolesClaim = options.rolesClaim ?? DEFAULT_ROLES_CLAIM;
  const verified = new LRUCache<string, Identity>({ max: 100_000 });
  return async (token) => {
    const cached = verified.get(token);
    if (cached) return cached;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, options.keyFor, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: options.algorithms ?? [SIGNATURE_ALGORITHM],
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new UnauthenticatedError(`Invalid bearer token: ${(error as Error).message}`);
    }
    if (!payload.sub) throw new UnauthenticatedError('Invalid bearer token: it names no account');
    const identity: Identity = { subject: payload.sub, roles: rolesFromClaim(payload[rolesClaim]) };
    const ttl = payload.exp! * 1000 - Date.now();
    if (ttl > 0) verified.set(token, identity, { ttl });
    return identity;
  };
}
