/**
 * The DecisionContext `snowman score` and `snowman eval` hand to decide(). Until the shared CLI
 * context (popular-site allowlist, lookalike detectors) lands, this is the model-only context:
 * nothing is popular and there are no lookalike findings, so verdicts come from thresholds alone.
 */
import type { DecisionContext } from '../../core/verdict.js';
import type { ModelMetadata } from '../../core/model/metadata.js';

/** Model-only decisions: thresholds decide, no allowlist, no lookalike detectors. */
export function modelOnlyContext(metadata: ModelMetadata): DecisionContext {
  return { metadata, isPopular: () => false };
}
