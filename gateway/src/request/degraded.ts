import type { SubgraphName } from '@platform/composition';

/** What a response reports in `extensions.degraded`: every path a fallback answered, and how. */
export type FallbackUsed = 'STALE' | 'DEFAULT' | 'OMITTED';

export interface DegradedField {
  /** Where in the response (entity fetches: the entity's path, then the field). */
  path: (string | number)[];
  /** The subgraph whose fetch failed. */
  subgraph: SubgraphName;
  /** STALE: a last good value; DEFAULT: the schema's default; OMITTED: null with an error. */
  fallback: FallbackUsed;
  /** Age of the stale value in seconds; null otherwise. */
  ageSeconds: number | null;
}

/** Per request: what fallbacks did, and which entity types are unresolved because of a failure. */
export interface FallbackState {
  degraded: DegradedField[];
  /**
   * Entity types some fetch failed to resolve in this request. A later fetch whose representation
   * holds null for such a type got that null from a failure, not from "not found", so it is not
   * sent: its fields are answered by their own fallbacks (say, TEMPORARILY_UNAVAILABLE instead of
   * PROFILE_NOT_FOUND).
   */
  unresolvedTypes: Set<string>;
}

export function newFallbackState(): FallbackState {
  return { degraded: [], unresolvedTypes: new Set() };
}
