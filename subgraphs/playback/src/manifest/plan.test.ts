import { planPlayback, type PlaybackPlanInput } from './plan';
import { aDevice, anEncoding } from './testing';
import { TIER_HEIGHT_CAP } from './variants';

function anInput(overrides: Partial<PlaybackPlanInput> = {}): PlaybackPlanInput {
  return {
    encodings: [
      anEncoding({ id: 'h264-720', height: 720, bitrateKbps: 2500 }),
      anEncoding({ id: 'h264-1080', height: 1080, bitrateKbps: 5000 }),
    ],
    drmRequired: true,
    device: aDevice({ id: 'tv-1', drm: ['WIDEVINE'] }),
    heightCap: null,
    licenseBaseUrl: 'https://license.example',
    sessionId: 'sid-1',
    ...overrides,
  };
}

describe('planPlayback', () => {
  it('plans the playable variants and the preferred DRM system for a protected title', () => {
    expect(planPlayback(anInput())).toEqual({
      playable: true,
      variants: [
        { id: 'h264-720', codec: 'H264', width: 1920, height: 720, bitrateKbps: 2500, hdr: 'SDR' },
        { id: 'h264-1080', codec: 'H264', width: 1920, height: 1080, bitrateKbps: 5000, hdr: 'SDR' },
      ],
      drm: { system: 'WIDEVINE', licenseUrl: 'https://license.example/widevine?sid=sid-1' },
    });
  });

  it('plans no DRM for an unprotected title, even on a device without DRM', () => {
    const plan = planPlayback(anInput({ drmRequired: false, device: aDevice({ drm: [] }) }));

    expect(plan).toMatchObject({ playable: true, drm: null });
  });

  it('applies the height cap of the grant', () => {
    const plan = planPlayback(anInput({ heightCap: TIER_HEIGHT_CAP.BASIC }));

    expect(plan.playable && plan.variants.map((v) => v.id)).toEqual(['h264-720']);
  });

  it('refuses as DEVICE_UNSUPPORTED, naming the device, when no encoding is playable on it', () => {
    const plan = planPlayback(
      anInput({ device: aDevice({ id: 'phone-9', codecs: ['AV1'], drm: ['WIDEVINE'] }) }),
    );

    expect(plan).toEqual({
      playable: false,
      reason: 'DEVICE_UNSUPPORTED',
      detail: expect.stringMatching(/no encoding is playable on device phone-9 \(codecs AV1/),
    });
  });

  it('refuses as DEVICE_UNSUPPORTED when the title requires DRM and the device lists none', () => {
    const plan = planPlayback(anInput({ device: aDevice({ id: 'web-3', drm: [] }) }));

    expect(plan).toEqual({
      playable: false,
      reason: 'DEVICE_UNSUPPORTED',
      detail: 'the title requires DRM and device web-3 lists no DRM system',
    });
  });

  it('names both problems in the detail when the device fails on encodings and on DRM', () => {
    const plan = planPlayback(anInput({ device: aDevice({ codecs: [], drm: [] }) }));

    expect(plan.playable).toBe(false);
    expect(!plan.playable && plan.detail.split('; ')).toEqual([
      expect.stringContaining('no encoding is playable'),
      expect.stringContaining('requires DRM'),
    ]);
  });
});
