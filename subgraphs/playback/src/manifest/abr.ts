/**
 * Adaptive-bitrate hints for the player: the manifest's `abr` claim (docs/play-contract.md, "ABR").
 */
import type { NetworkConditions } from './device';
import type { Variant } from './variants';

/**
 * The documented adaptive-bitrate policy.
 *
 * - `downlinkSafetyFactor` (0.7): a variant *fits in the downlink with margin* when
 *   `bitrateKbps ≤ downlinkKbps × 0.7`. The 30% headroom absorbs throughput estimates that are
 *   optimistic and bursty, so the first segments download faster than real time and the player does
 *   not stall before its own bandwidth estimator takes over.
 * - `constrainedNetworkCapKbps` (2500): on a CELLULAR or metered network `maxBitrateKbps` is at most
 *   2500 kbps (about 1.1 GB an hour), so a viewer paying per byte is not surprised by a 4K bill. The cap
 *   never goes below the lowest variant's bitrate, so at least one variant always stays playable. On
 *   any other network (or when the network is unknown) `maxBitrateKbps` is the highest variant's bitrate.
 */
export const ABR_POLICY = { downlinkSafetyFactor: 0.7, constrainedNetworkCapKbps: 2500 } as const;

/** Where the player starts and how high it may climb. `startVariantId` is always one of the variants. */
export interface AbrHints {
  startVariantId: string;
  maxBitrateKbps: number;
}

/** True when the viewer pays for data by the byte, or likely does; unknown counts as not constrained. */
function isConstrained(network: NetworkConditions | null): boolean {
  return network?.type === 'CELLULAR' || network?.metered === true;
}

/**
 * The bitrate budget a downlink allows. Rounded to a millionth of a kbps because `× 0.7` in binary
 * floating point lands just below the exact product for many downlinks (90 × 0.7 = 62.999…), which would
 * wrongly reject a variant sitting exactly on the margin.
 */
function downlinkBudgetKbps(downlinkKbps: number): number {
  return Math.round(downlinkKbps * ABR_POLICY.downlinkSafetyFactor * 1e6) / 1e6;
}

/**
 * ABR hints for a manifest, per {@link ABR_POLICY}.
 *
 * `variants` must be non-empty and ascending by `bitrateKbps`, as `selectVariants` returns them.
 * The start variant is the highest variant that fits the downlink with margin and is at most
 * `maxBitrateKbps`; with no downlink given (no network, or `downlinkKbps` null), or when nothing fits,
 * it is the lowest variant: starting low costs a few blurry seconds, starting too high costs a stall.
 *
 * @throws RangeError when `variants` is empty, which the caller must have refused as DEVICE_UNSUPPORTED.
 */
export function abrHints(variants: readonly Variant[], network: NetworkConditions | null): AbrHints {
  const lowest = variants[0];
  const highest = variants[variants.length - 1];
  if (lowest === undefined || highest === undefined) {
    throw new RangeError('abrHints needs at least one variant; an empty list is DEVICE_UNSUPPORTED');
  }

  const maxBitrateKbps = isConstrained(network)
    ? Math.max(lowest.bitrateKbps, Math.min(highest.bitrateKbps, ABR_POLICY.constrainedNetworkCapKbps))
    : highest.bitrateKbps;

  const downlinkKbps = network?.downlinkKbps ?? null;
  if (downlinkKbps === null) return { startVariantId: lowest.id, maxBitrateKbps };

  const budget = Math.min(downlinkBudgetKbps(downlinkKbps), maxBitrateKbps);
  const fitting = variants.filter((variant) => variant.bitrateKbps <= budget);
  const start = fitting[fitting.length - 1] ?? lowest;
  return { startVariantId: start.id, maxBitrateKbps };
}
