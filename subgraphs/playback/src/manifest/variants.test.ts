import type { Encoding } from './encoding';
import { aDevice, anEncoding } from '../../test/support/manifests';
import { selectVariants, TIER_HEIGHT_CAP } from './variants';

const ids = (encodings: readonly { id: string }[]): string[] => encodings.map((e) => e.id);

/** A typical ladder: SD to 4K in H264, plus HEVC HDR rungs. */
const ladder: Encoding[] = [
  anEncoding({ id: 'h264-480', width: 854, height: 480, bitrateKbps: 1000 }),
  anEncoding({ id: 'h264-720', width: 1280, height: 720, bitrateKbps: 2500 }),
  anEncoding({ id: 'h264-1080', width: 1920, height: 1080, bitrateKbps: 5000 }),
  anEncoding({ id: 'h264-2160', width: 3840, height: 2160, bitrateKbps: 15000 }),
  anEncoding({ id: 'hevc-1080-hdr10', codec: 'HEVC', height: 1080, bitrateKbps: 4500, hdr: 'HDR10' }),
  anEncoding({
    id: 'hevc-2160-dv',
    codec: 'HEVC',
    width: 3840,
    height: 2160,
    bitrateKbps: 12000,
    hdr: 'DOLBY_VISION',
  }),
];

describe('selectVariants', () => {
  describe('device capabilities', () => {
    it('offers only encodings in a codec the device decodes', () => {
      const device = aDevice({ codecs: ['HEVC'] });

      expect(ids(selectVariants(ladder, device, null))).toEqual(['hevc-1080-hdr10', 'hevc-2160-dv']);
    });

    it('offers encodings up to and including the device maximum height, never taller', () => {
      const device = aDevice({ codecs: ['H264'], maxHeight: 1080 });

      expect(ids(selectVariants(ladder, device, null))).toEqual(['h264-480', 'h264-720', 'h264-1080']);
    });

    it('offers SDR encodings to a device that lists no HDR format', () => {
      const device = aDevice({ hdr: [] });

      expect(ids(selectVariants(ladder, device, null))).toEqual([
        'h264-480',
        'h264-720',
        'h264-1080',
        'h264-2160',
      ]);
    });

    it('offers an HDR encoding only when the device lists that HDR format', () => {
      const device = aDevice({ codecs: ['HEVC'], hdr: ['HDR10'] });

      expect(ids(selectVariants(ladder, device, null))).toEqual(['hevc-1080-hdr10']);
    });

    it('returns nothing when the device can play none of the encodings', () => {
      const device = aDevice({ codecs: ['AV1'] });

      expect(selectVariants(ladder, device, null)).toEqual([]);
    });

    it('returns nothing when the cap applies but the device can play none of the encodings', () => {
      const device = aDevice({ codecs: ['VP9'] });

      expect(selectVariants(ladder, device, TIER_HEIGHT_CAP.BASIC)).toEqual([]);
    });
  });

  describe('tier height caps', () => {
    it('caps BASIC at 720, STANDARD at 1080 and leaves PREMIUM uncapped', () => {
      expect(TIER_HEIGHT_CAP).toEqual({ BASIC: 720, STANDARD: 1080, PREMIUM: null });
    });

    it('gives a BASIC grant nothing taller than 720 lines', () => {
      const variants = selectVariants(ladder, aDevice({ codecs: ['H264'] }), TIER_HEIGHT_CAP.BASIC);

      expect(ids(variants)).toEqual(['h264-480', 'h264-720']);
    });

    it('gives a STANDARD grant nothing taller than 1080 lines', () => {
      const variants = selectVariants(ladder, aDevice({ codecs: ['H264'] }), TIER_HEIGHT_CAP.STANDARD);

      expect(ids(variants)).toEqual(['h264-480', 'h264-720', 'h264-1080']);
    });

    it('gives a PREMIUM grant everything the device can play', () => {
      const variants = selectVariants(ladder, aDevice({ codecs: ['H264'] }), TIER_HEIGHT_CAP.PREMIUM);

      expect(ids(variants)).toEqual(['h264-480', 'h264-720', 'h264-1080', 'h264-2160']);
    });

    it('keeps the single lowest playable encoding when the cap removes every playable one', () => {
      const encodings = [
        anEncoding({ id: 'hevc-2160-b', codec: 'HEVC', height: 2160, bitrateKbps: 16000 }),
        anEncoding({ id: 'hevc-1440', codec: 'HEVC', height: 1440, bitrateKbps: 9000 }),
        anEncoding({ id: 'hevc-2160-a', codec: 'HEVC', height: 2160, bitrateKbps: 14000 }),
        // Lower, but unplayable on this device: the fallback must never pick it.
        anEncoding({ id: 'av1-480', codec: 'AV1', height: 480, bitrateKbps: 800 }),
      ];
      const device = aDevice({ codecs: ['HEVC'] });

      expect(ids(selectVariants(encodings, device, TIER_HEIGHT_CAP.BASIC))).toEqual(['hevc-1440']);
    });

    it('breaks a height tie in the fallback by the lowest bitrate', () => {
      const encodings = [
        anEncoding({ id: 'high', height: 1080, bitrateKbps: 6000 }),
        anEncoding({ id: 'low', height: 1080, bitrateKbps: 4000 }),
      ];

      expect(ids(selectVariants(encodings, aDevice(), TIER_HEIGHT_CAP.BASIC))).toEqual(['low']);
    });
  });

  describe('order and shape', () => {
    it('sorts variants ascending by bitrate, then by height, then by id, whatever the input order', () => {
      const encodings = [
        anEncoding({ id: 'c', height: 720, bitrateKbps: 3000 }),
        anEncoding({ id: 'b', height: 720, bitrateKbps: 2000 }),
        anEncoding({ id: 'a', height: 720, bitrateKbps: 2000 }),
        anEncoding({ id: 'd', height: 480, bitrateKbps: 2000 }),
        anEncoding({ id: 'e', height: 360, bitrateKbps: 800 }),
      ];

      expect(ids(selectVariants(encodings, aDevice(), null))).toEqual(['e', 'd', 'a', 'b', 'c']);
      expect(ids(selectVariants([...encodings].reverse(), aDevice(), null))).toEqual([
        'e',
        'd',
        'a',
        'b',
        'c',
      ]);
    });

    it('copies exactly the public fields of each encoding into its variant', () => {
      const encoding = anEncoding({ id: 'only', codec: 'VP9', width: 1280, height: 720, bitrateKbps: 2400 });
      const stored = { ...encoding, internalPath: 's3://bucket/only' };

      expect(selectVariants([stored], aDevice(), null)).toEqual([
        { id: 'only', codec: 'VP9', width: 1280, height: 720, bitrateKbps: 2400, hdr: 'SDR' },
      ]);
    });

    it('leaves the input encodings untouched', () => {
      const encodings = [anEncoding({ id: 'b', bitrateKbps: 2 }), anEncoding({ id: 'a', bitrateKbps: 1 })];
      const before = structuredClone(encodings);

      selectVariants(encodings, aDevice(), null);

      expect(encodings).toEqual(before);
    });
  });
});
