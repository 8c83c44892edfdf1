/**
 * The char-CNN entries of the `--arch` registry: an architecture plus a training recipe (heads,
 * weighting, augmentation, label-noise handling). `seed` is the seed architecture with only the
 * class weights, the baseline every candidate is compared against.
 */
import { SEED_ARCHITECTURE, type ArchitectureConfig } from '../../core/model/architecture.js';
import { serializeLayersModel } from '../model/layers-files.js';
import type { ArchEntry, ArchTrainOptions, TrainedModel } from './archs.js';
import type { AugmentationOptions } from './augment.js';
import type { WeightingOptions } from './targets.js';
import type { NoiseOptions } from './noise.js';
import type { GroupDroOptions } from './group-dro.js';
import type { AdversaryOptions } from './source-classes.js';
import { trainCnn, type TrainCnnOptions } from './trainer.js';
import type { Example } from '../data/labelled-files.js';

/** The wider network of the `snowman` recipes: 5 widths × 48 filters, embedding 24, two heads. */
const WIDE_ARCHITECTURE: ArchitectureConfig = {
  name: 'snowman',
  embeddingDim: 24,
  widths: [2, 3, 4, 5, 6],
  filters: 48,
  hidden: 0,
  dropout: 0.5,
  heads: ['malicious', 'dga'],
};

/** What a CNN entry fixes besides the generic options. */
export interface CnnRecipe {
  readonly architecture: ArchitectureConfig;
  readonly weighting: Omit<WeightingOptions, 'exampleFactor'>;
  readonly augmentation: AugmentationOptions;
  readonly noise?: NoiseOptions;
  /** Balanced sampling across sources (balanced-sampler.ts); default: a plain shuffle. */
  readonly sampling?: 'shuffle' | 'balanced';
  /** Worst-group loss over sources (group-dro.ts). */
  readonly groupDro?: GroupDroOptions;
  /** Domain-adversarial head on the source id (adversary-head.ts); training-only. */
  readonly adversary?: AdversaryOptions;
  readonly learningRate?: number;
  readonly finalLearningRateFactor?: number;
}

export const CNN_RECIPES = {
  seed: {
    architecture: SEED_ARCHITECTURE,
    weighting: { classBalance: true, sourcePower: 1 },
    augmentation: {},
  },
  /**
   * The shipped recipe (docs/model.md has the measurements behind each choice): 5 widths × 48
   * filters; a broad malicious head (every risky name, as the seed) plus a DGA head; malicious
   * lists weighted by size, DGA families by √size (small families count); 10 % of benign names get
   * a common sub-domain prefix per epoch (calibrated so a benign-looking sub-domain neither raises
   * nor lowers the score).
   */
  snowman: {
    architecture: WIDE_ARCHITECTURE,
    weighting: { classBalance: true, sourcePower: { malicious: 1, dga: 0.5 }, headMode: 'nested' },
    augmentation: { benignPrefixRate: 0.1 },
  },
  /**
   * The seed architecture with a broad malicious head beside a DGA head (the seed recipe
   * otherwise): the CNN member of the shipped blend, small enough that its share of the blend's
   * cost stays low (docs/generalisation.md: wider CNNs did not generalise better here).
   */
  'seed-heads': {
    architecture: { ...SEED_ARCHITECTURE, name: 'seed-heads', heads: ['malicious', 'dga'] },
    weighting: { classBalance: true, sourcePower: 1 },
    augmentation: {},
  },
  /** The shipped recipe (nested heads, per-class source weights, 10 % augmentation) on the seed's network size. */
  compact: {
    architecture: { ...SEED_ARCHITECTURE, name: 'compact', heads: ['malicious', 'dga'] },
    weighting: { classBalance: true, sourcePower: { malicious: 1, dga: 0.5 }, headMode: 'nested' },
    augmentation: { benignPrefixRate: 0.1 },
  },
  /** The first wider recipe (exclusive heads, √-weighted sources, 30 % augmentation), kept for comparison. */
  'snowman-v1': {
    architecture: WIDE_ARCHITECTURE,
    weighting: { classBalance: true, sourcePower: 0.5 },
    augmentation: { benignPrefixRate: 0.3 },
  },
} satisfies Record<string, CnnRecipe>;

