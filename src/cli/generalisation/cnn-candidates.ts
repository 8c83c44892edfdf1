/**
 * Char-CNN candidates, trained on each fold by the trainer's own registry entries (the same
 * recipes `snowman train --arch NAME` uses), plus wider recipes to try. Scores are logits so
 * ensembles can average them; two-head models combine their heads as the verdict does.
 */
import type { ArchitectureConfig } from '../../core/model/architecture.js';
import type { Example, Label } from '../data/labelled-files.js';
import {
  ARCHS,
  CNN_RECIPES,
  trainRecipe,
  type ArchTrainOptions,
  type CnnRecipe,
  type TrainedModel,
} from '../train/index.js';
import { headsCandidate, type CandidateModel, type TrainContext, type TrainedCandidate } from './candidate.js';
import { columns } from './combine.js';
import { trainBoosted } from '../ngram/boosted.js';
import { ngramHeadLogits } from '../../core/ngram/blend.js';
import { BASELINE_NGRAM } from '../ngram/train-model.js';

/** Probabilities → logits, clamped so a saturated sigmoid still ranks. */
export function toLogits(probabilities: Float32Array): Float32Array {
  const out = new Float32Array(probabilities.length);
  for (let i = 0; i < out.length; i++) {
    const p = Math.min(Math.max(probabilities[i]!, 1e-7), 1 - 1e-7);
    out[i] = Math.log(p / (1 - p));
  }
  return out;
}

