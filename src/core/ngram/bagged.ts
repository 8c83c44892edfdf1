/**
 * Bagged n-gram members — the same n-grams hashed with different seeds, one head each, as the
 * shipped blend has — scored in one walk over each name instead of one walk per member. Hashing
 * is most of an n-gram model's cost, and the walk (characters, markers, n-gram lengths) is the
 * same for every seed: three FNV chains advance side by side in plain locals, and each member's
 * dot product is summed in the order ngramLogits sums it, so every logit is bit-identical to
 * ngramLogits's (tested). Members come in groups of three because locals, unlike arrays indexed
 * per member, stay in registers: a generic loop over members measured no faster than one walk each.
 */
import { END_CODE, fmix32, hashBasis, START_CODE, type NgramFeatureSpec } from './features.js';
import { clipHost, type NgramModel } from './model.js';

/** True when the models can share a walk: one head each, whole-name n-grams only, same n-gram lengths and buckets. */
export function canScoreBagged(models: readonly NgramModel[]): boolean {
  const first = models[0]?.features;
  if (!first || models.length < 2) return false;
  const same = (s: NgramFeatureSpec) =>
    !s.parts && !s.words && !s.structure && s.minN === first.minN && s.maxN === first.maxN && s.bits === first.bits;
  return models.every((m) => m.heads.length === 1 && same(m.features));
}

/** Logits [hosts] of up to three single-head models in one walk (a missing slot repeats the first model; its result is dropped). */
function scoreThree(
  a: NgramModel,
  b: NgramModel,
  c: NgramModel,
  hosts: readonly string[],
): [Float32Array, Float32Array, Float32Array] {
  const { minN, maxN, bits } = a.features;
  const mask = ((1 << bits) - 1) >>> 0;
  const [ha0, hb0, hc0] = [hashBasis(a.features), hashBasis(b.features), hashBasis(c.features)];
  const [headA, headB, headC] = [a.heads[0]!, b.heads[0]!, c.heads[0]!];
  const [wa, wb, wc] = [headA.weights, headB.weights, headC.weights];
  const out: [Float32Array, Float32Array, Float32Array] = [
    new Float32Array(hosts.length),
    new Float32Array(hosts.length),
    new Float32Array(hosts.length),
  ];
  for (let i = 0; i < hosts.length; i++) {
    const text = clipHost(hosts[i]!);
    const marked = text.length + 2;
    let da = 0;
    let db = 0;
    let dc = 0;
    let count = 0;
    for (let start = 0; start < marked; start++) {
      let ha = ha0;
      let hb = hb0;
      let hc = hc0;
      const longest = Math.min(maxN, marked - start);
      for (let k = 0; k < longest; k++) {
        const at = start + k;
        const code = at === 0 ? START_CODE : at === marked - 1 ? END_CODE : text.charCodeAt(at - 1);
        ha = Math.imul(ha ^ code, 0x01000193);
        hb = Math.imul(hb ^ code, 0x01000193);
        hc = Math.imul(hc ^ code, 0x01000193);
        if (k + 1 >= minN) {
          da += wa[(fmix32(ha ^ (k + 1)) & mask) >>> 0]!;
          db += wb[(fmix32(hb ^ (k + 1)) & mask) >>> 0]!;
          dc += wc[(fmix32(hc ^ (k + 1)) & mask) >>> 0]!;
          count++;
        }
      }
    }
    const scale = 1 / Math.sqrt(count);
    out[0][i] = headA.bias + da * (headA.scale ?? 1) * scale;
    out[1][i] = headB.bias + db * (headB.scale ?? 1) * scale;
    out[2][i] = headC.bias + dc * (headC.scale ?? 1) * scale;
  }
  return out;
}

/** Each model's logits [hosts × 1] for models that pass canScoreBagged, exactly as ngramLogits gives them. */
export function baggedLogits(models: readonly NgramModel[], hosts: readonly string[]): Float32Array[] {
  if (!canScoreBagged(models))
    throw new Error('baggedLogits needs single-head models that differ only in their hash seed');
  const out: Float32Array[] = [];
  for (let g = 0; g < models.length; g += 3) {
    const first = models[g]!;
    const three = scoreThree(first, models[g + 1] ?? first, models[g + 2] ?? first, hosts);
    out.push(...three.slice(0, Math.min(3, models.length - g)));
  }
  return out;
}