/** Trains `recipe` with the generic options; the CNN-specific knobs come from the recipe. */
export async function trainRecipe(
  recipe: CnnRecipe,
  train: readonly Example[],
  validation: readonly Example[],
  options: ArchTrainOptions,
  extra: Partial<TrainCnnOptions> = {},
): Promise<TrainedModel> {
  const result = await trainCnn(train, validation, {
    architecture: recipe.architecture,
    weighting: recipe.weighting,
    augmentation: recipe.augmentation,
    ...(recipe.noise ? { noise: recipe.noise } : {}),
    ...(recipe.sampling ? { sampling: recipe.sampling } : {}),
    ...(recipe.groupDro ? { groupDro: recipe.groupDro } : {}),
    ...(recipe.adversary ? { adversary: recipe.adversary } : {}),
    ...(recipe.learningRate !== undefined ? { learningRate: recipe.learningRate } : {}),
    ...(recipe.finalLearningRateFactor !== undefined
      ? { finalLearningRateFactor: recipe.finalLearningRateFactor }
      : {}),
    ...options,
    ...extra,
  });
  const { model } = result;
  return {
    architecture: { ...model.architecture },
    heads: model.architecture.heads,
    predict: (hosts) => model.predict(hosts),
    async modelFiles() {
      const layers = model.toLayersModel();
      try {
        return await serializeLayersModel(layers);
      } finally {
        layers.dispose();
      }
    },
    weightBytes: () => new Uint8Array(model.params.buffer, model.params.byteOffset, model.params.byteLength),
    history: result.history,
    bestEpoch: result.bestEpoch,
    recipe: {
      trainer: 'snowman-folded-cnn',
      weighting: recipe.weighting,
      augmentation: { ...recipe.augmentation, skipRiskyParents: recipe.augmentation.skipRiskyParents ?? true },
      ...(recipe.noise
        ? {
            noise: recipe.noise,
            noiseReport: result.noise
              ? {
                  epoch: result.noise.epoch,
                  downweighted: result.noise.downweighted,
                  positives: result.noise.positives,
                }
              : null,
          }
        : {}),
      ...(recipe.sampling ? { sampling: recipe.sampling } : {}),
      ...(recipe.groupDro ? { groupDro: { ...recipe.groupDro, finalWeights: result.groupWeights ?? null } } : {}),
      ...(recipe.adversary ? { adversary: recipe.adversary } : {}),
      learningRate: recipe.learningRate ?? 0.001,
      finalLearningRateFactor: recipe.finalLearningRateFactor ?? 1,
    },
  };
}

function entry(name: string, summary: string, recipe: CnnRecipe): ArchEntry {
  return { name, summary, train: (train, validation, options) => trainRecipe(recipe, train, validation, options) };
}

export const CNN_ARCHS: Record<string, ArchEntry> = {
  seed: entry(
    'seed',
    'the seed char-CNN exactly (embedding 15, conv 2/4/6 × 15, one head), class weights only',
    CNN_RECIPES.seed,
  ),
  snowman: entry(
    'snowman',
    'shipped: char-CNN 5 widths × 48, broad malicious head + dga head, per-class source weights, 10 % benign sub-domain augmentation',
    CNN_RECIPES.snowman,
  ),
  'seed-heads': entry(
    'seed-heads',
    'the seed char-CNN with a broad malicious head and a DGA head, seed recipe otherwise',
    CNN_RECIPES['seed-heads'],
  ),
  compact: entry(
    'compact',
    'the snowman recipe (nested heads, per-class source weights, 10 % benign sub-domain augmentation) on the seed network size',
    CNN_RECIPES.compact,
  ),
  'snowman-v1': entry(
    'snowman-v1',
    'first wider recipe: exclusive malicious/dga heads, √-weighted sources, 30 % augmentation',
    CNN_RECIPES['snowman-v1'],
  ),
};
