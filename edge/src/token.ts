/**
 * Checks a segment request's token on the edge alone (no call to the control plane): an EdDSA JWS
 * from the playback service, `{ sid, titleId, aud: cdnId, iat, exp, iss }`, and `traceId` when the play
 * that issued it was traced.
 */
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { SIGNATURE_ALGORITHM } from '@platform/keys/keyring';

export type TokenCheck =
  | { ok: true; sessionId: string; titleId: string; traceId: string | null }
  /** 403: not a token of ours, for another CDN, title or session. 410: ours, but expired. */
  | { ok: false; status: 403 | 410; reason: string };

interface TokenClaims {
  sid: string;
  titleId: string;
  exp: number;
  traceId: string | null;
}

export interface TokenCheckerOptions {
  keys: JWTVerifyGetKey;
  cdnId: string;
  issuer: string;
  /** Verified tokens remembered, so a session's every segment does not cost a signature check. */
  cacheSize?: number;
  now?: () => number;
}

export class SegmentTokenChecker {
  private readonly verified: LRUCache<string, TokenClaims>;
  private readonly now: () => number;

  constructor(private readonly options: TokenCheckerOptions) {
    this.verified = new LRUCache({ max: options.cacheSize ?? 10_000 });
    this.now = options.now ?? Date.now;
  }

  async check(
    token: string | null,
    request: { titleId: string; sessionId: string | null },
  ): Promise<TokenCheck> {
    if (!token) return { ok: false, status: 403, reason: 'no token' };
    let claims = this.verified.get(token);
    if (!claims) {
      const result = await this.verify(token);
      if (!result.ok) return result;
      claims = result.claims;
      this.verified.set(token, claims);
    }
    // Checked on every request, cached or not: a token verified an hour ago may have expired since.
    if (claims.exp * 1000 <= this.now()) return { ok: false, status: 410, reason: 'token expired' };
    if (claims.titleId !== request.titleId)
      return { ok: false, status: 403, reason: 'token for another title' };
    if (request.sessionId !== null && claims.sid !== request.sessionId) {
      return { ok: false, status: 403, reason: 'token for another session' };
    }
    return { ok: true, sessionId: claims.sid, titleId: claims.titleId, traceId: claims.traceId };
  }

  private async verify(
    token: string,
  ): Promise<{ ok: true; claims: TokenClaims } | { ok: false; status: 403 | 410; reason: string }> {
    try {
      const { payload } = await jwtVerify(token, this.options.keys, {
        algorithms: [SIGNATURE_ALGORITHM],
        audience: this.options.cdnId,
        issuer: this.options.issuer,
        currentDate: new Date(this.now()),
      });
      if (typeof payload.sid !== 'string' || typeof payload.titleId !== 'string' || !payload.exp) {
        return { ok: false, status: 403, reason: 'token without session or title' };
      }
      const traceId = typeof payload.traceId === 'string' ? payload.traceId : null;
      return { ok: true, claims: { sid: payload.sid, titleId: payload.titleId, exp: payload.exp, traceId } };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, status: 410, reason: 'token expired' };
      const code = error instanceof errors.JOSEError ? error.code : 'ERR_MALFORMED';
      return { ok: false, status: 403, reason: `invalid token (${code})` };
    }
  }
}
