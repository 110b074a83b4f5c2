/**
 * Signing: the manifest (verified by players against the gateway's JWK Set) and one segment token
 * per CDN (verified by that CDN's edges on their own, so playback never calls the control plane).
 */
import { SignJWT } from 'jose';
import type { Cdn } from '@platform/dataset/model';
import { SIGNATURE_ALGORITHM, type SigningKey } from '@platform/keys/keyring';
import type { AbrHints } from './abr';
import type { DrmChoice } from './drm';
import type { Variant } from './variants';

/**
 * How long a manifest outlives the title's running time: room for pauses and rewinds. The segment
 * tokens expire with the manifest, so a viewer who pauses for longer asks for a new manifest.
 */
export const PAUSE_ALLOWANCE_SECONDS = 4 * 3600;

/**
 * A prefetched manifest (`prefetch`) must be started within this many seconds of its issue: the
 * `startBy` claim. Defaults to 300 (five minutes): the viewer is browsing the title now.
 */
export const PREFETCH_START_SECONDS = 300;

/**
 * How long a prefetched manifest and its segment tokens last from issue, unless `startPlayback`
 * renews them: room to start it late in its window and for the start report to get through. Defaults
 * to 900 (fifteen minutes). It bounds how long a revoked entitlement can keep playing from a
 * prefetched manifest that is never reported: edges refuse its tokens after it.
 */
export const PREFETCH_LIFETIME_SECONDS = 900;

export interface ManifestContent {
  sessionId: string;
  accountId: string;
  profileId: string;
  titleId: string;
  durationSeconds: number;
  variants: Variant[];
  drm: DrmChoice | null;
  /** Already ordered for the request's country. */
  cdns: Cdn[];
  abr: AbrHints;
  /**
   * The trace of the `play` that issued it, when that was traced: in the manifest and in every
   * segment token, so that what players and edges log about the session leads back to the play.
   */
  traceId: string | null;
  /** A prefetched manifest: short-lived, with a `startBy` claim. Defaults to false. */
  prefetch?: boolean;
}

export interface SignedManifest {
  jws: string;
  keyId: string;
  /** Unix seconds; equals the JWS `exp` claim. */
  expiresAt: number;
}

export class ManifestSigner {
  constructor(
    private readonly manifestKey: SigningKey,
    private readonly edgeKey: SigningKey,
    private readonly issuer: string,
  ) {}

  async sign(content: ManifestContent, now = new Date()): Promise<SignedManifest> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = content.prefetch
      ? iat + PREFETCH_LIFETIME_SECONDS
      : iat + content.durationSeconds + PAUSE_ALLOWANCE_SECONDS;
    const cdns = await Promise.all(
      content.cdns.map(async (cdn) => ({
        id: cdn.id,
        baseUrl: cdn.baseUrl,
        priority: cdn.priority,
        token: await this.segmentToken(cdn.id, content, iat, exp),
      })),
    );
    const jws = await new SignJWT({
      sid: content.sessionId,
      acct: content.accountId,
      titleId: content.titleId,
      variants: content.variants,
      drm: content.drm,
      cdns,
      abr: content.abr,
      ...traceClaim(content),
      ...(content.prefetch ? { startBy: iat + PREFETCH_START_SECONDS } : {}),
    })
      .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid: this.manifestKey.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(content.profileId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.manifestKey.privateKey);
    return { jws, keyId: this.manifestKey.kid, expiresAt: exp };
  }

  /**
   * A token for segment URLs `{baseUrl}/{titleId}/{variantId}/{n}.m4s?token=…` on one CDN: bound to
   * the session, the title and that CDN (`aud`), so a token leaked from one CDN opens nothing else.
   */
  private segmentToken(cdnId: string, content: ManifestContent, iat: number, exp: number): Promise<string> {
    return new SignJWT({ sid: content.sessionId, titleId: content.titleId, ...traceClaim(content) })
      .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid: this.edgeKey.kid })
      .setIssuer(this.issuer)
      .setAudience(cdnId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.edgeKey.privateKey);
  }
}

/** `traceId`, only when the play was traced: an untraced play's manifest is as it always was. */
function traceClaim(content: ManifestContent): { traceId?: string } {
  return content.traceId ? { traceId: content.traceId } : {};
}
