import { pick, seededRandom, weighted } from './random';

describe('the seeded random generator', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });

  it('picks by weight', () => {
    const random = seededRandom(3);
    const picks = Array.from({ length: 10_000 }, () =>
      weighted(random, [
        ['a', 3],
        ['b', 1],
      ] as const),
    );
    const share = picks.filter((value) => value === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.78);
    expect(pick(seededRandom(5), ['only'])).toBe('only');
  });
});
