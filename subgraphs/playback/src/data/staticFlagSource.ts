import { createHash } from 'node:crypto';
import type { FlagSource, FlagSubject, PlaybackFeatures } from './flagSource';

/** Experiments running now; each profile lands in one variant, the same on every device. */
export const EXPERIMENTS = [{ name: 'abr-start-higher', variants: ['control', 'treatment'] }] as const;

/** The embedded flag source: fixed rules and hash-based experiment assignment. */
export class StaticFlagSource implements FlagSource {
  async featuresFor(subject: FlagSubject): Promise<PlaybackFeatures> {
    return {
      skipIntro: true,
      autoplayNext: true,
      // Scrubbing thumbnails cost bandwidth that phones on the move rarely want.
      previewThumbnails: subject.deviceType !== 'MOBILE',
      experiments: EXPERIMENTS.map(({ name, variants }) => ({
        name,
        variant: variants[bucket(`${name}:${subject.profileId}`, variants.length)]!,
      })),
    };
  }
}

function bucket(seed: string, buckets: number): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % buckets;
}
