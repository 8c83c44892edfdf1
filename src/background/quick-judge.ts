/**
 * The quick check's judge (core/ngram/quick-check.ts): the n-gram members alone with their own
 * thresholds, and everything else the decision uses (threat list, popular list, lookalikes, the
 * user's choices) exactly as the full model's judge has it.
 */
import { createScoreCache } from '../core/cache.js';
import type { ModelMetadata } from '../core/model/metadata.js';
import type { LoadedBlendMember } from '../core/ngram/blend.js';
import { createQuickScorer } from '../core/ngram/quick-check.js';
import type { DecisionContext } from '../core/verdict.js';
import { createJudge, type Judge, type JudgeDeps } from './judge.js';

/** The user's choices as the judges take them. */
export type Choices = Omit<JudgeDeps, 'scorer' | 'cache' | 'context' | 'quick'>;

/** A judge over the quick check; null when the model ships no quick-check thresholds or no members. */
export function createQuickJudge(
  metadata: ModelMetadata,
  members: readonly LoadedBlendMember[],
  context: Omit<DecisionContext, 'metadata'>,
  choices: Choices,
): Judge | null {
  const scorer = createQuickScorer(metadata, members);
  if (!scorer) return null;
  return createJudge({
    scorer,
    // Quick scores stay in this worker's memory: the session's score cache holds the full model's only.
    cache: createScoreCache({ version: scorer.metadata.version }),
    context: { ...context, metadata: scorer.metadata },
    ...choices,
    quick: true,
  });
}
