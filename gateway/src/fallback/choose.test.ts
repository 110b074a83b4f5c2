import { chooseFallback } from './choose';
import type { FallbackPolicy } from './policies';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const secondsAgo = (seconds: number) => NOW - seconds * 1000;

const refusal = { allowed: false, reason: 'TEMPORARILY_UNAVAILABLE', grant: null, expiresAt: null };
const entitlementPolicy: FallbackPolicy = {
  kind: 'STALE_THEN_DEFAULT',
  maxAgeSeconds: 900,
  validUntil: 'expiresAt',
  default: refusal,
};

describe('choosing a fallback', () => {
  it('serve a stale value within its maximum age, with its age in seconds', () => {
    const policy: FallbackPolicy = { kind: 'STALE', maxAgeSeconds: 60 };
    expect(chooseFallback(policy, { value: 'Drama', at: secondsAgo(30) }, NOW)).toEqual({
      kind: 'STALE',
      value: 'Drama',
      ageSeconds: 30,
    });
  });

  it('serve a stale value exactly at its maximum age', () => {
    const policy: FallbackPolicy = { kind: 'STALE', maxAgeSeconds: 60 };
    expect(chooseFallback(policy, { value: 1, at: secondsAgo(60) }, NOW)).toMatchObject({ kind: 'STALE' });
  });

  it('answer nothing for a stale value that is too old when there is no default', () => {
    const policy: FallbackPolicy = { kind: 'STALE', maxAgeSeconds: 60 };
    expect(chooseFallback(policy, { value: 'Drama', at: secondsAgo(61) }, NOW)).toBeUndefined();
  });

  it('answer nothing without a stale value when there is no default', () => {
    expect(chooseFallback({ kind: 'STALE', maxAgeSeconds: 60 }, undefined, NOW)).toBeUndefined();
  });

  it('answer the default for a stale value that is too old', () => {
    const policy: FallbackPolicy = { kind: 'STALE_THEN_DEFAULT', maxAgeSeconds: 60, default: 0 };
    expect(chooseFallback(policy, { value: 18, at: secondsAgo(120) }, NOW)).toEqual({
      kind: 'DEFAULT',
      value: 0,
    });
  });

  it('answer the default when there is no stale value', () => {
    const policy: FallbackPolicy = { kind: 'STALE_THEN_DEFAULT', maxAgeSeconds: 60, default: 0 };
    expect(chooseFallback(policy, undefined, NOW)).toEqual({ kind: 'DEFAULT', value: 0 });
  });

  it('never serve a stale grant whose ISO validUntil has passed, even when it is young enough', () => {
    const grant = { allowed: true, grant: 'g', expiresAt: new Date(NOW - 1000).toISOString() };
    expect(chooseFallback(entitlementPolicy, { value: grant, at: secondsAgo(10) }, NOW)).toEqual({
      kind: 'DEFAULT',
      value: refusal,
    });
  });

  it('never serve a stale manifest whose Unix-seconds validUntil has passed', () => {
    const policy: FallbackPolicy = { kind: 'STALE', maxAgeSeconds: 900, validUntil: 'expiresAt' };
    const manifest = { url: 'https://cdn.invalid/m.mpd', expiresAt: Math.floor(NOW / 1000) - 1 };
    expect(chooseFallback(policy, { value: manifest, at: secondsAgo(10) }, NOW)).toBeUndefined();
  });

  it('serve a stale value whose validUntil is still ahead, as an ISO string or in Unix seconds', () => {
    const iso = { allowed: true, expiresAt: new Date(NOW + 60_000).toISOString() };
    const unix = { allowed: true, expiresAt: Math.floor(NOW / 1000) + 60 };
    expect(chooseFallback(entitlementPolicy, { value: iso, at: secondsAgo(10) }, NOW)).toEqual({
      kind: 'STALE',
      value: iso,
      ageSeconds: 10,
    });
    expect(chooseFallback(entitlementPolicy, { value: unix, at: secondsAgo(10) }, NOW)).toMatchObject({
      kind: 'STALE',
      value: unix,
    });
  });

  it('never serve a stale value whose validUntil cannot be read as a time', () => {
    const garbled = { allowed: true, expiresAt: 'someday' };
    expect(chooseFallback(entitlementPolicy, { value: garbled, at: secondsAgo(10) }, NOW)).toMatchObject({
      kind: 'DEFAULT',
    });
  });

  it('serve a stale refusal, which has no expiry (validUntil null), within its maximum age', () => {
    const stale = { allowed: false, reason: 'NOT_IN_REGION', grant: null, expiresAt: null };
    expect(chooseFallback(entitlementPolicy, { value: stale, at: secondsAgo(300) }, NOW)).toEqual({
      kind: 'STALE',
      value: stale,
      ageSeconds: 300,
    });
  });

  it('answer nothing under NONE, whatever stale value there is', () => {
    expect(chooseFallback({ kind: 'NONE' }, { value: 'fresh', at: NOW }, NOW)).toBeUndefined();
  });

  it('answer a copy of the default, so changing the answer never changes the policy', () => {
    const policy: FallbackPolicy = { kind: 'DEFAULT', default: { experiments: [] as string[] } };
    const first = chooseFallback(policy, undefined, NOW);
    (first?.value as { experiments: string[] }).experiments.push('leaked');
    expect(policy).toEqual({ kind: 'DEFAULT', default: { experiments: [] } });
    expect(chooseFallback(policy, undefined, NOW)).toEqual({ kind: 'DEFAULT', value: { experiments: [] } });
  });

  it('ignore a stale value under DEFAULT', () => {
    const policy: FallbackPolicy = { kind: 'DEFAULT', default: false };
    expect(chooseFallback(policy, { value: true, at: NOW }, NOW)).toEqual({ kind: 'DEFAULT', value: false });
  });
});
