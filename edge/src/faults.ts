/**
 * Faults an operator or a test switches on at run time, to see how players cope (docs/media-plane.md).
 */
import { z } from 'zod';

export const faultsSchema = z.strictObject({
  /** Every segment request's connection is destroyed at once, as if nothing listened. */
  down: z.boolean(),
  /** Segment requests are accepted and never answered. */
  hanging: z.boolean(),
  /** Milliseconds added before each segment response starts. */
  slowMs: z.number().int().min(0).max(600_000),
  /** Share of segment requests answered 503, in [0, 1]. */
  errorRate: z.number().min(0).max(1),
  /** Cap on each response's sending rate in kilobits per second of wall time; null for none. */
  bandwidthKbps: z.number().positive().nullable(),
});

export type Faults = z.infer<typeof faultsSchema>;

export const NO_FAULTS: Faults = {
  down: false,
  hanging: false,
  slowMs: 0,
  errorRate: 0,
  bandwidthKbps: null,
};

export class FaultSwitch {
  private faults: Faults = { ...NO_FAULTS };

  current(): Faults {
    return { ...this.faults };
  }

  /** Applies a partial change; throws a ZodError naming every bad field. */
  change(partial: unknown): Faults {
    this.faults = faultsSchema.parse({ ...this.faults, ...(partial as object) });
    return this.current();
  }

  reset(): Faults {
    this.faults = { ...NO_FAULTS };
    return this.current();
  }
}
