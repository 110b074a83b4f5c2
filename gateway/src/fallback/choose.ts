import type { FallbackPolicy } from './policies';
import type { StaleField } from './staleStore';

export type Fallback =
  { kind: 'STALE'; value: unknown; ageSeconds: number } | { kind: 'DEFAULT'; value: unknown };

/**
 * What may stand in for one field under its policy: the last good value if it is young enough and
 * still valid, else the default if there is one, else nothing (the field is omitted, with an error).
 */
export function chooseFallback(
  policy: FallbackPolicy,
  stale: StaleField | undefined,
  now = Date.now(),
): Fallback | undefined {
  if (policy.kind === 'NONE') return undefined;
  if ((policy.kind === 'STALE' || policy.kind === 'STALE_THEN_DEFAULT') && stale) {
    const ageSeconds = Math.max(0, Math.round((now - stale.at) / 1000));
    if (ageSeconds <= policy.maxAgeSeconds && stillValid(stale.value, policy.validUntil, now)) {
      return { kind: 'STALE', value: stale.value, ageSeconds };
    }
  }
  if (policy.kind === 'DEFAULT' || policy.kind === 'STALE_THEN_DEFAULT') {
    return { kind: 'DEFAULT', value: structuredClone(policy.default) };
  }
  return undefined;
}

/**
 * A stale value whose `validUntil` field has passed must not stand in (an expired grant or
 * manifest). A value without that field (a refusal has no expiry) is bounded by its age only.
 */
function stillValid(value: unknown, validUntil: string | undefined, now: number): boolean {
  if (!validUntil || value === null || typeof value !== 'object') return true;
  const bound = (value as Record<string, unknown>)[validUntil];
  if (bound === null || bound === undefined) return true;
  const until = typeof bound === 'number' ? bound * 1000 : Date.parse(String(bound));
  return Number.isFinite(until) && until > now;
}
