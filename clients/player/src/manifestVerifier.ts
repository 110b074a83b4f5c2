/**
 * Refuses any manifest the gateway's keys did not sign: the player streams nothing on the strength
 * of an unverified manifest.
 */
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { manifestClaimsSchema, type VerifiedManifest } from './manifest';

export class ManifestRejectedError extends Error {
  override name = 'ManifestRejectedError';
}

export interface ManifestVerifierOptions {
  /** Key lookup: a {@link RemoteKeySet}'s `getKey`, or jose's `createLocalJWKSet(jwks)`. */
  getKey: JWTVerifyGetKey;
  /** Expected `iss`; unchecked when absent. */
  issuer?: string;
  /** Seconds of clock skew tolerated for `iat`/`exp`. Defaults to 60. */
  clockToleranceSeconds?: number;
  /** The verification time in ms; defaults to `Date.now()`. */
  now?: () => number;
}

export class ManifestVerifier {
  constructor(private readonly options: ManifestVerifierOptions) {}

  /** @throws ManifestRejectedError for a bad signature, unknown key, expiry or malformed claims. */
  async verify(jws: string, expectedTitleId?: string): Promise<VerifiedManifest> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(jws, this.options.getKey, {
        algorithms: ['EdDSA'],
        issuer: this.options.issuer,
        clockTolerance: this.options.clockToleranceSeconds ?? 60,
        currentDate: this.options.now ? new Date(this.options.now()) : undefined,
      }));
    } catch (error) {
      const why =
        error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : (error as Error).message;
      throw new ManifestRejectedError(`The manifest is not verifiable (${why})`);
    }
    const claims = manifestClaimsSchema.safeParse(payload);
    if (!claims.success) {
      throw new ManifestRejectedError(
        `The manifest's claims are malformed: ${claims.error.issues[0]?.message}`,
      );
    }
    if (expectedTitleId !== undefined && claims.data.titleId !== expectedTitleId) {
      throw new ManifestRejectedError(
        `The manifest is for title ${claims.data.titleId}, not ${expectedTitleId}`,
      );
    }
    if (!claims.data.variants.some((variant) => variant.id === claims.data.abr.startVariantId)) {
      throw new ManifestRejectedError('The manifest starts on a variant it does not list');
    }
    return { jws, claims: claims.data };
  }
}
