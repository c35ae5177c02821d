// Seeded randomness shared by data order, splits, dropout masks and initial weights.
// Every consumer derives its own stream from (seed, purpose...), so adding a consumer
// never shifts the numbers another one sees: that is what makes runs comparable.
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Shuffles in place (Fisher-Yates) and returns the array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T;
}

/** A deterministic stream named by a seed and a path, e.g. rngFor(7, 'weights', 2, 'kernel'). */
export function rngFor(seed: number, ...path: (string | number)[]): Rng {
  const prng = seedrandom.alea([seed, ...path].join('/'));
  let spareNormal: number | null = null;
  const rng: Rng = {
    next: () => prng(),
    int: (n) => Math.floor(prng() * n),
    normal() {
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      // Box-Muller; 1 - u keeps the logarithm finite.
      const u = 1 - prng();
      const v = prng();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(prng() * (i + 1));
        const tmp = items[i];
        items[i] = items[j];
        items[j] = tmp;
      }
      return items;
    },
  };
  return rng;
}

/** A 31-bit integer seed derived from a stream, for APIs (like tf.randomUniform) that take a number. */
export function seedFor(seed: number, ...path: (string | number)[]): number {
  return Math.floor(seedrandom.alea([seed, ...path].join('/'))() * 0x7fffffff);
}
