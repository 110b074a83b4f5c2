/**
 * Signed test manifests with a key of their own, shaped like the playback subgraph's. Test-only.
 */
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import type { ManifestClaims, ManifestVariant, VerifiedManifest } from '../../src/manifest';

export const LADDER: ManifestVariant[] = [
  { id: 'h264-240p', codec: 'H264', width: 426, height: 240, bitrateKbps: 235, hdr: 'SDR' },
  { id: 'h264-480p', codec: 'H264', width: 854, height: 480, bitrateKbps: 1750, hdr: 'SDR' },
  { id: 'h264-720p', codec: 'H264', width: 1280, height: 720, bitrateKbps: 3000, hdr: 'SDR' },
  { id: 'h264-1080p', codec: 'H264', width: 1920, height: 1080, bitrateKbps: 5800, hdr: 'SDR' },
];

export function claimsFor(overrides: Partial<ManifestClaims> = {}, nowMs = Date.now()): ManifestClaims {
  const iat = Math.floor(nowMs / 1000);
  return {
    iss: 'urn:streaming:playback',
    iat,
    exp: iat + 4 * 3600,
    sid: 'session-1',
    sub: 'profile-1',
    acct: 'account-1',
    titleId: 'title-1',
    variants: LADDER,
    drm: null,
    cdns: ['cdn-a', 'cdn-b', 'cdn-c'].map((id, index) => ({
      id,
      baseUrl: `https://${id}.test`,
      priority: index,
      token: `token-for-${id}`,
    })),
    abr: { startVariantId: 'h264-480p', maxBitrateKbps: 5800 },
    ...overrides,
  };
}

/** A manifest as the player holds it after verification, without a real signature. */
export function unsignedManifest(overrides: Partial<ManifestClaims> = {}, nowMs?: number): VerifiedManifest {
  return { jws: 'unsigned.test.manifest', claims: claimsFor(overrides, nowMs) };
}

export interface TestSigner {
  kid: string;
  getKey: JWTVerifyGetKey;
  jwks: { keys: object[] };
  sign(claims: ManifestClaims): Promise<string>;
}

export async function testSigner(kid = 'test-manifest-key'): Promise<TestSigner> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] };
  return {
    kid,
    jwks,
    getKey: createLocalJWKSet(jwks),
    sign: (claims) => sign(claims, privateKey, kid),
  };
}

function sign({ iss, iat, exp, sub, ...rest }: ManifestClaims, key: KeyLike, kid: string): Promise<string> {
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(iss)
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key);
}
