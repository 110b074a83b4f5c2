/**
 * Reading the ISO-8601 instants of the dataset. Kept apart so that every rule treats an unreadable time
 * the same way: as unknown, which each caller then resolves towards refusal.
 */

/** Null for a missing or unparseable instant, so that callers must decide what an unknown time means. */
export { readInstant as parseInstant } from '@contracts/availability';

/** The earlier of two optional bounds, where null stands for "unbounded". */
export function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}
