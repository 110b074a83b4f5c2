/**
 * The credential the gateway adds to every subgraph request. It carries the caller the gateway
 * authenticated (account and country), signed with the gateway's key, so a subgraph trusts only what
 * came through the gateway: nobody who reaches a subgraph directly can feed it `_entities`
 * representations or impersonate an account.
 */
import { SignJWT, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { SIGNATURE_ALGORITHM, type SigningKey, type VerificationKeys } from '@platform/keys/keyring';

export const GATEWAY_CREDENTIAL_HEADER = 'x-gateway-credential';
const ISSUER = 'gateway';
const AUDIENCE = 'subgraphs';

/** Who is calling, as the gateway established it. */
export interface Caller {
  /** The verified account (token subject); null for an anonymous request. */
  accountId: string | null;
  /** ISO 3166-1 alpha-2 country from the edge's `x-country` header; null when missing or invalid. */
  country: string | null;
}

/**
 * Signs credentials, reusing one per caller until shortly before it expires: signing per subgraph
 * fetch would cost an Ed25519 signature on every hop of every request.
 */
export class GatewayCredentialIssuer {
  private readonly cache: LRUCache<string, { token: string; reuseUntil: number }>;

  /** @param ttlSeconds lifetime of a credential. Defaults to 60; reused for the first two thirds. */
  constructor(
    private readonly key: SigningKey,
    private readonly ttlSeconds = 60,
  ) {
    this.cache = new LRUCache({ max: 50_000 });
  }

  async credentialFor(caller: Caller): Promise<string> {
    const cacheKey = `${caller.accountId ?? ''}|${caller.country ?? ''}`;
    const now = Date.now();
    const cached = this.cache.get(cacheKey);
    if (cached && cached.reuseUntil > now) return cached.token;
    const token = await new SignJWT({ ctry: caller.country })
      .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid: this.key.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(caller.accountId ?? '')
      .setIssuedAt()
      .setExpirationTime(Math.floor(now / 1000) + this.ttlSeconds)
      .sign(this.key.privateKey);
    this.cache.set(cacheKey, { token, reuseUntil: now + (this.ttlSeconds * 1000 * 2) / 3 });
    return token;
  }
}

export class InvalidGatewayCredentialError extends Error {
  override name = 'InvalidGatewayCredentialError';
}

/** Verifies credentials in a subgraph; a verified token is remembered until it expires. */
export class GatewayCredentialVerifier {
  private readonly verified = new LRUCache<string, Caller>({ max: 50_000, ttlAutopurge: false });

  constructor(private readonly keys: VerificationKeys) {}

  async verify(token: string | undefined): Promise<Caller> {
    if (!token) throw new InvalidGatewayCredentialError('Missing gateway credential');
    const cached = this.verified.get(token);
    if (cached) return cached;
    try {
      const { payload } = await jwtVerify(token, this.keys.keyFor, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: [SIGNATURE_ALGORITHM],
        requiredClaims: ['exp'],
      });
      const caller: Caller = {
        accountId: payload.sub ? payload.sub : null,
        country: typeof payload.ctry === 'string' ? payload.ctry : null,
      };
      const ttl = (payload.exp ?? 0) * 1000 - Date.now();
      if (ttl > 0) this.verified.set(token, caller, { ttl });
      return caller;
    } catch (error) {
      throw new InvalidGatewayCredentialError(`Invalid gateway credential: ${(error as Error).message}`);
    }
  }
}
