/**
 * Embedding + Conv1D + global max pooling, with the embedding folded into the convolutions.
 *
 * The conv output at window p for filter f is b_f + Σ_o Σ_d E[id(p+o)][d]·K[o][d][f]
 *   = b_f + Σ_o T[id(p+o)][o][f]   with   T = E·K   (vocab × width × filters, once per step).
 * Windows lying entirely in padding all share one value per filter, so only windows that start on
 * a real character are computed, plus that one padding constant with its multiplicity: the cost
 * follows the name length (mean ~18), not maxLength (75).
 *
 * Backward: max pooling sends each filter's gradient to the window(s) holding the maximum. Like
 * tfjs (`max` grad = dy·(x == max)), every tied window gets the full gradient — including the
 * m identical padding windows, which therefore count m times. The gradient lands in dT; dE and dK
 * follow from dT once per step (dK = Eᵀ·dT, dE = dT·Kᵀ).
 */
import { view, type ParamLayout } from './param-layout.js';

/** `arg` value: the maximum is the padding constant only (it counts `cnt` = m times). */
const ARG_PADDING = -1;
/** `arg` value: the maximum is tied between real windows and/or padding; recompute to route. */
const ARG_MIXED = -2;

/** Offsets of each width's table inside the flat tables buffer (vocab·k·F floats each). */
export function tableOffsets(layout: ParamLayout): { offsets: number[]; total: number } {
  const { vocab, filters, widths } = layout.shape;
  const offsets: number[] = [];
  let total = 0;
  for (const k of widths) {
    offsets.push(total);
    total += vocab * k * filters;
  }
  return { offsets, total };
}

/** T_k = E·K_k for every width, written into `tables` (float32, shared with worker threads). */
export function foldTables(layout: ParamLayout, params: Float32Array, tables: Float32Array): void {
  const { vocab: V, embeddingDim: D, filters: F, widths } = layout.shape;
  const E = view(params, layout.embedding);
  const { offsets } = tableOffsets(layout);
  const row = new Float64Array(F);
  widths.forEach((k, wi) => {
    const K = view(params, layout.convKernels[wi]!);
    const base = offsets[wi]!;
    for (let v = 0; v < V; v++) {
      for (let o = 0; o < k; o++) {
        row.fill(0);
        for (let d = 0; d < D; d++) {
          const e = E[v * D + d]!;
          const kr = (o * D + d) * F;
          for (let f = 0; f < F; f++) row[f]! += e * K[kr + f]!;
        }
        const out = base + (v * k + o) * F;
        for (let f = 0; f < F; f++) tables[out + f] = row[f]!;
      }
    }
  });
}

/**
 * Per-thread forward/backward of the pooled conv features for single names.
 * Sample ids are read from a zero-padded row (`ids[base .. base+maxLength)`), `n` real characters.
 * The window values of the last forward() stay in `windows` for the backward() that follows.
 */
export class FoldedConv {
  private readonly offsets: number[];
  /** Window values of the current sample, per width [positions × filters] at wi·maxLength·F. */
  private readonly windows: Float64Array;
  private readonly positions: Int32Array;
  /** Padding-window value per width and filter (b_f + Σ_o T[PAD][o][f]), refreshed by prepare(). */
  private readonly padConst: Float64Array;
  /** Scratch for the mean-pool backward: the per-filter gradient and one masked row. */
  private readonly meanGrad: Float64Array;
  private readonly meanRow: Float64Array;

  constructor(
    private readonly layout: ParamLayout,
    private readonly tables: Float32Array,
  ) {
    const s = layout.shape;
    this.offsets = tableOffsets(layout).offsets;
    this.windows = new Float64Array(s.widths.length * s.maxLength * s.filters);
    this.positions = new Int32Array(s.widths.length);
    this.padConst = new Float64Array(s.features);
    this.meanGrad = new Float64Array(s.filters);
    this.meanRow = new Float64Array(s.filters);
  }

  /** Recomputes the padding constants after the tables or biases changed. */
  prepare(params: Float32Array): void {
    const { filters: F, widths } = this.layout.shape;
    widths.forEach((k, wi) => {
      const bias = this.layout.convBiases[wi]!.offset;
      const t = this.offsets[wi]!;
      for (let f = 0; f < F; f++) {
        // Same summation order as forward(), so a padding window ties bit-exactly with this value.
        let a: number = params[bias + f]!;
        for (let o = 0; o < k; o++) a += this.tables[t + o * F + f]!;
        this.padConst[wi * F + f] = a;
      }
    });
  }

