/**
 * Balanced sampling across sources: every draw picks a label in proportion to its share of the
 * training set, then one of that label's sources uniformly, then the next name of that source
 * (each source cycles through its own seeded shuffle). So a small DGA family or benign list is
 * seen as often per epoch as the biggest feed, with fresh names from big sources on each pass,
 * instead of being up-weighted with the same few names repeated at a larger loss weight.
 */
import { shuffleInPlace, type Rng } from '../../core/rng.js';
import type { Example, Label } from '../data/labelled-files.js';

export interface Sampler {
  /** Index into the training examples of the next sample. */
  next(): number;
}

interface SourceQueue {
  readonly indices: Int32Array;
  cursor: number;
}

/** A balanced sampler over `examples` drawing from `rng`. */
export function createBalancedSampler(examples: readonly Example[], rng: Rng): Sampler {
  const bySource = new Map<string, { label: Label; indices: number[] }>();
  examples.forEach((e, i) => {
    const entry = bySource.get(e.source) ?? { label: e.label, indices: [] };
    entry.indices.push(i);
    bySource.set(e.source, entry);
  });
  const labels: { label: Label; share: number; queues: SourceQueue[] }[] = [];
  for (const [, { label, indices }] of [...bySource].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let entry = labels.find((l) => l.label === label);
    if (!entry) labels.push((entry = { label, share: 0, queues: [] }));
    entry.share += indices.length / examples.length;
    // cursor at the end forces a shuffle before the first draw
    entry.queues.push({ indices: Int32Array.from(indices), cursor: indices.length });
  }
  return {
    next() {
      let u = rng.nextFloat();
      let pick = labels[labels.length - 1]!;
      for (const l of labels) {
        if (u < l.share) {
          pick = l;
          break;
        }
        u -= l.share;
      }
      const queue = pick.queues[rng.nextInt(pick.queues.length)]!;
      if (queue.cursor >= queue.indices.length) {
        shuffleInPlace(queue.indices, rng);
        queue.cursor = 0;
      }
      return queue.indices[queue.cursor++]!;
    },
  };
}
