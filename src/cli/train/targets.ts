/**
 * Labels → per-head targets and loss weights.
 *
 * Heads: with one head (`seed`) every non-benign name is a positive. With `malicious` and `dga`
 * heads, `exclusive` mode has each head learn its class against benign names and ignore the other
 * class (weight 0): maltrail malware trails hold DGA-like C2 names, so teaching the malicious head
 * that DGA names are negatives would fight the labels. `nested` mode keeps the malicious head as
 * the seed's "anything risky vs benign" and adds a DGA-only head: a head that only ever saw known
 * families generalises worse to new ones than the broad head does.
 *
 * Weights: each head's positives and negatives get equal total weight (benign names are the
 * scarce class: 246k against 1.7M, so unweighted training learns "not on a top list"); within a
 * class, a source of n names weighs n^sourcePower in total, so the 869k-name maltrail malware file
 * does not drown the phishing feeds and the small DGA families (0 = every source equal, 1 = by
 * count). Weights are scaled to mean 1 per head so the learning rate means the same across runs.
 */
import type { RiskCategory } from '../../core/model/architecture.js';
import type { Example, Label } from '../data/labelled-files.js';

export interface WeightingOptions {
  /** Balance each head's positive and negative totals (default true). */
  readonly classBalance?: boolean;
  /** A source's total weight ∝ count^sourcePower within its class (default 0.5); one number or per label. */
  readonly sourcePower?: number | Partial<Record<Label, number>>;
  /** How two heads split the labels (default `exclusive`). */
  readonly headMode?: 'exclusive' | 'nested';
  /** Extra per-example factor (label-noise handling); 1 when absent. */
  readonly exampleFactor?: (example: Example) => number;
}

export interface TargetArrays {
  /** [examples × heads] 0/1. */
  readonly targets: Float32Array;
  /** [examples × heads] loss weights; 0 = this head ignores the example. */
  readonly weights: Float32Array;
}

/** Whether `label` is a positive (1), a negative (0) or ignored (null) for `head`. */
export function targetFor(
  label: Label,
  head: RiskCategory,
  heads: readonly RiskCategory[],
  mode: 'exclusive' | 'nested' = 'exclusive',
): 0 | 1 | null {
  if (label === 'benign') return 0;
  if (heads.length === 1 || (mode === 'nested' && head === 'malicious')) return 1;
  return label === head ? 1 : null;
}

/** Targets and weights for `examples` under `heads`. */
export function buildTargets(
  examples: readonly Example[],
  heads: readonly RiskCategory[],
  options: WeightingOptions = {},
): TargetArrays {
  const O = heads.length;
  const n = examples.length;
  const targets = new Float32Array(n * O);
  const weights = new Float32Array(n * O);
  const power = (label: Label): number => {
    const p = options.sourcePower ?? 0.5;
    return typeof p === 'number' ? p : (p[label] ?? 0.5);
  };
  const sourceCount = new Map<string, number>();
  for (const e of examples) sourceCount.set(e.source, (sourceCount.get(e.source) ?? 0) + 1);
  const base = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = examples[i]!;
    base[i] = Math.pow(sourceCount.get(e.source)!, power(e.label) - 1) * (options.exampleFactor?.(e) ?? 1);
  }
  heads.forEach((head, h) => {
    const totals = [0, 0];
    for (let i = 0; i < n; i++) {
      const t = targetFor(examples[i]!.label, head, heads, options.headMode);
      if (t !== null) totals[t]! += base[i]!;
    }
    const balance = options.classBalance ?? true;
    let sum = 0;
    let used = 0;
    for (let i = 0; i < n; i++) {
      const t = targetFor(examples[i]!.label, head, heads, options.headMode);
      if (t === null) continue;
      const w = balance && totals[t]! > 0 ? base[i]! / totals[t]! : base[i]!;
      targets[i * O + h] = t;
      weights[i * O + h] = w;
      sum += w;
      used++;
    }
    const scale = sum > 0 ? used / sum : 1;
    for (let i = 0; i < n; i++) weights[i * O + h]! *= scale;
  });
  return { targets, weights };
}
