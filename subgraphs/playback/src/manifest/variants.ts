/**
 * Which encodings of a title a device may play: the `variants` claim (docs/play-contract.md, "Variants").
 */
import type { DynamicRange, SubscriptionTier, VideoCodec } from '@contracts/vocabulary';
import type { Encoding } from './encoding';
import type { DeviceCapabilities } from './device';

/** One encoding as it appears in a manifest: exactly the encoding's public fields. */
export interface Variant {
  id: string;
  codec: VideoCodec;
  width: number;
  height: number;
  bitrateKbps: number;
  hdr: DynamicRange;
}

/**
 * The tallest picture (in pixels) a subscription tier streams; null means uncapped.
 *
 * The cap applies only to grants through a subscription: a purchase or rental streams the best the
 * device can play, so callers pass `null` as the height cap for those grants.
 */
export const TIER_HEIGHT_CAP: Readonly<Record<SubscriptionTier, number | null>> = {
  BASIC: 720,
  STANDARD: 1080,
  PREMIUM: null,
};

/** Why a device cannot play an encoding, whatever the viewer has paid for; null when it can. */
function unplayableBecause(
  encoding: Encoding,
  device: DeviceCapabilities,
): 'codec' | 'height' | 'hdr' | null {
  if (!device.codecs.includes(encoding.codec)) return 'codec';
  if (encoding.height > device.maxHeight) return 'height';
  // SDR needs no capability: every device renders it, so it is never filtered out by `hdr`.
  if (encoding.hdr !== 'SDR' && !device.hdr.includes(encoding.hdr)) return 'hdr';
  return null;
}

// Worded so that every encoding dropped for the same cause reads the same: the evidence lists them
// in one sentence (a title has a dozen or more encodings, and every play's record keeps this).
const UNPLAYABLE: Record<'codec' | 'height' | 'hdr', (e: Encoding, d: DeviceCapabilities) => string> = {
  codec: (e, d) => `the device decodes ${d.codecs.join(', ') || 'no codec'}, not ${e.codec}`,
  height: (_, d) => `taller than the device's ${d.maxHeight} lines`,
  hdr: (e, d) => `the device shows ${d.hdr.join(', ') || 'SDR only'}, not ${e.hdr}`,
};

/** The evidence of {@link selectVariants}: encoding ids grouped by what happened to them, in order. */
class VariantEvidence {
  private readonly groups = new Map<string, string[]>();

  add(outcome: string, encoding: Encoding): void {
    const ids = this.groups.get(outcome);
    if (ids) ids.push(encoding.id);
    else this.groups.set(outcome, [encoding.id]);
  }

  writeTo(evidence: string[]): void {
    for (const [outcome, ids] of this.groups) evidence.push(`${outcome}: ${ids.join(', ')}.`);
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Manifest order; the tie-breakers make the output independent of the dataset's encoding order. */
function byBitrateThenHeightThenId(a: Variant, b: Variant): number {
  return a.bitrateKbps - b.bitrateKbps || a.height - b.height || compareIds(a.id, b.id);
}

/** Orders the fallback candidates so the first is the smallest picture, then the cheapest to stream. */
function byHeightThenBitrateThenId(a: Encoding, b: Encoding): number {
  return a.height - b.height || a.bitrateKbps - b.bitrateKbps || compareIds(a.id, b.id);
}

function toVariant({ id, codec, width, height, bitrateKbps, hdr }: Encoding): Variant {
  // Copy field by field so the manifest never carries whatever else a stored record may hold.
  return { id, codec, width, height, bitrateKbps, hdr };
}

/**
 * The variants of a title that this device may play, for this grant.
 *
 * An encoding is playable when its codec is one of `device.codecs`, its height is at most
 * `device.maxHeight`, and its `hdr` is SDR or one of `device.hdr`. Playable encodings taller than
 * `heightCap` are then dropped (`null` = no cap, see {@link TIER_HEIGHT_CAP}); if that would drop every
 * playable encoding, the single lowest playable one (lowest height, then lowest bitrate) stays, so a
 * low tier degrades the picture rather than refusing playback.
 *
 * Invariants: the result is sorted ascending by `bitrateKbps` (ties by height, then id), never
 * contains an encoding the device cannot play, and is empty only when the device can play none of
 * `encodings` (the device check's DEVICE_UNSUPPORTED). The input is not mutated.
 */
export function selectVariants(
  encodings: readonly Encoding[],
  device: DeviceCapabilities,
  heightCap: number | null,
  /** Given (`explainPlay`, decision records), the encodings kept and dropped, one sentence per cause. */
  evidence?: string[],
): Variant[] {
  const grouped = evidence && new VariantEvidence();
  const playable = encodings.filter((encoding) => {
    const problem = unplayableBecause(encoding, device);
    if (problem !== null) grouped?.add(`Dropped (${UNPLAYABLE[problem](encoding, device)})`, encoding);
    return problem === null;
  });
  const aboveCap = `Dropped (above the subscription's cap of ${heightCap} lines)`;
  const withinCap = heightCap === null ? playable : playable.filter((e) => e.height <= heightCap);
  if (withinCap.length > 0) {
    if (grouped && evidence) {
      for (const encoding of playable)
        grouped.add(withinCap.includes(encoding) ? 'Kept' : aboveCap, encoding);
      grouped.writeTo(evidence);
    }
    return withinCap.map(toVariant).sort(byBitrateThenHeightThenId);
  }

  // The cap removed everything (or nothing was playable): keep the smallest playable picture, if any.
  const lowest = [...playable].sort(byHeightThenBitrateThenId)[0];
  if (grouped && evidence) {
    for (const encoding of playable) {
      grouped.add(
        encoding === lowest
          ? `Kept although above the subscription's cap of ${heightCap} lines, as the smallest playable picture`
          : aboveCap,
        encoding,
      );
    }
    grouped.writeTo(evidence);
  }
  return lowest === undefined ? [] : [toVariant(lowest)];
}
