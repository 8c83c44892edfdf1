/**
 * Which characters of a name drove its score.
 *
 * Attribution. Every conv filter keeps one value after global max pooling: its activation at one
 * position p, computed from the window [p, p + width) of the tokenized name. With no hidden layer
 * the head's logit is exactly Σ_j pooled_j × W_out[j] + bias, so pooled_j × W_out[j] is feature j's
 * share of the logit, and it belongs to j's window. With a relu hidden layer the logit is, for the
 * units that are active on this name, Σ_j pooled_j × Σ_i W_h[j, i] × W_out[i] + (bias terms): the
 * same exact linear split with the weight taken through the active units (inactive units pass
 * nothing back). Bias terms belong to no characters and are left out. Positive shares push towards
 * "risky"; the largest, covering about half the positive total, are kept and overlapping windows
 * merged. Windows are clipped to the name's characters (a window reaching into padding says "the
 * name ends like this", which points at its last characters).
 */
import type { ExplainWeights } from './explain-weights.js';

/** A half-open range [start, end) of characters, with its share of the positive contribution (0–1). */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly weight: number;
}

export interface Explanation {
  /** Index of the explained head in `metadata.architecture.heads`. */
  readonly head: number;
  /** That head's probability, computed by the same forward pass (equals the scorer's to float precision). */
  readonly probability: number;
  /** Spans in the coordinates of the scored (www-stripped) host, sorted by start. */
  readonly spans: readonly Span[];
}

/** At most this many filter windows make the explanation: more would highlight the whole name. */
const MAX_FEATURES = 6;
/** Windows are taken, largest first, until they hold this share of the positive contribution. */
const COVERAGE = 0.5;

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A window of the scored host and its share of a head's logit (positive: towards "risky"). */
export interface Share {
  readonly start: number;
  readonly end: number;
  readonly value: number;
}

/** The CNN's forward pass on one host: every head's logit and each pooled feature's share of `head`'s. */
export interface CnnContributions {
  readonly logits: Float64Array;
  /** Positive shares of each head's logit, per head, in the scored host's coordinates. */
  shares(head: number): Share[];
}

/** Runs the conv + max pool + head on one normalised host, remembering which window won each filter. */
export function cnnContributions(weights: ExplainWeights, host: string): CnnContributions {
  const { tokenizer, vocab, filters, branches, hidden, output } = weights;
  const maxLength = tokenizer.spec.maxLength;
  const ids = new Int32Array(maxLength);
  const used = tokenizer.encodeInto(host, ids, 0);
  const offset = tokenizer.startOf(host);

  // Forward pass through conv + max pool, remembering each filter's winning position.
  const featureCount = branches.length * filters;
  const pooled = new Float32Array(featureCount);
  const position = new Int32Array(featureCount);
  const widthOf = new Int32Array(featureCount);
  const acc = new Float32Array(filters);
  branches.forEach((branch, b) => {
    const best = new Float32Array(filters).fill(-Infinity);
    const at = new Int32Array(filters);
    for (let p = 0; p + branch.width <= maxLength; p++) {
      acc.set(branch.bias);
      for (let k = 0; k < branch.width; k++) {
        const row = (k * vocab + ids[p + k]!) * filters;
        for (let f = 0; f < filters; f++) acc[f]! += branch.projection[row + f]!;
      }
      for (let f = 0; f < filters; f++) {
        const value = acc[f]! > 0 ? acc[f]! : 0;
        if (value > best[f]!) {
          best[f] = value;
          at[f] = p;
        }
      }
    }
    for (let f = 0; f < filters; f++) {
      pooled[b * filters + f] = best[f]!;
      position[b * filters + f] = at[f]!;
      widthOf[b * filters + f] = branch.width;
    }
  });

  // Effective weight of each pooled feature on each head's logit (see the header).
  const heads = output.heads;
  const effective = new Float32Array(featureCount * heads);
  const logits = Float64Array.from(output.bias);
  if (hidden === null) {
    effective.set(output.kernel);
    for (let j = 0; j < featureCount; j++)
      for (let h = 0; h < heads; h++) logits[h]! += pooled[j]! * output.kernel[j * heads + h]!;
  } else {
    for (let i = 0; i < hidden.units; i++) {
      let unit = hidden.bias[i]!;
      for (let j = 0; j < featureCount; j++) unit += pooled[j]! * hidden.kernel[j * hidden.units + i]!;
      if (unit <= 0) continue;
      for (let h = 0; h < heads; h++) {
        const w = output.kernel[i * heads + h]!;
        logits[h]! += unit * w;
        for (let j = 0; j < featureCount; j++) effective[j * heads + h]! += hidden.kernel[j * hidden.units + i]! * w;
      }
    }
  }
  return {
    logits,
    shares(head) {
      const out: Share[] = [];
      if (used === 0) return out;
      for (let j = 0; j < featureCount; j++) {
        const value = pooled[j]! * effective[j * heads + head]!;
        if (!(value > 0)) continue;
        const start = Math.min(position[j]!, used - 1);
        const end = Math.min(position[j]! + widthOf[j]!, used);
        out.push({ start: start + offset, end: end + offset, value });
      }
      return out;
    },
  };
}

/** The largest positive shares, up to half their total and at most MAX_FEATURES, merged into spans. */
export function spansFromShares(shares: readonly Share[]): Span[] {
  let positive = 0;
  for (const share of shares) if (share.value > 0) positive += share.value;
  const sorted = shares.filter((s) => s.value > 0).sort((a, b) => b.value - a.value);
  const picked: Share[] = [];
  let covered = 0;
  for (const share of sorted) {
    if (picked.length >= MAX_FEATURES || covered >= COVERAGE * positive) break;
    picked.push(share);
    covered += share.value;
  }
  return mergeSpans(picked.map((s) => ({ start: s.start, end: s.end, weight: s.value / positive })));
}

/** Index of the largest logit. */
export function topHead(logits: ArrayLike<number>): number {
  let best = 0;
  for (let h = 1; h < logits.length; h++) if (logits[h]! > logits[best]!) best = h;
  return best;
}

/** Explains one normalised host (as the model scores it); `head` defaults to the most probable one. */
export function explainHost(weights: ExplainWeights, host: string, head?: number): Explanation {
  const cnn = cnnContributions(weights, host);
  const chosen = head ?? topHead(cnn.logits);
  return { head: chosen, probability: sigmoid(cnn.logits[chosen]!), spans: spansFromShares(cnn.shares(chosen)) };
}

/** Merges overlapping or touching spans (weights add up); the result is sorted by start. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end)
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, span.end), weight: last.weight + span.weight };
    else out.push(span);
  }
  return out;
}
