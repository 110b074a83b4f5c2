/**
 * The credential the gateway adds to every subgraph request. It carries the caller the gateway
 * authenticated (account, country, roles) and the hash of the request body, signed with the key the
 * gateway shares with that subgraph alone, so a subgraph trusts only what came through the gateway:
 * nobody who reaches a subgraph directly, or captures a credential on the way, can feed it
 * `_entities` representations or impersonate an account.
 */
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { decodeJwt, jwtVerify, type JWSHeaderParameters } from 'jose';
import { deriveSubgraphKey, type CredentialKey } from '@platform/keys/gatewaySecret';
import { DEFAULT_ROLES, isRole, type Role } from './roles';

export const GATEWAY_CREDENTIAL_HEADER = 'x-gateway-credential';
const ISSUER = 'gateway';
const CREDENTIAL_ALGORITHM = 'HS256';

/** Who is calling, as the gateway established it. */
export interface Caller {
  /** The verified account (token subject); null for an anonymous request. */
  accountId: string | null;
  /** ISO 3166-1 alpha-2 country from the edge's `x-country` header; null when missing or invalid. */
  country: string | null;
  /** What the token lets the caller do; absent means a viewer ({@link rolesOf}). */
  roles?: readonly Role[];
}

/** How a subgraph learns who is calling: from a request's headers and the exact bytes of its body. */
export interface CallerVerifier {
  /** The request's caller; throws when the request does not say who it is in a way to trust. */
  callerOf(headers: IncomingHttpHeaders, body: Uint8Array): Promise<Caller>;
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
 * Signs the gateway's credentials: one per subgraph fetch, bound to that fetch's body (`bh`), so a
 * credential captured on the way to a subgraph cannot carry another body (forged `_entities`,
 * another account's profile), and to that subgraph (its own key and `aud`), so it cannot be replayed
 * to another. A compact JWS, HS256 with the subgraph's key (@platform/keys/gatewaySecret: why HMAC,
 * why a key per subgraph), built here with node:crypto: far cheaper per fetch than an Ed25519
 * signature (scripts/bench-credential.ts measures both; the figures are in docs/benchmarks.md).
 */
export class GatewayCredentialIssuer {
  private readonly signers = new Map<string, SubgraphCredentialSigner>();

  /** @param ttlSeconds lifetime of a credential. Defaults to 60: room for clock skew, not for reuse. */
  constructor(
    private readonly secret: CredentialKey,
    private readonly ttlSeconds = 60,
  ) {}

  /** The signer of credentials for `subgraph`, with the key derived for it (once). */
  forSubgraph(subgraph: string): SubgraphCredentialSigner {
    let signer = this.signers.get(subgraph);
    if (!signer) {
      const key = createSecretKey(deriveSubgraphKey(this.secret.key, subgraph));
      signer = new SubgraphCredentialSigner(subgraph, { kid: this.secret.kid, key }, this.ttlSeconds);
      this.signers.set(subgraph, signer);
    }
    return signer;
  }
}

/** Signs credentials that one subgraph accepts. */
export class SubgraphCredentialSigner {
  /** `{"alg":"HS256","kid":…}`, base64url: the same for every credential of this key. */
  private readonly encodedHeader: string;

  constructor(
    private readonly subgraph: string,
    private readonly key: CredentialKey,
    private readonly ttlSeconds: number,
  ) {
    this.encodedHeader = base64url(JSON.stringify({ alg: CREDENTIAL_ALGORITHM, kid: key.kid }));
  }

  /** A credential for `caller` that this subgraph accepts only with exactly this request body. */
  credentialFor(caller: Caller, body: string | Uint8Array): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      ctry: caller.country,
      // Left out for a plain viewer, so a device's credential stays as small as before roles existed.
      ...(caller.roles && !isDefaultRoles(caller.roles) && { roles: [...caller.roles] }),
      bh: bodyHash(body),
      iss: ISSUER,
      aud: this.subgraph,
      sub: caller.accountId ?? '',
      iat: now,
      exp: now + this.ttlSeconds,
    };
    const signingInput = `${this.encodedHeader}.${base64url(JSON.stringify(claims))}`;
    const signature = createHmac('sha256', this.key.key).update(signingInput).digest('base64url');
    return `${signingInput}.${signature}`;
  }
}

const isDefaultRoles = (roles: readonly Role[]) =>
  roles.length === DEFAULT_ROLES.length && roles.every((role, index) => role === DEFAULT_ROLES[index]);

const base64url = (text: string) => Buffer.from(text).toString('base64url');

export class InvalidGatewayCredentialError extends Error {
  override name = 'InvalidGatewayCredentialError';
}

/**
 * Verifies credentials in one subgraph, with the keys derived for it. The body hash is compared
 * before the signature is checked, so a credential replayed with another body is refused without
 * the cost of a signature check. Nothing is cached: every credential is signed for one fetch, so a
 * cache would never hit.
 */
export class GatewayCredentialVerifier implements CallerVerifier {
  /**
   * @param subgraph the subgraph's name: the only audience accepted.
   * @param keys its keys by `kid` (@platform/keys/gatewaySecret `loadSubgraphKeys`).
   */
  constructor(
    private readonly subgraph: string,
    private readonly keys: ReadonlyMap<string, KeyObject>,
  ) {}

  private readonly keyFor = ({ kid }: JWSHeaderParameters): KeyObject => {
    const key = kid === undefined ? undefined : this.keys.get(kid);
    if (!key) throw new InvalidGatewayCredentialError(`no ${this.subgraph} key has the kid ${kid}`);
    return key;
  };

  /** The caller of a request's `x-gateway-credential`, if it is valid and was signed for exactly `body`. */
  callerOf(headers: IncomingHttpHeaders, body: Uint8Array): Promise<Caller> {
    const header = headers[GATEWAY_CREDENTIAL_HEADER];
    return this.verify(Array.isArray(header) ? header[0] : header, body);
  }

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
      const { payload } = await jwtVerify(token, this.keyFor, {
        issuer: ISSUER,
        audience: this.subgraph,
        algorithms: [CREDENTIAL_ALGORITHM],
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
