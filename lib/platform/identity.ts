/**
 * Viewer identity: bearer JWTs whose subject is the account id. Development signs them with a local
 * key (`npm run token`); production verifies them against the configured issuer's keys.
 */
import { SignJWT, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { SIGNATURE_ALGORITHM, type SigningKey } from './keys/keyring';

export const DEVELOPMENT_ISSUER = 'urn:streaming:development-identity';
export const API_AUDIENCE = 'streaming-api';

/** Signs a development token for an account. Defaults to a lifetime of 24 hours. */
export async function issueDevelopmentToken(
  key: SigningKey,
  accountId: string,
  ttlSeconds = 86_400,
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(API_AUDIENCE)
    .setSubject(accountId)
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
}

/**
 * Returns a function from a bearer token to its account id. Verified tokens are remembered until
 * they expire, so a device's repeated requests cost one signature check.
 */
export function createTokenVerifier(options: TokenVerifierOptions): (token: string) => Promise<string> {
  const verified = new LRUCache<string, string>({ max: 100_000 });
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
    const ttl = payload.exp! * 1000 - Date.now();
    if (ttl > 0) verified.set(token, payload.sub!, { ttl });
    return payload.sub!;
  };
}
