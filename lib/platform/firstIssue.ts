import type { z } from 'zod';

/** A zod issue's path with dots (`device.codecs.3`); empty when the value itself is wrong. */
export const dottedPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/**
 * The first problem zod found, as `where: what`: one field to fix, named where the reader will look
 * for it (the rest often follow from it, and a long list would bury it). `where` defaults to the
 * issue's {@link dottedPath}; pass another to name the place otherwise (a record by its id, a path
 * below the field the value was read from).
 */
export function firstIssue(
  error: z.ZodError,
  where: (path: readonly PropertyKey[]) => string = dottedPath,
): string {
  // A failed parse always carries at least one issue.
  const issue = error.issues[0]!;
  return `${where(issue.path)}: ${issue.message}`;
}
