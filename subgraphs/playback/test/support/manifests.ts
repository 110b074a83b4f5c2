/**
 * Builders for the manifest unit tests: each returns a valid record with neutral defaults, so a test
 * states only the fields its behaviour depends on. Never imported by production code.
 */
import type { Cdn } from '@platform/dataset/model';
import type { Encoding } from '../../src/manifest/encoding';
import type { DeviceCapabilities, NetworkConditions } from '../../src/manifest/device';
import type { Variant } from '../../src/manifest/variants';

/** An SDR H264 1080p encoding at 5000 kbps unless overridden. */
export function anEncoding(overrides: Partial<Encoding> & Pick<Encoding, 'id'>): Encoding {
  return { codec: 'H264', width: 1920, height: 1080, bitrateKbps: 5000, hdr: 'SDR', ...overrides };
}

/** A variant is shaped like an encoding; the alias keeps ABR tests in the manifest's vocabulary. */
export const aVariant: (overrides: Partial<Variant> & Pick<Variant, 'id'>) => Variant = anEncoding;

/** A 4K-capable TV that decodes everything, renders every HDR format and prefers Widevine. */
export function aDevice(overrides: Partial<DeviceCapabilities> = {}): DeviceCapabilities {
  return {
    id: 'device-1',
    type: 'TV',
    codecs: ['H264', 'HEVC', 'VP9', 'AV1'],
    maxHeight: 2160,
    hdr: ['HDR10', 'DOLBY_VISION'],
    drm: ['WIDEVINE', 'PLAYREADY'],
    ...overrides,
  };
}

/** An unmetered Wi-Fi network whose downlink is unknown. */
export function aNetwork(overrides: Partial<NetworkConditions> = {}): NetworkConditions {
  return { type: 'WIFI', downlinkKbps: null, metered: false, ...overrides };
}

/** A healthy global CDN with priority 1. */
export function aCdn(overrides: Partial<Cdn> & Pick<Cdn, 'id'>): Cdn {
  return {
    baseUrl: `https://${overrides.id}.cdn.example`,
    regions: [],
    priority: 1,
    healthy: true,
    ...overrides,
  };
}
