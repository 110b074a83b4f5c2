/**
 * Synthetic segments: bytes of the right size for a variant's bitrate and the segment duration, so
 * players measure realistic throughput without real media.
 */
import type { Dataset } from '@platform/dataset/model';

export interface SegmentCatalogOptions {
  segmentSeconds: number;
  /** Share of nominal bytes actually sent, in (0, 1]. */
  payloadScale: number;
}

export type SegmentLookup =
  { found: true; bytes: number; nominalBytes: number } | { found: false; reason: string };

export class SegmentCatalog {
  private readonly titles = new Map<string, { segments: number; bitrates: Map<string, number> }>();
  /** One shared zero-filled buffer; every response is a slice of it. */
  private payload = new Uint8Array(0);

  constructor(
    dataset: Pick<Dataset, 'titles'>,
    private readonly options: SegmentCatalogOptions,
  ) {
    for (const title of dataset.titles) {
      this.titles.set(title.id, {
        segments: Math.ceil(title.durationSeconds / options.segmentSeconds),
        bitrates: new Map(title.encodings.map((encoding) => [encoding.id, encoding.bitrateKbps])),
      });
    }
  }

  /** Nominal size: `bitrateKbps × 1000 / 8 × segmentSeconds`; sent size: that × payloadScale. */
  lookup(titleId: string, variantId: string, segment: number): SegmentLookup {
    const title = this.titles.get(titleId);
    if (!title) return { found: false, reason: 'no such title' };
    const bitrateKbps = title.bitrates.get(variantId);
    if (bitrateKbps === undefined) return { found: false, reason: 'no such variant' };
    if (!Number.isInteger(segment) || segment < 0 || segment >= title.segments) {
      return { found: false, reason: 'no such segment' };
    }
    const nominalBytes = Math.round(((bitrateKbps * 1000) / 8) * this.options.segmentSeconds);
    return {
      found: true,
      nominalBytes,
      bytes: Math.max(1, Math.round(nominalBytes * this.options.payloadScale)),
    };
  }

  bytes(size: number): Uint8Array {
    if (this.payload.length < size) this.payload = new Uint8Array(size);
    return this.payload.subarray(0, size);
  }
}
