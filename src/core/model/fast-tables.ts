/**
 * Precomputed lookup tables for the fast engine (pure arithmetic, no tfjs).
 *
 * An embedding followed by a Conv1D is linear in one-hot characters, so a convolution output is
 * bias + Σ_offset U[char at p+offset][offset][filter] with U = embedding × kernel computed once.
 * Going one step further, neighbouring offsets are paired: one row of the pair table holds the
 * summed contribution of two characters at offsets (2j, 2j+1), so a window of width 6 costs three
 * row additions instead of six (and 6 × 15 multiply-adds per character in the layers model).
 * The filters of all widths share one row ("column" = one filter of one width, in concat order);
 * offsets past a filter's width hold zeros, so a single row sum serves every width at once.
 */
import type { ArchitectureConfig } from './architecture.js';
import type { FastWeights } from './fast-weights.js';

/** Characters folded into one table row: 2 (pairs) is fastest; 1 keeps the table small. */
export type GroupSize = 1 | 2;

export interface FastTables {
  /** Characters per row and rows per window position (`groups × groupSize` ≥ the widest kernel). */
  readonly groupSize: GroupSize;
  readonly groups: number;
  readonly vocabulary: number;
  /** Filters over all widths (the pooled feature count). */
  readonly columns: number;
  /** Row-major [rows × columns]; the last row is all zeros (a no-op index). Conv biases are folded into group 0. */
  readonly table: Float32Array;
  readonly rows: number;
  readonly zeroRow: number;
  /** Kernel width of each column. */
  readonly columnWidths: Int32Array;
  /** Window positions a name of maxLength can have for the narrowest kernel. */
  readonly positions: number;
  /** Row-major [positions × columns]: 0 where the window fits in maxLength for that column, −1e30 where it does not. */
  readonly mask: Float32Array;
  /** Per column, the value (before relu) of a window lying wholly in the padding; mean pooling counts these. */
  readonly padWindow: Float32Array;
}

/** Bytes of the table for `config` at `groupSize` (to choose pairs only when they fit a memory budget). */
export function tableBytes(config: ArchitectureConfig, vocabulary: number, groupSize: GroupSize): number {
  const maxWidth = Math.max(...config.widths);
  const groups = Math.ceil(maxWidth / groupSize);
  return (vocabulary ** groupSize * groups + 1) * config.widths.length * config.filters * 4;
}

/** Builds the tables; `maxLength` is the tokenizer's. */
export function buildFastTables(weights: FastWeights, config: ArchitectureConfig, maxLength: number, groupSize: GroupSize): FastTables {
  const dim = config.embeddingDim;
  const filters = config.filters;
  const columns = config.widths.length * filters;
  const vocabulary = weights.embedding.length / dim;
  const maxWidth = Math.max(...config.widths);
  const minWidth = Math.min(...config.widths);
  const groups = Math.ceil(maxWidth / groupSize);
  const offsets = groups * groupSize;

  // unigram[v][offset][column]: one character's contribution at one offset of its window.
  const unigram = new Float32Array(vocabulary * offsets * columns);
  const columnWidths = new Int32Array(columns);
  weights.conv.forEach(({ width, kernel }, branch) => {
    columnWidths.fill(width, branch * filters, (branch + 1) * filters);
    for (let v = 0; v < vocabulary; v++) {
      for (let o = 0; o < width; o++) {
        const out = (v * offsets + o) * columns + branch * filters;
        for (let d = 0; d < dim; d++) {
          const e = weights.embedding[v * dim + d]!;
          const k = (o * dim + d) * filters;
          for (let f = 0; f < filters; f++) unigram[out + f]! += e * kernel[k + f]!;
        }
      }
    }
  });

  const combos = vocabulary ** groupSize;
  const rows = combos * groups + 1;
  const table = new Float32Array(rows * columns);
  for (let combo = 0; combo < combos; combo++) {
    const first = groupSize === 2 ? Math.floor(combo / vocabulary) : combo;
    const second = combo % vocabulary;
    for (let j = 0; j < groups; j++) {
      const out = (j * combos + combo) * columns;
      const a = (first * offsets + j * groupSize) * columns;
      for (let c = 0; c < columns; c++) table[out + c] = unigram[a + c]!;
      if (groupSize === 2) {
        const b = (second * offsets + j * 2 + 1) * columns;
        for (let c = 0; c < columns; c++) table[out + c]! += unigram[b + c]!;
      }
      // Every window sums exactly one group-0 row, so the bias can ride along for free.
      if (j === 0) weights.conv.forEach(({ bias }, branch) => {
        for (let f = 0; f < filters; f++) table[out + branch * filters + f]! += bias[f]!;
      });
    }
  }

  const positions = maxLength - minWidth + 1;
  const mask = new Float32Array(positions * columns);
  for (let p = 0; p < positions; p++) {
    for (let c = 0; c < columns; c++) mask[p * columns + c] = p <= maxLength - columnWidths[c]! ? 0 : -1e30;
  }
  // Padding has id 0, so a padding-only window sums row 0 of every group.
  const padWindow = new Float32Array(columns);
  for (let j = 0; j < groups; j++) {
    for (let c = 0; c < columns; c++) padWindow[c]! += table[j * combos * columns + c]!;
  }
  return { groupSize, groups, vocabulary, columns, table, rows, zeroRow: rows - 1, columnWidths, positions, mask, padWindow };
}

