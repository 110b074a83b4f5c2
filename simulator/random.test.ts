import { pick, seededRandom, weighted, zipf } from './random';

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

  it('draws ranks by Zipf popularity: the first often, every rank now and then', () => {
    const random = seededRandom(11);
    const draw = zipf(100);
    const counts = new Array<number>(100).fill(0);
    for (let index = 0; index < 100_000; index++) counts[draw(random)]!++;
    // Rank 1's share is 1 / H(100) = 19.3%; rank 2 half of it, rank 10 a tenth.
    expect(counts[0]! / 100_000).toBeCloseTo(0.193, 2);
    expect(counts[1]! / counts[0]!).toBeCloseTo(0.5, 1);
    expect(counts[9]! / counts[0]!).toBeCloseTo(0.1, 1);
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(() => zipf(0)).toThrow('at least one rank');
  });
});
