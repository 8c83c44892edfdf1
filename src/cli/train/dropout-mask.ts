/** Dropout multipliers as tfjs applies them: each feature kept with probability 1−rate, scaled by 1/(1−rate). */
import type { Rng } from '../../core/rng.js';

/** Fills `mask[from..to)` with 0 or 1/(1−rate), drawn from `rng`. */
export function fillDropoutMask(mask: Float32Array, from: number, to: number, rate: number, rng: Rng): void {
  if (rate <= 0) {
    mask.fill(1, from, to);
    return;
  }
  const keep = 1 / (1 - rate);
  for (let i = from; i < to; i++) mask[i] = rng.nextFloat() < rate ? 0 : keep;
}
