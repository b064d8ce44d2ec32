// A small seeded PRNG for paper drawing and question/option order. Math.random cannot be replayed;
// a seed stored with the attempt lets a support engineer reproduce exactly what a taker was shown.
// The attempt freezes its drawn versions and orders in the database anyway (invariant 4), so
// changing this algorithm changes only future draws. Not for secrets: use node:crypto for those.

/** Returns numbers uniformly in [0, 1), in multiples of 2^-32. */
export type Rng = () => number;

/** cyrb128: a fast string hash giving four independent 32-bit words, enough state for sfc32. */
export function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) seeded from a string. */
export function createRng(seed: string): Rng {
  let [a, b, c, d] = hashSeed(seed);
  const next: Rng = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of a freshly seeded sfc32 are still correlated with the seed words.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** An integer in [0, n). The bias of floor(u·n) is below n / 2^32: irrelevant for paper sizes. */
export function randomInt(n: number, rng: Rng): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`randomInt needs a positive integer, got ${n}`);
  return Math.floor(rng() * n);
}

/** Fisher–Yates. Pure: returns a new array and leaves `array` alone. */
export function shuffle<T>(array: readonly T[], rng: Rng): T[] {
  const out = [...array];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1, rng);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A random ordering of 0…n-1. */
export function permutation(n: number, rng: Rng): number[] {
  return shuffle(
    Array.from({ length: n }, (_, i) => i),
    rng,
  );
}
