import { invalidNameReason, subgraphNames } from './names';

describe('subgraph names', () => {
  it.each(['recommendations', 'watch-party', 'ads2', 'a-1'])('accepts %j', (name) => {
    expect(invalidNameReason(name)).toBeUndefined();
  });

  it.each(['Recommendations', 'watch_party', '-watch', 'watch-', 'watch--party', '2ads', '', 'ads!'])(
    'refuses %j, saying what a name looks like',
    (name) => {
      expect(invalidNameReason(name)).toMatch(/is not a subgraph name: lower-case letters and digits/);
    },
  );

  it.each(['gateway', 'admin', 'subgraph'])(
    'refuses %j, whose variables the platform already uses',
    (name) => {
      expect(invalidNameReason(name)).toBe(`"${name}" is taken by the platform itself; choose another name`);
    },
  );

  it('derives the field prefix, type prefix and environment prefix from a dashed name', () => {
    expect(subgraphNames('watch-party')).toEqual({
      name: 'watch-party',
      camel: 'watchParty',
      pascal: 'WatchParty',
      env: 'WATCH_PARTY',
    });
  });
});
