/**
 * The throughput estimate the ABR rule reads: two exponentially weighted moving averages of segment
 * download throughput, a fast one and a slow one, weighted by how long each download took, and the
 * estimate is the lower of the two (as dash.js does). The fast average reacts within a segment or two
 * when the network collapses; the slow one keeps a single lucky burst from pushing quality up.
 */
export interface ThroughputEstimatorOptions {
  /** Half-life of the fast average, in media seconds of download time. Defaults to 3. */
  fastHalfLifeSeconds?: number;
  /** Half-life of the slow average, in media seconds of download time. Defaults to 8. */
  slowHalfLifeSeconds?: number;
}

class WeightedAverage {
  private estimate = 0;
  private totalWeight = 0;

  constructor(private readonly halfLife: number) {}

  add(weight: number, value: number): void {
    const alpha = Math.pow(0.5, weight / this.halfLife);
    this.estimate = alpha * this.estimate + (1 - alpha) * value;
    this.totalWeight += weight;
  }

  /** Corrected for the zero it starts from, so the first samples are not biased low. */
  value(): number {
    return this.estimate / (1 - Math.pow(0.5, this.totalWeight / this.halfLife));
  }
}

export class ThroughputEstimator {
  private readonly fast: WeightedAverage;
  private readonly slow: WeightedAverage;
  private samples = 0;

  constructor(options: ThroughputEstimatorOptions = {}) {
    this.fast = new WeightedAverage(options.fastHalfLifeSeconds ?? 3);
    this.slow = new WeightedAverage(options.slowHalfLifeSeconds ?? 8);
  }

  /**
   * @param kilobits nominal kilobits of the segment (see `payloadScale` in the player options)
   * @param seconds media seconds the download took, request to last byte
   */
  addSample(kilobits: number, seconds: number): void {
    const duration = Math.max(seconds, 0.001);
    const kbps = kilobits / duration;
    this.fast.add(duration, kbps);
    this.slow.add(duration, kbps);
    this.samples += 1;
  }

  /** Kilobits per media second, or null before the first sample. */
  estimateKbps(): number | null {
    if (this.samples === 0) return null;
    return Math.min(this.fast.value(), this.slow.value());
  }
}
