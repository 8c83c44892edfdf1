/**
 * The project's one seeded PRNG (mulberry32). The trainers draw every random choice (shuffles, dropout
 * masks, augmentation) from it, so a seed fixes the whole run; the background's warm-up, tests and the
 * bench make names with it.
 */

export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1). */
  nextFloat(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
}

/** The mulberry32 stream that starts at `state` (a uint32), unmixed. */
export function rngFromState(state: number): Rng {
  let s = state >>> 0;
  function nextUint32(): number {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  return {
    nextUint32,
    nextFloat: () => nextUint32() / 4294967296,
    nextInt: (n) => Math.floor((nextUint32() / 4294967296) * n),
  };
}

/** A deterministic generator for `seed` (any integer). */
export function createRng(seed: number): Rng {
  return rngFromState((seed ^ 0x9e3779b9) >>> 0);
}

/** Floats in [0, 1) from `seed`'s unmixed stream: the n-gram trainer's shuffles, test and bench names. */
export function seededRandom(seed: number): () => number {
  return rngFromState(seed).nextFloat;
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace(values: Int32Array | Uint32Array | number[], rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}
