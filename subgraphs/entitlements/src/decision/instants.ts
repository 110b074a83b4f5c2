/**
 * Bounds in time. The ISO-8601 instants of the dataset are read with `readInstant`
 * (`@contracts/availability`), so that every rule treats an unreadable time the same way: as unknown,
 * which each caller then resolves towards refusal.
 */

/** The earlier of two optional bounds, where null stands for "unbounded". */
export function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}
