/**
 * The credential the gateway adds to every subgraph request. It carries the caller the gateway
 * authenticated (account and country) and the hash of the request body, signed with the gateway's
 * key, so a subgraph trusts only what came through the gateway: nobody who reaches a subgraph
 * directly, or captures a credential on the way, can feed it `_entities` representations or
 * impersonate an account.
 */
import { createHash, KeyObject, sign } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { SIGNATURE_ALGORITHM, type SigningKey, type VerificationKeys } from '@platform/keys/keyring';
import { DEFAULT_ROLES, isRole, type Role } from './roles';

export const GATEWAY_CREDENTIAL_HEADER = 'x-gateway-credential';
const ISSUER = 'gateway';
const AUDIENCE = 'subgraphs';

/** Who is calling, as the gateway established it. */
export interface Caller {
  /** The verified account (token subject); null for an anonymous request. */
  accountId: string | null;
  /** ISO 3166-1 alpha-2 country from the edge's `x-country` header; null when missing or invalid. */
  country: string | null;
  /** What the token lets the caller do; absent means a viewer ({@link rolesOf}). */
  roles?: readonly Role[];
}

/** The caller's roles: a caller built without any (a device's) is a viewer. */
export function rolesOf(caller: Caller): readonly Role[] {
  return caller.roles ?? DEFAULT_ROLES;
}

/** Whether the caller holds `role`. */
export function hasRole(caller: Caller, role: Role): boolean {
  return rolesOf(caller).includes(role);
}

/**
 * Base64url SHA-256 of the exact bytes of a request body: the `bh` claim that binds a credential to
 * the one fetch it was signed for. A string is hashed as the UTF-8 bytes `fetch` sends for it.
 */
export function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * Signs one credential per subgraph fetch, bound to that fetch's body (`bh`): a credential captured
 * on the way to a subgraph cannot carry another body (forged `_entities`, another account's
 * profile). That costs one Ed25519 signature per fetch; docs/security.md has the measurements.
 *
 * The compact JWS is built here and signed with node:crypto directly rather than through jose's
 * `SignJWT`: the same bytes (Ed25519 is deterministic, and the header and claims are serialized in
 * jose's order), for about a third of the CPU, which matters at one signature per fetch
 * (scripts/bench-credential.ts). Verification stays with jose.
 */
export class GatewayCredentialIssuer {
  /** `{"alg":"EdDSA","kid":…}`, base64url: the same for every credential of this key. */
  private readonly encodedHeader: string;
  private readonly privateKey: KeyObject;

  /** @param ttlSeconds lifetime of a credential. Defaults to 60: room for clock skew, not for reuse. */
  constructor(
    key: SigningKey,
    private readonly ttlSeconds = 60,
  ) {
    this.encodedHeader = base64url(JSON.stringify({ alg: SIGNATURE_ALGORITHM, kid: key.kid }));
    // jose's KeyLike is a KeyObject on Node; anything else (a WebCrypto CryptoKey) cannot sign here.
    if (!(key.privateKey instanceof KeyObject)) {
      throw new TypeError('The gateway signing key must be a node:crypto KeyObject');
    }
    this.privateKey = key.privateKey;
  }

  /** A credential for `caller` that subgraphs accept only with exactly this request body. */
  async credentialFor(caller: Caller, body: string | Uint8Array): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    // Claim order as jose's SignJWT writes them (payload, then iss, aud, sub, iat, exp).
    const claims = {
      ctry: caller.country,
      // Left out for a plain viewer, so a device's credential stays as small as before roles existed.
      ...(caller.roles && !isDefaultRoles(caller.roles) && { roles: [...caller.roles] }),
      bh: bodyHash(body),
      iss: ISSUER,
      aud: AUDIENCE,
      sub: caller.accountId ?? '',
      iat: now,
      exp: now + this.ttlSeconds,
    };
    const signingInput = `${this.encodedHeader}.${base64url(JSON.stringify(claims))}`;
    const signature = sign(null, Buffer.from(signingInput), this.privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  }
}

const isDefaultRoles = (roles: readonly Role[]) =>
  roles.length === DEFAULT_ROLES.length && roles.every((role, index) => role === DEFAULT_ROLES[index]);

const base64url = (text: string) => Buffer.from(text).toString('base64url');

export class InvalidGatewayCredentialError extends Error {
  override name = 'InvalidGatewayCredentialError';
}

/**
 * Verifies credentials in a subgraph. The body hash is compared before the signature is checked, so a
 * credential replayed with another body is refused without the cost of a signature verification.
 * Nothing is cached: every credential is signed for one fetch, so a cache would never hit.
 */
export class GatewayCredentialVerifier {
  constructor(private readonly keys: VerificationKeys) {}

  /** The caller a credential carries, if it is valid and was signed for exactly `body`. */
  async verify(token: string | undefined, body: Uint8Array): Promise<Caller> {
    if (!token) throw new InvalidGatewayCredentialError('Missing gateway credential');
    let claimed: unknown;
    try {
      claimed = decodeJwt(token).bh;
    } catch (error) {
      throw new InvalidGatewayCredentialError(`Invalid gateway credential: ${(error as Error).message}`);
    }
    if (typeof claimed !== 'string' || claimed !== bodyHash(body)) {
      throw new InvalidGatewayCredentialError(
        'Invalid gateway credential: it was not signed for this request body',
      );
    }
    try {
      const { payload } = await jwtVerify(token, this.keys.keyFor, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: [SIGNATURE_ALGORITHM],
        requiredClaims: ['exp', 'bh'],
      });
      return {
        accountId: payload.sub ? payload.sub : null,
        country: typeof payload.ctry === 'string' ? payload.ctry : null,
        roles: Array.isArray(payload.roles) ? payload.roles.filter(isRole) : DEFAULT_ROLES,
      };
    } catch (error) {
      throw new InvalidGatewayCredentialError(`Invalid gateway credential: ${(error as Error).message}`);
    }
  }
}
