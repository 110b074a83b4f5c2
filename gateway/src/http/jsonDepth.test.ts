import { exceedsJsonDepth } from './jsonDepth';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('exceedsJsonDepth', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(exceedsJsonDepth(nested(32), 32)).toBe(false);
    expect(exceedsJsonDepth(nested(33), 32)).toBe(true);
  });

  it('counts objects and arrays alike', () => {
    expect(exceedsJsonDepth('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(exceedsJsonDepth('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ query: '{ a { b { c { d } } } }' }), 1)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify({ q: '"[[[[' }), 1)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify({ q: '\\', n: [[1]] }), 2)).toBe(true);
  });

  it('refuses an unterminated deep prefix, the shape of an attack body cut short', () => {
    expect(exceedsJsonDepth('{"variables":' + '['.repeat(100_000), 32)).toBe(true);
  });
});
