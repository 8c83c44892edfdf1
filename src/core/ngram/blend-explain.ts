/**
 * Explanations for the blended scorer: the blend's logit per head is
 * cnnWeight × CNN logit + Σ weight_m × n-gram logit_m, both sides are exact sums of per-window
 * shares (core/explain.ts, ./explain.ts), so the blend's shares are the members' scaled by their
 * weights, and the largest of them make the spans — whichever member they come from.
 */
import { cnnContributions, sigmoid, spansFromShares, topHead, type Explanation, type Share } from '../explain.js';
import type { ExplainWeights } from '../explain-weights.js';
import { headMapping, type LoadedBlendMember } from './blend.js';
import { ngramShares } from './explain.js';

/** A blend as explanations need it: the CNN's head names and the n-gram members. */
export interface BlendExplainer {
  readonly heads: readonly string[];
  readonly members: readonly LoadedBlendMember[];
}

/** Explains one normalised host under the blend; `head` defaults to the blend's most probable one. */
export function explainBlendHost(
  weights: ExplainWeights,
  blend: BlendExplainer,
  host: string,
  head?: number,
): Explanation {
  const cnn = cnnContributions(weights, host);
  const cnnWeight = 1 - blend.members.reduce((s, m) => s + m.weight, 0);
  const maps = blend.members.map((m) => headMapping(blend.heads, m.model));
  const logits = Array.from(cnn.logits, (z) => cnnWeight * z);
  const perMember = blend.members.map((member, j) => {
    // A one-head n-gram model serves every CNN head: work each of its heads out once.
    const byNgramHead = new Map<number, ReturnType<typeof ngramShares>>();
    return blend.heads.map((_, h) => {
      const ngramHead = maps[j]![h]!;
      const out = byNgramHead.get(ngramHead) ?? ngramShares(member.model, host, ngramHead);
      byNgramHead.set(ngramHead, out);
      logits[h] = logits[h]! + member.weight * out.logit;
      return out.shares;
    });
  });
  const chosen = head ?? topHead(logits);
  const shares: Share[] = cnn.shares(chosen).map((s) => ({ ...s, value: s.value * cnnWeight }));
  blend.members.forEach((member, j) => {
    for (const s of perMember[j]![chosen]!) shares.push({ ...s, value: s.value * member.weight });
  });
  return { head: chosen, probability: sigmoid(logits[chosen]!), spans: spansFromShares(shares) };
}