  /** Max-pooled pre-activation per filter into `mx[out..]`, with where it came from (`arg`, `cnt`) for backward. */
  forward(
    params: Float32Array,
    ids: Uint8Array,
    base: number,
    n: number,
    mx: Float64Array,
    arg: Int32Array,
    cnt: Int32Array,
    out: number,
  ): void {
    const { filters: F, widths, maxLength: L } = this.layout.shape;
    const T = this.tables;
    const Y = this.windows;
    for (let wi = 0; wi < widths.length; wi++) {
      const k = widths[wi]!;
      const bias = this.layout.convBiases[wi]!.offset;
      const t = this.offsets[wi]!;
      const y0 = wi * L * F;
      const positions = Math.min(n, L - k + 1);
      this.positions[wi] = positions;
      windowSums(params, bias, T, t, ids, base, k, F, positions, Y, y0);
      const padWindows = L - k + 1 - positions;
      const meanAt = this.layout.shape.meanPool ? out + widths.length * F + wi * F : -1;
      for (let f = 0; f < F; f++) {
        let m = Number.NEGATIVE_INFINITY;
        let a = 0;
        let c = 0;
        let sum = 0;
        for (let p = 0, q = y0 + f; p < positions; p++, q += F) {
          const v = Y[q]!;
          if (v > 0) sum += v;
          if (v > m) {
            m = v;
            a = p;
            c = 1;
          } else if (v === m) c++;
        }
        if (meanAt >= 0) {
          // tfjs averages relu outputs over every window, the padding ones included.
          const pad = this.padConst[wi * F + f]!;
          mx[meanAt + f] = (sum + (padWindows > 0 && pad > 0 ? padWindows * pad : 0)) / (L - k + 1);
        }
        if (c > 1) a = ARG_MIXED;
        if (padWindows > 0) {
          const pad = this.padConst[wi * F + f]!;
          if (pad > m) {
            m = pad;
            a = ARG_PADDING;
            c = padWindows;
          } else if (pad === m) {
            a = ARG_MIXED;
            c += padWindows;
          }
        }
        const j = out + wi * F + f;
        mx[j] = m;
        arg[j] = a;
        cnt[j] = c;
      }
    }
  }

  /**
   * Routes d(loss)/d(relu(max)) (`dFeat`, per filter) through relu and the max into dT and the conv
   * bias gradients (both float64 accumulators). Must follow forward() on the same sample.
   */
  backward(
    ids: Uint8Array,
    base: number,
    mx: Float64Array,
    arg: Int32Array,
    cnt: Int32Array,
    dFeat: Float64Array,
    at: number,
    dT: Float64Array,
    dBias: Float64Array,
  ): void {
    const { filters: F, widths, maxLength: L } = this.layout.shape;
    for (let wi = 0; wi < widths.length; wi++) {
      const k = widths[wi]!;
      const t = this.offsets[wi]!;
      const positions = this.positions[wi]!;
      if (this.layout.shape.meanPool) this.backwardMean(ids, base, dFeat, at + widths.length * F, wi, dT, dBias);
      for (let f = 0; f < F; f++) {
        const j = at + wi * F + f;
        const g = dFeat[j]!;
        const m = mx[j]!;
        if (g === 0 || !(m > 0)) continue; // relu gradient is 0 at and below 0, as tfjs's step()
        const a = arg[j]!;
        const fj = wi * F + f;
        if (a >= 0) {
          for (let o = 0; o < k; o++) dT[t + (ids[base + a + o]! * k + o) * F + f]! += g;
          dBias[fj]! += g;
          continue;
        }
        // The padding windows (all PAD ids) hold the max: each of them takes the gradient.
        const padWindows = L - k + 1 - positions;
        if (a === ARG_PADDING || this.padConst[fj] === m) {
          const gm = g * (a === ARG_PADDING ? cnt[j]! : padWindows);
          for (let o = 0; o < k; o++) dT[t + o * F + f]! += gm;
          dBias[fj]! += gm;
        }
        if (a === ARG_MIXED) {
          // Several windows tie at the max: tfjs's max gradient feeds every one of them.
          for (let p = 0, q = wi * L * F + f; p < positions; p++, q += F) {
            if (this.windows[q] !== m) continue;
            for (let o = 0; o < k; o++) dT[t + (ids[base + p + o]! * k + o) * F + f]! += g;
            dBias[fj]! += g;
          }
        }
      }
    }
  }

  /**
   * Mean pooling: every window with a positive value (padding ones too) takes g / windows. Built
   * per position as one masked gradient row, then added to the k table rows it touches: contiguous
   * loops over filters, like the forward pass.
   */
  private backwardMean(
    ids: Uint8Array,
    base: number,
    dFeat: Float64Array,
    meanAt: number,
    wi: number,
    dT: Float64Array,
    dBias: Float64Array,
  ): void {
    const { filters: F, widths, maxLength: L } = this.layout.shape;
    const k = widths[wi]!;
    const kF = k * F;
    const t = this.offsets[wi]!;
    const positions = this.positions[wi]!;
    const windows = L - k + 1;
    const padWindows = windows - positions;
    const y0 = wi * L * F;
    const g = this.meanGrad;
    const row = this.meanRow;
    let any = false;
    for (let f = 0; f < F; f++) {
      g[f] = dFeat[meanAt + wi * F + f]! / windows;
      if (g[f] !== 0) any = true;
    }
    if (!any) return;
    const Y = this.windows;
    for (let p = 0; p < positions; p++) {
      const q = y0 + p * F;
      for (let f = 0; f < F; f++) row[f] = Y[q + f]! > 0 ? g[f]! : 0;
      for (let o = 0; o < k; o++) {
        const r = t + ids[base + p + o]! * kF + o * F;
        for (let f = 0; f < F; f++) dT[r + f]! += row[f]!;
      }
      for (let f = 0; f < F; f++) dBias[wi * F + f]! += row[f]!;
    }
    if (padWindows > 0) {
      for (let f = 0; f < F; f++) {
        if (!(this.padConst[wi * F + f]! > 0) || g[f] === 0) continue;
        const gm = g[f]! * padWindows;
        for (let o = 0; o < k; o++) dT[t + o * F + f]! += gm;
        dBias[wi * F + f]! += gm;
      }
    }
  }
}

