import { ABR_POLICY, abrHints } from './abr';
import { aNetwork, aVariant } from '../../test/support/manifests';

/** Ascending by bitrate, as selectVariants returns them. */
const ladder = [
  aVariant({ id: 'v700', height: 480, bitrateKbps: 700 }),
  aVariant({ id: 'v1500', height: 720, bitrateKbps: 1500 }),
  aVariant({ id: 'v3000', height: 1080, bitrateKbps: 3000 }),
  aVariant({ id: 'v8000', height: 2160, bitrateKbps: 8000 }),
];

describe('ABR_POLICY', () => {
  it('keeps 30% of the downlink as margin and caps constrained networks at 2500 kbps', () => {
    expect(ABR_POLICY).toEqual({ downlinkSafetyFactor: 0.7, constrainedNetworkCapKbps: 2500 });
  });
});

describe('abrHints', () => {
  describe('start variant', () => {
    it('starts at the lowest variant when there is no network information', () => {
      expect(abrHints(ladder, null)).toEqual({ startVariantId: 'v700', maxBitrateKbps: 8000 });
    });

    it('starts at the lowest variant when the downlink is not given', () => {
      expect(abrHints(ladder, aNetwork({ downlinkKbps: null })).startVariantId).toBe('v700');
    });

    it('starts at the highest variant that fits in the downlink with margin', () => {
      // 5000 × 0.7 = 3500 kbps: v3000 fits, v8000 does not.
      expect(abrHints(ladder, aNetwork({ downlinkKbps: 5000 })).startVariantId).toBe('v3000');
    });

    it('counts a variant exactly at the margin as fitting', () => {
      // 90 × 0.7 is 62.99999… in floating point; exactly 63 must still fit.
      const variants = [aVariant({ id: 'low', bitrateKbps: 50 }), aVariant({ id: 'edge', bitrateKbps: 63 })];

      expect(abrHints(variants, aNetwork({ downlinkKbps: 90 })).startVariantId).toBe('edge');
      expect(abrHints(ladder, aNetwork({ downlinkKbps: 3000 / 0.7 })).startVariantId).toBe('v3000');
    });

    it('does not count a variant one kbps above the margin as fitting', () => {
      const variants = [aVariant({ id: 'low', bitrateKbps: 50 }), aVariant({ id: 'over', bitrateKbps: 64 })];

      expect(abrHints(variants, aNetwork({ downlinkKbps: 90 })).startVariantId).toBe('low');
    });

    it('starts at the lowest variant when nothing fits in the downlink', () => {
      expect(abrHints(ladder, aNetwork({ downlinkKbps: 500 })).startVariantId).toBe('v700');
      expect(abrHints(ladder, aNetwork({ downlinkKbps: 0 })).startVariantId).toBe('v700');
    });

    it('never starts above the bitrate cap, however fast the downlink', () => {
      const hints = abrHints(ladder, aNetwork({ type: 'CELLULAR', downlinkKbps: 100_000 }));

      expect(hints).toEqual({ startVariantId: 'v1500', maxBitrateKbps: 2500 });
    });
  });

  describe('maximum bitrate', () => {
    it('allows the highest variant on an unmetered, non-cellular network', () => {
      expect(abrHints(ladder, aNetwork({ type: 'WIFI', metered: false })).maxBitrateKbps).toBe(8000);
      expect(abrHints(ladder, aNetwork({ type: 'ETHERNET', metered: null })).maxBitrateKbps).toBe(8000);
      expect(abrHints(ladder, aNetwork({ type: null, metered: null })).maxBitrateKbps).toBe(8000);
    });

    it('caps a cellular network at 2500 kbps, even when it is not marked metered', () => {
      expect(abrHints(ladder, aNetwork({ type: 'CELLULAR', metered: false })).maxBitrateKbps).toBe(2500);
    });

    it('caps a metered network at 2500 kbps, whatever its type', () => {
      expect(abrHints(ladder, aNetwork({ type: 'WIFI', metered: true })).maxBitrateKbps).toBe(2500);
      expect(abrHints(ladder, aNetwork({ type: null, metered: true })).maxBitrateKbps).toBe(2500);
    });

    it('never raises the maximum above the highest variant on a constrained network', () => {
      const small = [aVariant({ id: 'a', bitrateKbps: 600 }), aVariant({ id: 'b', bitrateKbps: 1800 })];

      expect(abrHints(small, aNetwork({ type: 'CELLULAR' })).maxBitrateKbps).toBe(1800);
    });

    it('keeps the lowest variant playable when it is above the cap', () => {
      const big = [
        aVariant({ id: 'uhd-low', bitrateKbps: 4000 }),
        aVariant({ id: 'uhd', bitrateKbps: 9000 }),
      ];

      expect(abrHints(big, aNetwork({ type: 'CELLULAR', downlinkKbps: 50_000 }))).toEqual({
        startVariantId: 'uhd-low',
        maxBitrateKbps: 4000,
      });
    });
  });

  it('refuses an empty variant list, which the caller must have refused as DEVICE_UNSUPPORTED', () => {
    expect(() => abrHints([], null)).toThrow(RangeError);
  });
});
