/**
 * Every model the harness can compare, by name. Ensembles name their members; asking for an
 * ensemble trains its members too (once per fold, shared with their own rows).
 */
import { UsageError } from '../args.js';
import type { EnsembleModel, ModelEntry } from './candidate.js';
import { CNN_CANDIDATES } from './cnn-candidates.js';
import { applyStack, fitStack, meanOfLogits, meanOfProbabilities, meanOfStandardised } from './combine.js';
import { NGRAM_CANDIDATES } from './ngram-candidates.js';

type Method = 'logits' | 'probabilities' | 'standardised' | 'stack';

/** An ensemble of `members` combined by `method`. */
export function ensemble(name: string, members: readonly string[], method: Method): EnsembleModel {
  const words: Record<Method, string> = {
    logits: 'mean of logits',
    probabilities: 'mean of probabilities',
    standardised: 'mean of logits standardised on validation benign names',
    stack: 'stacked logistic regression fitted on validation names',
  };
  return {
    name,
    description: `${members.join(' + ')}: ${words[method]}`,
    members,
    combine(scores, validation) {
      if (method === 'logits') return meanOfLogits(scores);
      if (method === 'probabilities') return meanOfProbabilities(scores);
      if (method === 'standardised') return meanOfStandardised(scores, validation.scores, validation.labels);
      return applyStack(fitStack(validation.scores, validation.labels), scores);
    },
  };
}

const ENSEMBLES: readonly EnsembleModel[] = [
  ensemble('seed+ngram', ['seed', 'ngram'], 'logits'),
  ensemble('seed+ngram-prob', ['seed', 'ngram'], 'probabilities'),
  ensemble('seed+ngram-z', ['seed', 'ngram'], 'standardised'),
  ensemble('seed+ngram-stack', ['seed', 'ngram'], 'stack'),
  ensemble('wide+ngram', ['wide', 'ngram'], 'logits'),
  ensemble('wide+ngram-z', ['wide', 'ngram'], 'standardised'),
];

export const MODEL_REGISTRY: ReadonlyMap<string, ModelEntry> = new Map<string, ModelEntry>([
  ...NGRAM_CANDIDATES.map((m) => [m.name, { kind: 'candidate' as const, ...m }] as const),
  ...CNN_CANDIDATES.map((m) => [m.name, { kind: 'candidate' as const, ...m }] as const),
  ...ENSEMBLES.map((m) => [m.name, { kind: 'ensemble' as const, ...m }] as const),
]);

/** The default comparison: the baseline, the seed CNN, the wide CNN and their ensembles with the n-gram. */
export const DEFAULT_MODELS: readonly string[] = ['ngram', 'seed', 'wide', 'seed+ngram', 'wide+ngram'];

/** Resolves names to entries; throws a UsageError naming the known models on a typo. */
export function resolveModels(names: readonly string[]): ModelEntry[] {
  return names.map((name) => {
    const entry = MODEL_REGISTRY.get(name);
    if (!entry) throw new UsageError(`unknown model "${name}"; known: ${[...MODEL_REGISTRY.keys()].join(', ')}`);
    return entry;
  });
}
