/**
 * Worst-group loss over sources (online group DRO, Sagawa et al. 2020): each source (a malicious
 * feed, a DGA family, a benign list) has a weight q that grows as exp(η · its mean loss) after
 * every batch, so the sources the network currently fits worst get more of the gradient and it
 * cannot win by fitting the biggest or easiest feed. Weights are normalised within each label, so
 * the class balance the targets set (benign against positives) is left as it was: DRO only moves
 * weight between the sources of one class.
 */
import type { Example } from '../data/labelled-files.js';

export interface GroupDroOptions {
  /** Step size η of the exponentiated update, per batch. */
  readonly eta: number;
}

export interface GroupDro {
  /** Group index of each training example. */
  readonly groupOf: Int32Array;
  /** Loss multiplier of group g: its q times the number of groups of its label (mean 1 within a label). */
  multiplier(g: number): number;
  /** Update after a batch: `rows` example indices with their per-sample losses. */
  update(rows: ArrayLike<number>, losses: ArrayLike<number>, size: number): void;
  /** Current q per group name (for logs and provenance). */
  weights(): Record<string, number>;
}

/** Group DRO state over the sources of `examples`, every q starting equal within its label. */
export function createGroupDro(examples: readonly Example[], options: GroupDroOptions): GroupDro {
  const names: string[] = [];
  const labelOf: string[] = [];
  const index = new Map<string, number>();
  const groupOf = new Int32Array(examples.length);
  examples.forEach((e, i) => {
    let g = index.get(e.source);
    if (g === undefined) {
      g = names.length;
      index.set(e.source, g);
      names.push(e.source);
      labelOf.push(e.label);
    }
    groupOf[i] = g;
  });
  const G = names.length;
  const peers = labelOf.map((l) => labelOf.filter((m) => m === l).length);
  const q = Float64Array.from(peers, (n) => 1 / n);
  const sum = new Float64Array(G);
  const count = new Int32Array(G);
  return {
    groupOf,
    multiplier: (g) => q[g]! * peers[g]!,
    update(rows, losses, size) {
      sum.fill(0);
      count.fill(0);
      for (let r = 0; r < size; r++) {
        const g = groupOf[rows[r]!]!;
        sum[g]! += losses[r]!;
        count[g]!++;
      }
      for (let g = 0; g < G; g++) if (count[g]! > 0) q[g]! *= Math.exp(options.eta * (sum[g]! / count[g]!));
      // Renormalise per label; a floor keeps a well-fitted source from vanishing for good.
      const totals = new Map<string, number>();
      for (let g = 0; g < G; g++) totals.set(labelOf[g]!, (totals.get(labelOf[g]!) ?? 0) + q[g]!);
      for (let g = 0; g < G; g++) q[g] = Math.max(q[g]! / totals.get(labelOf[g]!)!, 1e-6);
    },
    weights: () => Object.fromEntries(names.map((n, g) => [n, q[g]!])),
  };
}