/**
 * Y[p][f] = b_f + Σ_o T[id(p+o)][o][f] for p < positions. Common widths are unrolled so each value
 * is one expression (one store instead of k read-modify-writes); the sum runs left to right,
 * bias first, in float64 — the order prepare() uses for the padding constant, so ties stay exact.
 */
function windowSums(
  params: Float32Array,
  bias: number,
  T: Float32Array,
  t: number,
  ids: Uint8Array,
  base: number,
  k: number,
  F: number,
  positions: number,
  Y: Float64Array,
  y0: number,
): void {
  const kF = k * F;
  for (let p = 0; p < positions; p++) {
    const q = y0 + p * F;
    const i = base + p;
    const r0 = t + ids[i]! * kF;
    if (k === 1) {
      for (let f = 0; f < F; f++) Y[q + f] = params[bias + f]! + T[r0 + f]!;
      continue;
    }
    const r1 = t + ids[i + 1]! * kF + F;
    if (k === 2) {
      for (let f = 0; f < F; f++) Y[q + f] = params[bias + f]! + T[r0 + f]! + T[r1 + f]!;
      continue;
    }
    const r2 = t + ids[i + 2]! * kF + 2 * F;
    if (k === 3) {
      for (let f = 0; f < F; f++) Y[q + f] = params[bias + f]! + T[r0 + f]! + T[r1 + f]! + T[r2 + f]!;
      continue;
    }
    const r3 = t + ids[i + 3]! * kF + 3 * F;
    if (k === 4) {
      for (let f = 0; f < F; f++) Y[q + f] = params[bias + f]! + T[r0 + f]! + T[r1 + f]! + T[r2 + f]! + T[r3 + f]!;
      continue;
    }
    const r4 = t + ids[i + 4]! * kF + 4 * F;
    if (k === 5) {
      for (let f = 0; f < F; f++)
        Y[q + f] = params[bias + f]! + T[r0 + f]! + T[r1 + f]! + T[r2 + f]! + T[r3 + f]! + T[r4 + f]!;
      continue;
    }
    const r5 = t + ids[i + 5]! * kF + 5 * F;
    for (let f = 0; f < F; f++)
      Y[q + f] = params[bias + f]! + T[r0 + f]! + T[r1 + f]! + T[r2 + f]! + T[r3 + f]! + T[r4 + f]! + T[r5 + f]!;
    // Wider windows: add the remaining offsets in order.
    for (let o = 6; o < k; o++) {
      const r = t + ids[i + o]! * kF + o * F;
      for (let f = 0; f < F; f++) Y[q + f]! += T[r + f]!;
    }
  }
}

/** dK_k += Eᵀ·dT_k and dE += Σ_k dT_k·K_kᵀ, from the step's accumulated table gradient. */
export function unfoldTableGrads(
  layout: ParamLayout,
  params: Float32Array,
  dT: Float64Array,
  grads: Float64Array,
): void {
  const { vocab: V, embeddingDim: D, filters: F, widths } = layout.shape;
  const E = view(params, layout.embedding);
  const dE = view(grads, layout.embedding);
  const { offsets } = tableOffsets(layout);
  widths.forEach((k, wi) => {
    const K = view(params, layout.convKernels[wi]!);
    const dK = view(grads, layout.convKernels[wi]!);
    const base = offsets[wi]!;
    for (let v = 0; v < V; v++) {
      for (let o = 0; o < k; o++) {
        const r = base + (v * k + o) * F;
        let any = false;
        for (let f = 0; f < F; f++)
          if (dT[r + f] !== 0) {
            any = true;
            break;
          }
        if (!any) continue; // characters absent from the batch contribute nothing
        for (let d = 0; d < D; d++) {
          const e = E[v * D + d]!;
          const kr = (o * D + d) * F;
          let s = 0;
          for (let f = 0; f < F; f++) {
            const g = dT[r + f]!;
            dK[kr + f]! += e * g;
            s += g * K[kr + f]!;
          }
          dE[v * D + d]! += s;
        }
      }
    }
  });
}
