import { normalizeCountry } from './country';

describe('normalizeCountry', () => {
  it.each([
    ['US', 'US'],
    ['gb', 'GB'],
    ['De', 'DE'],
    [' fr ', 'FR'],
  ])('turns %j into the country code %j', (header, expected) => {
    expect(normalizeCountry(header)).toBe(expected);
  });

  it('uses the first value when the header was sent more than once', () => {
    expect(normalizeCountry(['jp', 'US'])).toBe('JP');
  });

  it.each([
    ['a missing header', undefined],
    ['a null header', null],
    ['an empty header', ''],
    ['only spaces', '   '],
    ['an empty list of values', []],
    ['a three-letter code', 'USA'],
    ['a single letter', 'U'],
    ['digits', '12'],
    ['a letter and a digit', 'U1'],
    ['a name instead of a code', 'United States'],
    ['two codes in one value', 'US,GB'],
    ['a letter outside A-Z', 'ÜS'],
    ['one character whose upper case is two letters', 'ß'],
    ['a ligature whose upper case is two letters', 'ﬀ'],
  ])('treats %s as an unknown country', (_case, header) => {
    expect(normalizeCountry(header)).toBeNull();
  });
});
