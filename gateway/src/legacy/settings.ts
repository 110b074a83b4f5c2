/**
 * The legacy REST API's settings: whether it is served, its deprecation and sunset dates, where its
 * documentation is, and its device-model table. Spread {@link legacyApiEnvShape} into the gateway's
 * env shape and turn the parsed values into settings with {@link legacyApiSettings}.
 */
import { z } from 'zod';
import { EnvError, onOff } from '@platform/env';
import { DEVICE_MODELS_PATH } from './deviceModels';

export interface LegacyApiSettings {
  /** Since when the API is deprecated: the `Deprecation` header (RFC 9745). */
  deprecatedAt: Date;
  /** When the API stops answering: the `Sunset` header (RFC 8594). After it, every route answers 410. */
  sunsetAt: Date;
  /** The `Link: <…>; rel="deprecation"` target: the migration guide. */
  docsUrl: string;
  /** The device-model table (data/device-models.json by default). */
  deviceModelsPath: string;
}

export const DEFAULT_LEGACY_API_SETTINGS: Readonly<LegacyApiSettings> = Object.freeze({
  deprecatedAt: new Date('2026-01-01T00:00:00Z'),
  sunsetAt: new Date('2027-01-01T00:00:00Z'),
  docsUrl: '/docs/legacy-api.md',
  deviceModelsPath: DEVICE_MODELS_PATH,
});

/** A date (`2026-01-01`, midnight UTC) or an ISO 8601 date-time with its offset. */
const instant = (fallback: Date) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value))
    .default(fallback);

export const legacyApiEnvShape = {
  /** `off`: the `/v1/*` routes are not served at all (404), as after the sunset plan's last step. */
  LEGACY_API: onOff('on'),
  LEGACY_API_DEPRECATED_AT: instant(DEFAULT_LEGACY_API_SETTINGS.deprecatedAt),
  LEGACY_API_SUNSET_AT: instant(DEFAULT_LEGACY_API_SETTINGS.sunsetAt),
  /** An absolute URL, or a path on the gateway's host where the guide is published. */
  LEGACY_API_DOCS_URL: z.string().min(1).default(DEFAULT_LEGACY_API_SETTINGS.docsUrl),
  LEGACY_DEVICE_MODELS_PATH: z.string().min(1).default(DEFAULT_LEGACY_API_SETTINGS.deviceModelsPath),
};

export type LegacyApiEnv = z.infer<z.ZodObject<typeof legacyApiEnvShape>>;

/** The settings the parsed variables describe, or null when `LEGACY_API=off`. */
export function legacyApiSettings(env: LegacyApiEnv): LegacyApiSettings | null {
  if (!env.LEGACY_API) return null;
  if (!(env.LEGACY_API_SUNSET_AT > env.LEGACY_API_DEPRECATED_AT)) {
    throw new EnvError(
      'Invalid environment:\n  LEGACY_API_SUNSET_AT: must be later than LEGACY_API_DEPRECATED_AT',
    );
  }
  return {
    deprecatedAt: env.LEGACY_API_DEPRECATED_AT,
    sunsetAt: env.LEGACY_API_SUNSET_AT,
    docsUrl: env.LEGACY_API_DOCS_URL,
    deviceModelsPath: env.LEGACY_DEVICE_MODELS_PATH,
  };
}

/**
 * The headers on every legacy response: `Deprecation: @<unix seconds>` (RFC 9745), `Sunset:
 * <HTTP-date>` (RFC 8594) and the link to the migration guide.
 */
export function deprecationHeaders(settings: LegacyApiSettings): Record<string, string> {
  return {
    deprecation: `@${Math.floor(settings.deprecatedAt.getTime() / 1000)}`,
    sunset: settings.sunsetAt.toUTCString(),
    link: `<${settings.docsUrl}>; rel="deprecation"; type="text/markdown"`,
  };
}
