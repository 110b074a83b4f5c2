/**
 * The verified playback manifest (docs/play-contract.md, "The manifest"): what the player holds for the whole
 * session, and all it needs from the control plane.
 */
import { z } from 'zod';

const variantSchema = z.object({
  id: z.string().min(1),
  codec: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bitrateKbps: z.number().positive(),
  hdr: z.string(),
});

const cdnSchema = z.object({
  id: z.string().min(1),
  baseUrl: z.string().min(1),
  priority: z.number(),
  token: z.string().min(1),
});

/** The claims the player relies on; other claims are kept but not interpreted. */
export const manifestClaimsSchema = z.object({
  iss: z.string(),
  iat: z.number(),
  exp: z.number(),
  sid: z.string().min(1),
  sub: z.string(),
  acct: z.string(),
  titleId: z.string().min(1),
  variants: z.array(variantSchema).min(1),
  drm: z.object({ system: z.string(), licenseUrl: z.string() }).nullable(),
  cdns: z.array(cdnSchema).min(1),
  abr: z.object({ startVariantId: z.string(), maxBitrateKbps: z.number().positive() }),
  /** Prefetched manifests only: the last moment (Unix seconds) the session may start. */
  startBy: z.number().optional(),
});

export type ManifestClaims = z.infer<typeof manifestClaimsSchema>;
export type ManifestVariant = ManifestClaims['variants'][number];
export type ManifestCdn = ManifestClaims['cdns'][number];

/** A manifest whose signature and claims were checked, with the compact JWS it came from. */
export interface VerifiedManifest {
  jws: string;
  claims: ManifestClaims;
}

/**
 * The URL of segment `n`: `{baseUrl}/{titleId}/{variantId}/{n}.m4s?token=…&sid=…`. `sid` is an
 * addition to the contract's URL: the reference edge refuses a token presented for another session.
 */
export function segmentUrl(cdn: ManifestCdn, claims: ManifestClaims, variantId: string, n: number): string {
  const base = cdn.baseUrl.replace(/\/+$/, '');
  const path = [claims.titleId, variantId, `${n}.m4s`].map(encodeURIComponent).join('/');
  const query = new URLSearchParams({ token: cdn.token, sid: claims.sid });
  return `${base}/${path}?${query}`;
}
