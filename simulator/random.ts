/**
 * A seeded pseudo-random generator, so a simulation run with the same seed plans the same viewers and
 * the same faults. mulberry32: tiny, fast, and good enough for picking from a mix (not for crypto).
 */
export type Random = () => number;

/** A generator of numbers in [0, 1) determined by `seed`. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform number in [min, max). */
export function between(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

/** One of `choices`, each as likely as its weight. */
export function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random() * total;
  for (const [value, weight] of choices) {
    point -= weight;
    if (point < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

/** One element of `items`, uniformly. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * A sampler of ranks 0..n-1 by Zipf's law (rank r drawn in proportion to 1 / (r + 1)^exponent): the
 * few popular titles most of the time, the long tail now and then, as viewers choose what to watch.
 */
export function zipf(n: number, exponent = 1): (random: Random) => number {
  if (!(n >= 1)) throw new Error('zipf needs at least one rank');
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) cumulative[rank] = total += 1 / (rank + 1) ** exponent;
  return (random) => {
    const point = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! > point) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}
