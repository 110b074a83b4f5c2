import { parseEnv } from '@platform/env';
import {
  deprecationHeaders,
  legacyApiEnvShape,
  legacyApiSettings,
  DEFAULT_LEGACY_API_SETTINGS,
} from './settings';

const settingsFrom = (env: NodeJS.ProcessEnv) => legacyApiSettings(parseEnv(legacyApiEnvShape, env));

describe('legacy API settings', () => {
  it('default to on, deprecated 2026-01-01, sunset 2027-01-01, the guide in docs/', () => {
    expect(settingsFrom({})).toEqual(DEFAULT_LEGACY_API_SETTINGS);
  });

  it('read dates and date-times, the guide and another device-model table', () => {
    const settings = settingsFrom({
      LEGACY_API_DEPRECATED_AT: '2026-03-01',
      LEGACY_API_SUNSET_AT: '2026-09-30T12:00:00+02:00',
      LEGACY_API_DOCS_URL: 'https://developer.example.net/legacy',
      LEGACY_DEVICE_MODELS_PATH: '/etc/gateway/device-models.json',
    });
    expect(settings?.deprecatedAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(settings?.sunsetAt.toISOString()).toBe('2026-09-30T10:00:00.000Z');
    expect(settings?.docsUrl).toBe('https://developer.example.net/legacy');
    expect(settings?.deviceModelsPath).toBe('/etc/gateway/device-models.json');
  });

  it('are null when the API is off', () => {
    expect(settingsFrom({ LEGACY_API: 'off' })).toBeNull();
  });

  it('refuse a date that is not ISO 8601, naming the variable', () => {
    expect(() => settingsFrom({ LEGACY_API_SUNSET_AT: 'next spring' })).toThrow('LEGACY_API_SUNSET_AT');
  });

  it('refuse a sunset before the deprecation', () => {
    expect(() =>
      settingsFrom({ LEGACY_API_DEPRECATED_AT: '2027-01-01', LEGACY_API_SUNSET_AT: '2026-01-01' }),
    ).toThrow('LEGACY_API_SUNSET_AT: must be later than LEGACY_API_DEPRECATED_AT');
  });
});

describe('deprecationHeaders', () => {
  it('are RFC 9745 Deprecation, RFC 8594 Sunset and a deprecation link', () => {
    expect(deprecationHeaders(DEFAULT_LEGACY_API_SETTINGS)).toEqual({
      deprecation: '@1767225600',
      sunset: 'Fri, 01 Jan 2027 00:00:00 GMT',
      link: '</docs/legacy-api.md>; rel="deprecation"; type="text/markdown"',
    });
  });
});
