/**
 * Which DRM system protects a playback session: the manifest's `drm` claim (docs/play-contract.md, "DRM").
 */
import type { DeviceCapabilities, DrmSystem } from './device';

/** The DRM system a session uses and where the player fetches its licence. */
export interface DrmChoice {
  system: DrmSystem;
  licenseUrl: string;
}

/**
 * The outcome of choosing DRM, one case per way it can go:
 * - `NOT_REQUIRED`: the title is unprotected; the manifest's `drm` is null.
 * - `CHOSEN`: the title is protected and `choice` is the system to use.
 * - `UNSUPPORTED`: the title is protected and the device lists no DRM system (DEVICE_UNSUPPORTED).
 */
export type DrmDecision =
  { kind: 'NOT_REQUIRED' } | { kind: 'CHOSEN'; choice: DrmChoice } | { kind: 'UNSUPPORTED' };

/**
 * The licence URL for one session: `${licenseBaseUrl}/${system in lower case}?sid=${sessionId}`, with
 * the session id URL-encoded. Trailing slashes on the base are dropped so a configured
 * `https://license.example/` does not produce a `//` path.
 */
export function licenseUrlFor(licenseBaseUrl: string, system: DrmSystem, sessionId: string): string {
  const base = licenseBaseUrl.replace(/\/+$/, '');
  return `${base}/${system.toLowerCase()}?sid=${encodeURIComponent(sessionId)}`;
}

/**
 * Chooses the DRM system for a session.
 *
 * The device lists its systems in order of preference, so the first one is chosen: the device knows
 * which of its systems offers the best protection level and performance, we do not second-guess it.
 * Every system we list (Widevine, PlayReady, FairPlay) is served by the licence service, so no
 * server-side filtering happens here.
 */
export function chooseDrm(
  drmRequired: boolean,
  device: DeviceCapabilities,
  licenseBaseUrl: string,
  sessionId: string,
): DrmDecision {
  if (!drmRequired) return { kind: 'NOT_REQUIRED' };
  const system = device.drm[0];
  if (system === undefined) return { kind: 'UNSUPPORTED' };
  return { kind: 'CHOSEN', choice: { system, licenseUrl: licenseUrlFor(licenseBaseUrl, system, sessionId) } };
}
