/**
 * What a legacy answer says about fallbacks: the GraphQL response's `extensions.degraded`
 * (gateway/src/request/degraded.ts), flattened for a device that cannot read GraphQL extensions.
 */
import type { DegradedField } from '../request/degraded';

/** One part of the answer a fallback stood in for. */
export interface LegacyDegradedPart {
  /** Where, dot-separated: `play.decision`, `title.synopsis`. */
  path: string;
  /** The part of the platform that could not answer. */
  subgraph: string;
  /** STALE: a last good value; DEFAULT: a safe default; OMITTED: left out. */
  fallback: DegradedField['fallback'];
  /** Age of a stale value in seconds; null otherwise. */
  ageSeconds: number | null;
}

export function degradedParts(extensions: Record<string, unknown> | undefined): LegacyDegradedPart[] {
  const degraded = extensions?.['degraded'];
  if (!Array.isArray(degraded)) return [];
  return (degraded as DegradedField[]).map((field) => ({
    path: field.path.join('.'),
    subgraph: field.subgraph,
    fallback: field.fallback,
    ageSeconds: field.ageSeconds,
  }));
}
