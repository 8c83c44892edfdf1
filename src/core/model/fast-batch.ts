/**
 * Hosts → the two index vectors of one SparseSegmentSum call (pure JS, the engine's hot path).
 *
 * Output row b·P + p is window p of name b: the sum of `groups` table rows. Only the windows a
 * name really has are emitted — its characters plus one window wholly in the padding, whose value
 * (bias + padding) the layers model also max-pools over. Rows never written come out as zeros,
 * which cannot change relu(max(...)), so short names in a batch with long ones cost no lookups.
 */
import type { Tokenizer } from '../tokenizer.js';
import type { FastTables } from './fast-tables.js';

export interface FastBatch {
  readonly names: number;
  /** Window positions per name in the output grid (the longest name's count). */
  readonly positions: number;
  /** Table row per lookup and the output row it adds into (non-decreasing), first `lookups` entries. */
  readonly indices: Int32Array;
  readonly segments: Int32Array;
  readonly lookups: number;
  /** True when some window reaches past maxLength for a wide kernel and must be masked out. */
  readonly needsMask: boolean;
  /** Encoded characters per name (after keep-end truncation). */
  readonly lengths: Int32Array;
}

/** Reusable buffers: one encoder per engine; the arrays it returns are valid until its next call. */
export interface BatchEncoder {
  encode(hosts: readonly string[]): FastBatch;
}

/** Creates an encoder whose buffers grow to the largest batch seen. */
export function createBatchEncoder(tokenizer: Tokenizer, tables: Omit<FastTables, 'table'>): BatchEncoder {
  const maxLength = tokenizer.spec.maxLength;
  const { groups, groupSize, vocabulary } = tables;
  const combos = vocabulary ** groupSize;
  const maxWidth = Math.max(...tables.columnWidths);
  // Ids past maxLength stay zero (padding): only masked windows read them.
  const stride = maxLength + groups * groupSize;
  let ids = new Int32Array(0);
  let indices = new Int32Array(0);
  let segments = new Int32Array(0);
  let lengths = new Int32Array(0);

  function encode(hosts: readonly string[]): FastBatch {
    const count = hosts.length;
    if (ids.length < count * stride) {
      ids = new Int32Array(count * stride);
      lengths = new Int32Array(count);
    }
    let longest = 0;
    for (let b = 0; b < count; b++) {
      const used = tokenizer.encodeInto(hosts[b]!, ids, b * stride);
      lengths[b] = used;
      if (used > longest) longest = used;
    }
    const positions = Math.min(longest + 1, tables.positions);
    const capacity = count * positions * groups + 1;
    if (indices.length < capacity) {
      indices = new Int32Array(capacity);
      segments = new Int32Array(capacity);
    }
    let k = 0;
    for (let b = 0; b < count; b++) {
      const base = b * stride;
      const windows = Math.min(lengths[b]! + 1, positions);
      const outRow = b * positions;
      for (let p = 0; p < windows; p++) {
        for (let j = 0; j < groups; j++) {
          const at = base + p + j * groupSize;
          indices[k] = j * combos + (groupSize === 2 ? ids[at]! * vocabulary + ids[at + 1]! : ids[at]!);
          segments[k++] = outRow + p;
        }
      }
    }
    // The op sizes its output by the last segment id: pin it to the grid's last row with a no-op lookup.
    const lastRow = count * positions - 1;
    if (k === 0 || segments[k - 1] !== lastRow) {
      indices[k] = tables.zeroRow;
      segments[k++] = lastRow;
    }
    return {
      names: count,
      positions,
      indices,
      segments,
      lookups: k,
      needsMask: positions - 1 > maxLength - maxWidth,
      lengths,
    };
  }

  return { encode };
}
