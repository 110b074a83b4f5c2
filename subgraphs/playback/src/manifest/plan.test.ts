import { RuleTrace } from '@contracts/ruleChecks';
import { planPlayback, type PlaybackPlanInput } from './plan';
import { aDevice, anEncoding } from '../../test/support/manifests';
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

describe('planPlayback traced (explainPlay)', () => {
  const traced = (input: PlaybackPlanInput) => {
    const trace = new RuleTrace();
    const plan = planPlayback(input, trace);
    return { plan, device: trace.checks().at(-1)! };
  };

  it('plans the same with a trace, naming every encoding kept or dropped and why, and the DRM chosen', () => {
    const input = anInput({
      encodings: [
        anEncoding({ id: 'h264-720', height: 720, bitrateKbps: 2500 }),
        anEncoding({ id: 'h264-1080', height: 1080, bitrateKbps: 5000 }),
        anEncoding({ id: 'av1-1080', codec: 'AV1', height: 1080, bitrateKbps: 3000 }),
        anEncoding({ id: 'h264-2160', height: 2160, bitrateKbps: 9000 }),
        anEncoding({ id: 'h264-1080-hdr', height: 1080, bitrateKbps: 6000, hdr: 'DOLBY_VISION' }),
      ],
      device: aDevice({
        id: 'tv-1',
        codecs: ['H264'],
        maxHeight: 1080,
        hdr: [],
        drm: ['WIDEVINE', 'PLAYREADY'],
      }),
      heightCap: TIER_HEIGHT_CAP.BASIC,
    });
    const { plan, device } = traced(input);

    expect(plan).toEqual(planPlayback(input));
    expect(device.outcome).toBe('PASSED');
    expect(device.evidence).toEqual([
      'Dropped (the device decodes H264, not AV1): av1-1080.',
      "Dropped (taller than the device's 1080 lines): h264-2160.",
      'Dropped (the device shows SDR only, not DOLBY_VISION): h264-1080-hdr.',
      'Kept: h264-720.',
      "Dropped (above the subscription's cap of 720 lines): h264-1080.",
      'The title needs DRM: WIDEVINE, the first the device lists (WIDEVINE, PLAYREADY).',
    ]);
  });

  it('fails the DEVICE rule, with every problem, when nothing plays or no DRM system is listed', () => {
    const { plan, device } = traced(anInput({ device: aDevice({ codecs: ['AV1'], drm: [] }) }));

    expect(plan.playable).toBe(false);
    expect(device.outcome).toBe('FAILED');
    expect(device.evidence.at(-1)).toBe('The title needs DRM and the device lists no DRM system.');
  });
});
