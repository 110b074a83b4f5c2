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

const describe = (e: Encoding) =>
  `${e.id} (${e.codec} ${e.width}x${e.height} ${e.hdr} ${e.bitrateKbps} kbps)`;

const UNPLAYABLE: Record<'codec' | 'height' | 'hdr', (e: Encoding, d: DeviceCapabilities) => string> = {
  codec: (e, d) => `the device decodes ${d.codecs.join(', ') || 'no codec'}, not ${e.codec}`,
  height: (e, d) => `${e.height} lines are more than the device's ${d.maxHeight}`,
  hdr: (e, d) => `the device shows ${d.hdr.join(', ') || 'SDR only'}, not ${e.hdr}`,
};

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
  /** Given (`explainPlay`), one sentence per encoding: kept or dropped, and why. */
  evidence?: string[],
): Variant[] {
  const playable = encodings.filter((encoding) => {
    const problem = unplayableBecause(encoding, device);
    if (problem !== null)
      evidence?.push(`${describe(encoding)} dropped: ${UNPLAYABLE[problem](encoding, device)}.`);
    return problem === null;
  });
  const withinCap = heightCap === null ? playable : playable.filter((e) => e.height <= heightCap);
  if (withinCap.length > 0) {
    if (evidence) {
      for (const encoding of playable) {
        evidence.push(
          withinCap.includes(encoding)
            ? `${describe(encoding)} kept.`
            : `${describe(encoding)} dropped: above the subscription's cap of ${heightCap} lines.`,
        );
      }
    }
    return withinCap.map(toVariant).sort(byBitrateThenHeightThenId);
  }

  // The cap removed everything (or nothing was playable): keep the smallest playable picture, if any.
  const lowest = [...playable].sort(byHeightThenBitrateThenId)[0];
  if (evidence && lowest !== undefined) {
    for (const encoding of playable) {
      evidence.push(
        encoding === lowest
          ? `${describe(encoding)} kept although above the subscription's cap of ${heightCap} lines: the smallest playable picture.`
          : `${describe(encoding)} dropped: above the subscription's cap of ${heightCap} lines.`,
      );
    }
  }
  return lowest === undefined ? [] : [toVariant(lowest)];
}
