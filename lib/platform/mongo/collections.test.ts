import { entitlementId } from './collections';

describe('the id of an entitlement document', () => {
  const rental = {
    userId: 'u-1',
    titleId: 't-1',
    kind: 'RENTAL' as const,
    expiresAt: '2099-01-01T00:00:00Z',
  };

  it('is the same for the same record, so seeding it twice writes one document', () => {
    expect(entitlementId({ ...rental })).toBe(entitlementId(rental));
  });

  it('differs when any of account, title, kind or expiry differs', () => {
    const ids = new Set([
      entitlementId(rental),
      entitlementId({ ...rental, userId: 'u-2' }),
      entitlementId({ ...rental, titleId: 't-2' }),
      entitlementId({ ...rental, kind: 'PURCHASE', expiresAt: null }),
      entitlementId({ ...rental, expiresAt: '2099-01-02T00:00:00Z' }),
    ]);
    expect(ids.size).toBe(5);
  });
});
