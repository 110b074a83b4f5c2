/** The header the edge sets with the viewer's country (ISO 3166-1 alpha-2). */
export const COUNTRY_HEADER = 'x-country';

/**
 * Normalises the edge's country header. Anything that is not two letters counts as unknown (null),
 * and an unknown country is in no title's country list.
 */
export function normalizeCountry(value: string | string[] | undefined | null): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return null;
  const code = raw.trim();
  // Checked before upper-casing: Unicode case mapping turns some single characters ("ß") into two
  // ASCII letters ("SS"), which would pass for a real country.
  return /^[A-Za-z]{2}$/.test(code) ? code.toUpperCase() : null;
}
