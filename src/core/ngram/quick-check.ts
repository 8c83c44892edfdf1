/**
 * The quick check: a blend's n-gram members without the CNN, their weights scaled to sum to one,
 * scored in plain TypeScript. The extension answers navigations with it while the WASM runtime and
 * the CNN start, then the full blend takes over. Its scores are not the blend's, so it carries its
 * own thresholds and calibration (metadata.json `quickCheck`), chosen on the same validation benign
 * names with the same false-positive budget; a model without them has no quick check.
 */
import type { ModelMetadata, QuickCheckThresholds } from '../model/metadata.js';
import type { Scorer } from '../model/scorer.js';
import { ngramOnlyProbabilities, type LoadedBlendMember } from './blend.js';
import { createBucketBuffer } from './model.js';

/** The engine name a quick scorer reports (the full blend's is `fast+ngram`). */
export const QUICK_ENGINE = 'ngram-quick';

/** The quick check's thresholds of a model, or null when it ships none. */
export function quickCheckOf(metadata: ModelMetadata): QuickCheckThresholds | null {
  return metadata.quickCheck ?? null;
}

/**
 * The metadata the quick scorer decides with: the model's, with the quick check's thresholds and
 * calibration, and a version of its own so its scores are never cached as the full model's.
 */
export function quickMetadata(metadata: ModelMetadata, quick: QuickCheckThresholds): ModelMetadata {
  return {
    ...metadata,
    version: `${metadata.version}+quick`,
    thresholds: quick.thresholds,
    calibration: quick.calibration,
  };
}

/** A Scorer over the members alone; null when the model has no quick-check thresholds or no members. */
export function createQuickScorer(metadata: ModelMetadata, members: readonly LoadedBlendMember[]): Scorer | null {
  const quick = quickCheckOf(metadata);
  if (!quick || members.length === 0) return null;
  const heads = metadata.architecture.heads;
  const buckets = members.map((m) => createBucketBuffer(m.model));
  return {
    metadata: quickMetadata(metadata, quick),
    backend: 'js',
    engine: QUICK_ENGINE,
    predict: async (hosts) => ngramOnlyProbabilities(heads, members, hosts, buckets),
    dispose: () => {},
  };
}
