/**
 * Titles for the catalog's availability filters (`country`, `playableAt`), around one instant: every
 * way a title can be licensed or not in a country, and license windows that open or close exactly at
 * that instant, written with other zone offsets than the instant (so that comparing the texts instead
 * of the times gives the wrong answer), or that cannot be read.
 */
import type { Dataset } from '@platform/dataset/model';
import { LONG_AGO, Seed } from '@testing/seed';

/** The instant the window cases are built around. */
export const INSTANT = new Date('2026-06-01T12:00:00Z');

const built = new Seed()
  .title('av-us-only', { genres: ['Drama'], countries: ['US'] })
  .title('av-ca-open', {
    genres: ['Drama'],
    countries: ['CA', 'US'],
    windowStart: '2026-05-31T12:00:00Z',
    windowEnd: '2026-06-02T12:00:00Z',
  })
  // Opens exactly at INSTANT (14:00 at +02:00 is 12:00Z): a start is inclusive.
  .title('av-starts-at', { genres: ['DRAMA'], countries: ['CA'], windowStart: '2026-06-01T14:00:00+02:00' })
  // Closes exactly at INSTANT (13:00 at +01:00 is 12:00Z): an end is exclusive.
  .title('av-ends-at', { genres: ['Comedy'], countries: ['CA'], windowEnd: '2026-06-01T13:00:00+01:00' })
  .title('av-expired', {
    genres: ['Drama'],
    countries: ['CA'],
    windowStart: LONG_AGO,
    windowEnd: '2021-01-01T00:00:00Z',
  })
  .title('av-everywhere-null', { genres: ['Comedy'], countries: null })
  .title('av-everywhere-empty', { genres: ['drama'], countries: [] })
  .title('av-unreadable-start', { genres: ['Comedy'], windowStart: '2020-01-01T00:00:00Z' })
  .title('av-unreadable-end', { genres: ['Drama'], windowEnd: '2099-01-01T00:00:00Z' })
  .build();

/**
 * The unreadable bounds are set after validation, which would refuse them: they stand for a store
 * that was written some other way, where the rule must still hold (an unreadable bound is never open).
 */
export const availabilityDataset: Dataset = {
  ...built,
  titles: built.titles.map((title) => {
    if (title.id === 'av-unreadable-start') return { ...title, windowStart: 'not a time' };
    if (title.id === 'av-unreadable-end') return { ...title, windowEnd: 'soon' };
    return title;
  }),
};
