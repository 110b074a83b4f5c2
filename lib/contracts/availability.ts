/**
 * Where and when a title may be watched: the country and licence-window rules of the entitlement
 * decision (subgraphs/entitlements/src/decision/decide.ts), shared with the catalog's availability
 * filters, so a catalog page filtered by country and instant never lists a title that `play` would
 * then refuse as GEO_RESTRICTED or OUTSIDE_LICENSE_WINDOW.
 */

/** The licensing facts of a title: countries and license window, times as ISO-8601 text. */
export interface LicenseFacts {
  countries: readonly string[] | null;
  windowStart: string | null;
  windowEnd: string | null;
}

/**
 * The instant an ISO-8601 text names; null when there is none or it cannot be read, so that each caller
 * must decide what an unknown time means (for a window bound: not playable).
 */
export function readInstant(iso: string | null | undefined): Date | null {
  if (iso === null || iso === undefined) return null;
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/**
 * Null or empty `countries` means every country; `country` is an upper-case ISO 3166-1 alpha-2 code,
 * or null when unknown, which is in no title's list: it plays only titles licensed everywhere.
 */
export function isLicensedIn(title: LicenseFacts, country: string | null): boolean {
  if (title.countries === null || title.countries.length === 0) return true;
  return country !== null && title.countries.includes(country);
}

/**
 * `windowStart` is inclusive and `windowEnd` exclusive, so consecutive windows never overlap. A bound
 * that is set but unreadable makes the title not playable: we cannot show it is licensed then.
 */
export function isInsideLicenseWindow(title: LicenseFacts, instant: Date): boolean {
  const start = readInstant(title.windowStart);
  const end = readInstant(title.windowEnd);
  const unreadable =
    (title.windowStart !== null && start === null) || (title.windowEnd !== null && end === null);
  return !unreadable && (start === null || instant >= start) && (end === null || instant < end);
}
