import { AbrController, type AbrInput } from './abr';
import { LADDER } from '../test/support/manifests';

/** Feeds a trace of (buffer, estimate) steps and returns the variant chosen at each, with its rule. */
function replay(controller: AbrController, trace: Partial<AbrInput>[]): string[] {
  return trace.map((step) => {
    const { variant, rule } = controller.decide({
      bufferSeconds: 0,
      estimateKbps: null,
      afterFailure: false,
      ...step,
    });
    return `${variant.id}/${rule}`;
  });
}

describe('AbrController', () => {
  it('starts on the manifest start variant before any throughput is known', () => {
    const abr = new AbrController(LADDER, { startVariantId: 'h264-720p', maxBitrateKbps: 5800 });
    expect(replay(abr, [{ bufferSeconds: 0 }])).toEqual(['h264-720p/start']);
  });

  it('follows a scripted throughput trace at low buffer, without switching up while the buffer is thin', () => {
    const abr = new AbrController(LADDER, { startVariantId: 'h264-480p', maxBitrateKbps: 5800 });
    expect(
      replay(abr, [
        { bufferSeconds: 4, estimateKbps: 5000 }, // 0.9 × 5000 fits 720p, but 4 s of buffer is too thin to climb
        { bufferSeconds: 7, estimateKbps: 5000 },
        { bufferSeconds: 9, estimateKbps: 7000 },
        { bufferSeconds: 9, estimateKbps: 1500 }, // the network collapses: straight down, whatever the buffer
        { bufferSeconds: 5, estimateKbps: 2500 },
      ]),
    ).toEqual([
      'h264-480p/lowBuffer',
      'h264-720p/throughput',
      'h264-1080p/throughput',
      'h264-240p/throughput',
      'h264-240p/lowBuffer',
    ]);
  });

  it('climbs one variant per segment above the throughput rule as a scripted buffer trace fills', () => {
    const abr = new AbrController(LADDER, { startVariantId: 'h264-480p', maxBitrateKbps: 5800 });
    // A steady 2000 kbps estimate: the throughput rule alone would stay on 480p (1750 ≤ 1800).
    expect(
      replay(abr, [
        { bufferSeconds: 10, estimateKbps: 2000 },
        { bufferSeconds: 16, estimateKbps: 2000 },
        { bufferSeconds: 22, estimateKbps: 2000 },
        { bufferSeconds: 28, estimateKbps: 2000 },
        { bufferSeconds: 21, estimateKbps: 2000 }, // draining: the buffer map comes down gradually
        { bufferSeconds: 12, estimateKbps: 2000 },
      ]),
    ).toEqual([
      'h264-480p/throughput',
      'h264-480p/throughput',
      'h264-720p/buffer',
      'h264-1080p/buffer',
      'h264-720p/buffer',
      'h264-480p/throughput',
    ]);
  });

  it('never chooses a variant above maxBitrateKbps, however good throughput and buffer are', () => {
    const abr = new AbrController(LADDER, { startVariantId: 'h264-480p', maxBitrateKbps: 2500 });
    const chosen = replay(abr, [
      { bufferSeconds: 10, estimateKbps: 50_000 },
      { bufferSeconds: 30, estimateKbps: 50_000 },
      { bufferSeconds: 30, estimateKbps: 50_000 },
    ]);
    expect(chosen).toEqual(['h264-480p/throughput', 'h264-480p/throughput', 'h264-480p/throughput']);
    expect(abr.ladder.map((variant) => variant.id)).toEqual(['h264-240p', 'h264-480p']);
  });

  it('keeps the lowest variant playable when the cap is below every variant', () => {
    const abr = new AbrController(LADDER, { startVariantId: 'h264-240p', maxBitrateKbps: 100 });
    expect(abr.ladder.map((variant) => variant.id)).toEqual(['h264-240p']);
  });

  it('steps one variant down for the retry of a failed segment', () => {
    const abr = new AbrController(LADDER, { startVariantId: 'h264-1080p', maxBitrateKbps: 5800 });
    expect(
      replay(abr, [
        { bufferSeconds: 20, estimateKbps: 9000, afterFailure: true },
        { bufferSeconds: 20, estimateKbps: 9000, afterFailure: true },
      ]),
    ).toEqual(['h264-720p/failure', 'h264-480p/failure']);
  });
});