/** Threads for CNN training in the harness (SNOWMAN_THREADS; default 1: the machine is shared). */
function harnessThreads(): number {
  const n = Number(process.env['SNOWMAN_THREADS'] ?? 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

type Train = (
  train: readonly Example[],
  validation: readonly Example[],
  options: ArchTrainOptions,
) => Promise<TrainedModel>;

/** Wraps a registry-style trainer as a harness candidate; `epochs` overrides the harness's. */
export function trainedModelCandidate(
  name: string,
  description: string,
  trainModel: Train,
  epochs?: number,
): CandidateModel {
  return {
    name,
    description,
    async train(
      train: readonly Example[],
      validation: readonly Example[],
      context: TrainContext,
    ): Promise<TrainedCandidate> {
      const model = await trainModel(train, validation, {
        epochs: epochs ?? context.epochs,
        seed: context.seed,
        threads: harnessThreads(),
        validationLimit: 20_000,
        onProgress: (event) => {
          if (event.kind === 'epoch') {
            context.log(
              `  ${name} epoch ${event.epoch}/${event.epochs}: loss ${event.record.loss.toFixed(4)}${event.record.adversaryLoss === undefined ? '' : ` (adversary ${event.record.adversaryLoss.toFixed(4)})`}, validation AUC ${event.record.validation.auc.toFixed(4)}, ${Math.round(event.record.samplesPerSecond)} samples/s`,
            );
          }
        },
      });
      const categories = model.heads;
      return headsCandidate(
        categories,
        async (hosts) => columns(toLogits(model.predict(hosts)), categories.length),
        validation,
      );
    },
  };
}

/** A wider relative: more widths and filters, still cheap per name once the embedding is folded in. */
export const WIDE_ARCHITECTURE: ArchitectureConfig = {
  name: 'wide',
  embeddingDim: 32,
  widths: [2, 3, 4, 5, 6, 7],
  filters: 64,
  hidden: 0,
  dropout: 0.5,
  heads: ['malicious', 'dga'],
};

const WIDE_RECIPE: CnnRecipe = { ...CNN_RECIPES.snowman, architecture: WIDE_ARCHITECTURE };

/** The compact recipe with its broad malicious head alone: does the DGA head's share of the FPR budget cost recall? */
const COMPACT_ONE_HEAD: CnnRecipe = {
  ...CNN_RECIPES.compact,
  architecture: { ...CNN_RECIPES.compact.architecture, heads: ['malicious'] },
};

/**
 * Source-invariant levers on the compact recipe. Balanced sampling replaces the source weights
 * (every source is drawn equally often within its label, so each example weighs the same; the
 * class balance stays); group DRO keeps the compact weights and moves weight, within each label,
 * towards the sources with the highest current loss.
 */
const COMPACT_BALANCED: CnnRecipe = {
  ...CNN_RECIPES.compact,
  weighting: { ...CNN_RECIPES.compact.weighting, sourcePower: 1 },
  sampling: 'balanced',
};
const COMPACT_DRO: CnnRecipe = { ...CNN_RECIPES.compact, groupDro: { eta: 0.01 } };
const COMPACT_BALANCED_DRO: CnnRecipe = { ...COMPACT_BALANCED, groupDro: { eta: 0.01 } };

/**
 * Capacity within the bench: five widths (2–6) × 15 filters and embedding 24 is 300 folded
 * window-filter units per position against the compact's 180 (the fast scorer's cost grows with
 * Σ widths × filters; the embedding is folded into the tables, so its size is free at scoring).
 */
export const COMPACT_PLUS_ARCHITECTURE: ArchitectureConfig = {
  ...CNN_RECIPES.compact.architecture,
  name: 'compact-plus',
  embeddingDim: 24,
  widths: [2, 3, 4, 5, 6],
  filters: 15,
};
const COMPACT_PLUS: CnnRecipe = { ...CNN_RECIPES.compact, architecture: COMPACT_PLUS_ARCHITECTURE };
const COMPACT_PLUS_BALANCED_DRO: CnnRecipe = { ...COMPACT_BALANCED_DRO, architecture: COMPACT_PLUS_ARCHITECTURE };

/**
 * Domain-adversarial training on the compact recipe: a source classifier (32 relu units) on the
 * pooled features, its softmax within each label's sources, its gradient reversed into the conv
 * filters with λ ramped from 0 to the given maximum. Training-only: the shipped layout is unchanged.
 */
const compactDann = (lambda: number, labels?: readonly Label[]): CnnRecipe => ({
  ...CNN_RECIPES.compact,
  adversary: { lambda, ...(labels ? { labels } : {}) },
});

function recipeCandidate(name: string, description: string, recipe: CnnRecipe, epochs?: number): CandidateModel {
  return trainedModelCandidate(
    name,
    description,
    (train, validation, options) => trainRecipe(recipe, train, validation, options),
    epochs,
  );
}

function registryCandidate(arch: string, epochs?: number): CandidateModel {
  const entry = ARCHS[arch];
  if (!entry) throw new Error(`the trainer registry has no --arch ${arch}`);
  const name = epochs === undefined ? arch : `${arch}-e${epochs}`;
  const summary = epochs === undefined ? entry.summary : `${entry.summary}; ${epochs} epochs`;
  return trainedModelCandidate(
    name,
    summary,
    (train, validation, options) => entry.train(train, validation, options),
    epochs,
  );
}

/**
 * The compact CNN boosted on the n-gram baseline (src/cli/ngram/boosted.ts), scored as the pair
 * ships: per head, the CNN's logit plus the n-gram's.
 */
function boostedCandidate(): CandidateModel {
  return {
    name: 'compact-boost',
    description:
      'n-gram baseline, then the compact CNN trained on its residual (n-gram logits added before the loss); scored as their sum per head',
    async train(train, validation, context) {
      const { cnn, ngram } = await trainBoosted(
        'compact',
        { ...BASELINE_NGRAM, epochs: context.epochs },
        train,
        validation,
        { epochs: context.epochs, seed: context.seed, threads: harnessThreads(), validationLimit: 20_000 },
      );
      const categories = cnn.heads;
      return headsCandidate(
        categories,
        async (hosts) => {
          const z = toLogits(cnn.predict(hosts));
          const offsets = ngramHeadLogits(ngram, categories, hosts);
          for (let k = 0; k < z.length; k++) z[k] = z[k]! + offsets[k]!;
          return columns(z, categories.length);
        },
        validation,
      );
    },
  };
}

/** The CNN entries of the harness registry. */
export const CNN_CANDIDATES: readonly CandidateModel[] = [
  registryCandidate('seed'),
  registryCandidate('snowman'),
  // The harness's default 3 epochs leave the CNNs short of converged (validation AUC still rising).
  registryCandidate('seed', 8),
  registryCandidate('snowman', 8),
  trainedModelCandidate(
    'wide',
    'wide char-CNN (embedding 32, conv 2–7 × 64, malicious + dga heads), snowman recipe',
    (train, validation, options) => trainRecipe(WIDE_RECIPE, train, validation, options),
  ),
  registryCandidate('seed-heads'),
  registryCandidate('compact'),
  registryCandidate('compact', 8),
  trainedModelCandidate(
    'compact-mal',
    'the compact recipe with the broad malicious head alone (no DGA head)',
    (train, validation, options) => trainRecipe(COMPACT_ONE_HEAD, train, validation, options),
  ),
  boostedCandidate(),
  recipeCandidate(
    'compact-balanced',
    'the compact recipe with balanced sampling: each source drawn equally often within its label (no source weights)',
    COMPACT_BALANCED,
  ),
  recipeCandidate(
    'compact-dro',
    'the compact recipe with group DRO over sources (η 0.01 per batch, weights normalised within each label)',
    COMPACT_DRO,
  ),
  recipeCandidate(
    'compact-balanced-dro',
    'the compact recipe with balanced sampling and group DRO over sources (η 0.01)',
    COMPACT_BALANCED_DRO,
  ),
  recipeCandidate(
    'compact-plus',
    'capacity: conv 2–6 × 15, embedding 24 (1.7× the compact scoring cost), the compact recipe otherwise',
    COMPACT_PLUS,
  ),
  // Its validation AUC still rises at the harness's third epoch on four runs of five.
  recipeCandidate(
    'compact-plus-e6',
    'capacity: conv 2–6 × 15, embedding 24, the compact recipe otherwise; 6 epochs',
    COMPACT_PLUS,
    6,
  ),
  recipeCandidate(
    'compact-plus-balanced-dro',
    'capacity: conv 2–6 × 15, embedding 24 (1.7× the compact scoring cost), balanced sampling and group DRO (η 0.01)',
    COMPACT_PLUS_BALANCED_DRO,
  ),
  recipeCandidate(
    'compact-dann',
    'the compact recipe with a domain-adversarial head: source id within each label, gradient reversed into the conv filters (λ ramped to 0.3)',
    compactDann(0.3),
  ),
  recipeCandidate(
    'compact-dann-l1',
    'the compact recipe with a domain-adversarial head: source id within each label, gradient reversed into the conv filters (λ ramped to 1)',
    compactDann(1),
  ),
  recipeCandidate(
    'compact-dann-l01',
    'the compact recipe with a domain-adversarial head: source id within each label, gradient reversed into the conv filters (λ ramped to 0.1)',
    compactDann(0.1),
  ),
  recipeCandidate(
    'compact-dann-mal',
    'the compact recipe with a domain-adversarial head on the malicious feeds and DGA families only (benign lists not classified), λ ramped to 0.3',
    compactDann(0.3, ['malicious', 'dga']),
  ),
];
