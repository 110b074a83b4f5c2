/**
 * The dataset every repository contract suite runs on, in the embedded store and in MongoDB alike:
 * small, but with the cases implementations get wrong (unknown ids, accounts without profiles or
 * subscriptions, several records for one account and title, mixed-case genres).
 */
import { FAR_FUTURE, LONG_AGO, Seed } from '@testing/seed';

export const contractDataset = new Seed()
  .subscriber('u-premium', 'PREMIUM')
  .subscriber('u-lapsed', 'BASIC', 'CANCELED')
  .account('u-nosub', { country: 'GB' })
  .account('u-empty')
  .profile('p-premium-2', 'u-premium', { name: 'Second', kind: 'KIDS', maxMaturity: 7 })
  .profile('p-premium-1', 'u-premium', { name: 'First' })
  .profile('p-lapsed', 'u-lapsed')
  .profile('p-nosub', 'u-nosub', { maxMaturity: 16 })
  .title('t-c', { genres: ['Drama', 'Crime'] })
  .title('t-a', {
    genres: ['Comedy'],
    countries: ['US', 'GB'],
    windowStart: '2024-01-01T00:00:00+02:00',
    windowEnd: FAR_FUTURE,
    subscriptionTier: 'PREMIUM',
    rental: { priceCents: 499, currency: 'USD', hours: 48 },
    purchase: { priceCents: 1499, currency: 'USD' },
  })
  .title('t-b', { genres: ['drama'], subscriptionTier: null, drmRequired: false, maturityRating: 18 })
  .title('t-d', { genres: ['Documentary'] })
  .title('t-e', { genres: ['DRAMA', 'Documentary'] })
  .entitlement({ userId: 'u-nosub', titleId: 't-a', kind: 'RENTAL', expiresAt: LONG_AGO })
  .entitlement({ userId: 'u-nosub', titleId: 't-a', kind: 'RENTAL', expiresAt: FAR_FUTURE })
  .entitlement({ userId: 'u-nosub', titleId: 't-b', kind: 'PURCHASE', expiresAt: null })
  .entitlement({ userId: 'u-premium', titleId: 't-b', kind: 'PURCHASE', expiresAt: null })
  .cdn('cdn-b', { regions: ['US'], priority: 2 })
  .cdn('cdn-a', { healthy: false })
  .build();
