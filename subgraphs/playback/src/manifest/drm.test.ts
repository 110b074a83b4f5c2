import { chooseDrm, licenseUrlFor } from './drm';
import { aDevice } from '../../test/support/manifests';

const licenseBaseUrl = 'https://license.example/v1';

describe('chooseDrm', () => {
  it('needs no DRM system when the title does not require DRM, even on a device that lists none', () => {
    expect(chooseDrm(false, aDevice({ drm: [] }), licenseBaseUrl, 'sid-1')).toEqual({ kind: 'NOT_REQUIRED' });
    expect(chooseDrm(false, aDevice({ drm: ['FAIRPLAY'] }), licenseBaseUrl, 'sid-1')).toEqual({
      kind: 'NOT_REQUIRED',
    });
  });

  it('chooses the first DRM system in the device order of preference', () => {
    const device = aDevice({ drm: ['PLAYREADY', 'WIDEVINE'] });

    expect(chooseDrm(true, device, licenseBaseUrl, 'sid-1')).toEqual({
      kind: 'CHOSEN',
      choice: { system: 'PLAYREADY', licenseUrl: 'https://license.example/v1/playready?sid=sid-1' },
    });
  });

  it('is unsupported when the title requires DRM and the device lists no DRM system', () => {
    expect(chooseDrm(true, aDevice({ drm: [] }), licenseBaseUrl, 'sid-1')).toEqual({ kind: 'UNSUPPORTED' });
  });
});

describe('licenseUrlFor', () => {
  it('names the system in lower case and URL-encodes the session id', () => {
    expect(licenseUrlFor(licenseBaseUrl, 'FAIRPLAY', 'a b&c=d/é')).toBe(
      'https://license.example/v1/fairplay?sid=a%20b%26c%3Dd%2F%C3%A9',
    );
  });

  it('does not double the slash when the base URL ends with one', () => {
    expect(licenseUrlFor('https://license.example/', 'WIDEVINE', 's')).toBe(
      'https://license.example/widevine?sid=s',
    );
  });
});
