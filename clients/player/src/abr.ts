/**
 * Which variant to fetch next: a throughput rule while the buffer is thin and a buffer rule once it is
 * comfortable, in the spirit of dash.js's dynamic mode (throughput rule at low buffer, BOLA at high
 * buffer).
 *
 * - Throughput rule: the highest variant whose bitrate ≤ `safetyFactor` × the throughput estimate.
 * - Buffer rule: a buffer-to-bitrate map in the manner of BBA (Huang et al., 2014): at or below
 *   `reservoirSeconds` the lowest variant, at or above `reservoirSeconds + cushionSeconds` the
 *   highest, linear in between; climbing needs `switchUpMarginSeconds` more buffer than holding, so
 *   a link between two variants does not flap between them every segment. It may only *raise* the
 *   throughput rule's choice, by one variant per segment: a full buffer can absorb segments that download slower than real time, and as the buffer
 *   drains the map comes down to meet the throughput rule again. Where dash.js switches between its
 *   two rules at a buffer threshold (with hysteresis), taking the higher of the two choices makes the
 *   hand-over continuous: below the reservoir the map yields the lowest variant, so the throughput rule
 *   decides alone, and no threshold can make quality jump down when the buffer crosses it.
 * - Low buffer: below `lowBufferSeconds` the player never switches up.
 * - After a failed or too slow segment the retry goes at least one variant down (further when the
 *   throughput rule says so).
 * - Never above the manifest's `abr.maxBitrateKbps` (the lowest variant stays playable regardless).
 */
import type { AbrRuleName } from './events';
import type { ManifestVariant } from './manifest';

/** Buffer targets and rule parameters, all in media seconds. */
export interface AbrOptions {
  /** Share of the throughput estimate a variant may use. Defaults to 0.9. */
  safetyFactor?: number;
  /** Below this buffer level, never switch up. Defaults to 6. */
  lowBufferSeconds?: number;
  /** Buffer rule: at or below this level, the lowest variant. Defaults to 10. */
  reservoirSeconds?: number;
  /** Buffer rule: the highest variant at `reservoir + cushion`. Defaults to 12 (top at 22 s). */
  cushionSeconds?: number;
  /** Buffer rule: climbing needs this much more buffer than holding. Defaults to 4 (one segment). */
  switchUpMarginSeconds?: number;
}

export const ABR_DEFAULTS: Required<AbrOptions> = {
  safetyFactor: 0.9,
  lowBufferSeconds: 6,
  reservoirSeconds: 10,
  cushionSeconds: 12,
  switchUpMarginSeconds: 4,
};

export interface AbrInput {
  bufferSeconds: number;
  estimateKbps: number | null;
  /** True when the previous attempt at this segment failed or was too slow. */
  afterFailure: boolean;
}

export interface AbrDecision {
  variant: ManifestVariant;
  rule: AbrRuleName;
}

export class AbrController {
  private readonly options: Required<AbrOptions>;
  /** Playable variants, ascending by bitrate, capped by `maxBitrateKbps`. */
  readonly ladder: readonly ManifestVariant[];
  private index: number;

  constructor(
    variants: readonly ManifestVariant[],
    hints: { startVariantId: string; maxBitrateKbps: number },
    options: AbrOptions = {},
  ) {
    this.options = { ...ABR_DEFAULTS, ...options };
    const ascending = [...variants].sort((a, b) => a.bitrateKbps - b.bitrateKbps);
    const capped = ascending.filter((variant) => variant.bitrateKbps <= hints.maxBitrateKbps);
    this.ladder = capped.length > 0 ? capped : ascending.slice(0, 1);
    const start = this.ladder.findIndex((variant) => variant.id === hints.startVariantId);
    // A start variant above the cap starts on the highest variant under it.
    this.index = start >= 0 ? start : this.ladder.length - 1;
  }

  get current(): ManifestVariant {
    return this.ladder[this.index]!;
  }

  /** Chooses the variant of the next segment and makes it current. */
  decide(input: AbrInput): AbrDecision {
    const decision = this.choose(input);
    this.index = decision.index;
    return { variant: this.ladder[decision.index]!, rule: decision.rule };
  }

  private choose({ bufferSeconds, estimateKbps, afterFailure }: AbrInput): {
    index: number;
    rule: AbrRuleName;
  } {
    const o = this.options;
    const byThroughput =
      estimateKbps === null ? this.index : this.highestAtMost(estimateKbps * o.safetyFactor);
    if (afterFailure) return { index: Math.max(0, Math.min(this.index - 1, byThroughput)), rule: 'failure' };
    if (estimateKbps === null) return { index: this.index, rule: 'start' };

    if (bufferSeconds < o.lowBufferSeconds && byThroughput > this.index) {
      return { index: this.index, rule: 'lowBuffer' };
    }
    // Hold or come down with the map; climb (one variant) only when the map is above the current
    // variant even with `switchUpMarginSeconds` less buffer, so quality does not flap at a boundary.
    let byBuffer = Math.min(this.bufferMap(bufferSeconds), this.index);
    if (this.bufferMap(bufferSeconds - o.switchUpMarginSeconds) > this.index) byBuffer = this.index + 1;
    return byBuffer > byThroughput
      ? { index: byBuffer, rule: 'buffer' }
      : { index: byThroughput, rule: 'throughput' };
  }

  /** BBA's rate map: the highest variant at or under the bitrate the buffer level maps to. */
  private bufferMap(bufferSeconds: number): number {
    const { reservoirSeconds, cushionSeconds } = this.options;
    const lowest = this.ladder[0]!.bitrateKbps;
    const highest = this.ladder[this.ladder.length - 1]!.bitrateKbps;
    const share = Math.min(1, Math.max(0, (bufferSeconds - reservoirSeconds) / cushionSeconds));
    return this.highestAtMost(lowest + share * (highest - lowest));
  }

  private highestAtMost(kbps: number): number {
    let chosen = 0;
    this.ladder.forEach((variant, index) => {
      if (variant.bitrateKbps <= kbps + 1e-9) chosen = index;
    });
    return chosen;
  }
}
