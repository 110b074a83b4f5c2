import { orderCdns, servesCountry } from './cdns';
import { aCdn } from '../../test/support/manifests';

const ids = (cdns: readonly { id: string }[]): string[] => cdns.map((c) => c.id);

describe('orderCdns', () => {
  it('lists only the CDNs whose regions include the country', () => {
    const cdns = [
      aCdn({ id: 'us', regions: ['US', 'CA'] }),
      aCdn({ id: 'eu', regions: ['DE', 'FR'] }),
      aCdn({ id: 'ca', regions: ['CA'] }),
    ];

    expect(ids(orderCdns(cdns, 'CA'))).toEqual(['ca', 'us']);
    expect(ids(orderCdns(cdns, 'FR'))).toEqual(['eu']);
  });

  it('treats a CDN with no regions as serving every country', () => {
    const cdns = [aCdn({ id: 'global', regions: [] }), aCdn({ id: 'eu', regions: ['DE'] })];

    expect(ids(orderCdns(cdns, 'JP'))).toEqual(['global']);
  });

  it('lists only CDNs with no regions when the country is unknown', () => {
    const cdns = [aCdn({ id: 'us', regions: ['US'], priority: 0 }), aCdn({ id: 'global', regions: [] })];

    expect(ids(orderCdns(cdns, null))).toEqual(['global']);
  });

  it('puts healthy CDNs first and orders each group by ascending priority', () => {
    const cdns = [
      aCdn({ id: 'sick-1', healthy: false, priority: 1 }),
      aCdn({ id: 'well-3', priority: 3 }),
      aCdn({ id: 'sick-0', healthy: false, priority: 0 }),
      aCdn({ id: 'well-2', priority: 2 }),
    ];

    expect(ids(orderCdns(cdns, 'US'))).toEqual(['well-2', 'well-3', 'sick-0', 'sick-1']);
  });

  it('orders CDNs of equal health and priority by id, whatever the input order', () => {
    const cdns = [aCdn({ id: 'b' }), aCdn({ id: 'c' }), aCdn({ id: 'a' })];

    expect(ids(orderCdns(cdns, 'US'))).toEqual(['a', 'b', 'c']);
    expect(ids(orderCdns([...cdns].reverse(), 'US'))).toEqual(['a', 'b', 'c']);
  });

  it('returns nothing when no CDN serves the country, and leaves the input untouched', () => {
    const cdns = [aCdn({ id: 'z', regions: ['DE'] }), aCdn({ id: 'y', regions: ['FR'] })];
    const before = structuredClone(cdns);

    expect(orderCdns(cdns, 'US')).toEqual([]);
    expect(cdns).toEqual(before);
  });
});

describe('servesCountry', () => {
  it('never lets a regional CDN serve a viewer whose country is unknown', () => {
    expect(servesCountry(aCdn({ id: 'us', regions: ['US'] }), null)).toBe(false);
    expect(servesCountry(aCdn({ id: 'all', regions: [] }), null)).toBe(true);
  });
});
