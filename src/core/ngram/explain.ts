/**
 * Which characters drove an n-gram model's score. The logit is exactly
 * bias + Σ weight[bucket(g)] / sqrt(count) over the name's n-grams g, so each occurrence's term is
 * its share, and it belongs to the characters it covers (the ^/$ markers map to the first/last
 * character). Only the whole-name n-grams are attributed; the structural tokens of `parts` models
 * (suffix, shape) belong to no span and stay unexplained.
 */
import type { Share } from '../explain.js';
import { ngramBuckets } from './features.js';
import { clipHost, createBucketBuffer, type NgramModel } from './model.js';

/** The logit of n-gram head `head` for a normalised host and every n-gram's share of it. */
export function ngramShares(
  model: NgramModel,
  host: string,
  head: number,
  buckets: Uint32Array = createBucketBuffer(model),
): { logit: number; shares: Share[] } {
  const clipped = clipHost(host);
  const offset = host.length - clipped.length;
  const count = ngramBuckets(clipped, model.features, buckets);
  const weights = model.heads[head]!.weights;
  const scale = (model.heads[head]!.scale ?? 1) / Math.sqrt(count);
  let logit = model.heads[head]!.bias;
  for (let j = 0; j < count; j++) logit += weights[buckets[j]!]! * scale;

  // The same walk as features.ts's appendNgrams: every start of `^host$`, then each length.
  const { minN, maxN } = model.features;
  const marked = clipped.length + 2;
  const shares: Share[] = [];
  let index = 0;
  for (let start = 0; start < marked; start++) {
    const longest = Math.min(maxN, marked - start);
    for (let n = minN; n <= longest; n++) {
      const value = weights[buckets[index++]!]! * scale;
      const first = Math.max(0, start - 1);
      const end = Math.min(clipped.length, start + n - 1);
      if (end > first) shares.push({ start: first + offset, end: end + offset, value });
      else if (clipped.length > 0)
        shares.push({
          start: offset + (start === 0 ? 0 : clipped.length - 1),
          end: offset + (start === 0 ? 1 : clipped.length),
          value,
        });
    }
  }
  return { logit, shares };
}
