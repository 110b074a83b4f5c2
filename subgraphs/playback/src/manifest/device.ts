/**
 * What a device tells us about itself and its network in a `play` request (`DeviceInput` and `NetworkInput`,
 * docs/play-contract.md). These are the inputs the manifest is tailored to; the GraphQL layer maps its input
 * types onto them so the manifest rules never depend on GraphQL.
 */
import type { VideoCodec } from '@contracts/vocabulary';

export const DEVICE_TYPES = ['TV', 'MOBILE', 'TABLET', 'WEB', 'CONSOLE'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** The HDR formats a device can render; SDR is implied, every device plays it. */
export const HDR_FORMATS = ['HDR10', 'DOLBY_VISION'] as const;
export type HdrFormat = (typeof HDR_FORMATS)[number];

export const DRM_SYSTEMS = ['WIDEVINE', 'PLAYREADY', 'FAIRPLAY'] as const;
export type DrmSystem = (typeof DRM_SYSTEMS)[number];

export const NETWORK_TYPES = ['WIFI', 'CELLULAR', 'ETHERNET', 'UNKNOWN'] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

/** A device as it describes itself. */
export interface DeviceCapabilities {
  id: string;
  type: DeviceType;
  /** Codecs the device can decode; an encoding in any other codec is never offered. */
  codecs: VideoCodec[];
  /** Tallest picture (in pixels) the device can display; taller encodings are never offered. */
  maxHeight: number;
  /** HDR formats the device renders; empty means SDR only. */
  hdr: HdrFormat[];
  /** DRM systems the device supports, most preferred first; the order is significant. */
  drm: DrmSystem[];
}

/**
 * The network as the device reports it. Every field may be unknown (null): a missing value never
 * makes a decision stricter or looser than the documented default.
 */
export interface NetworkConditions {
  type: NetworkType | null;
  /** Estimated downlink throughput in kbps; null when the device did not measure it. */
  downlinkKbps: number | null;
  /** True when the user pays per byte (e.g. a tethered hotspot); null when unknown. */
  metered: boolean | null;
}
