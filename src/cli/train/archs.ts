/**
 * `--arch` registry: every trainable model type the `train` command (and the generalisation
 * harness) can ask for by name. A model type only has to turn train/validation examples into a
 * TrainedModel; data loading, the split, thresholds, metrics, metadata and files are shared.
 * Other model types (e.g. `ngram`) register by adding one entry here.
 */
import type { RiskCategory } from '../../core/model/architecture.js';
import type { Example } from '../data/labelled-files.js';
import { CNN_ARCHS } from './cnn-archs.js';
import { NGRAM_ARCH } from '../ngram/arch.js';
import { blendArch } from '../ngram/blend-arch.js';
import { BASELINE_NGRAM } from '../ngram/train-model.js';
import { NGRAM_FILE_NAME } from '../../core/ngram/format.js';
import {
  SHIPPED_MEMBER_WEIGHT,
  SHIPPED_NGRAM_MEMBERS,
  STRUCTURE_BLEND_WEIGHTS,
  STRUCTURE_MEMBER,
} from '../ngram/shipped-members.js';
import type { EpochRecord, TrainProgress } from './trainer.js';

/** Options every model type accepts (each may ignore what does not apply). */
export interface ArchTrainOptions {
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly threads?: number;
  /** Samples per epoch (subsampling for quick folds); default: the whole training set. */
  readonly examplesPerEpoch?: number;
  /** Validation names scored per epoch for early stopping; default: all. */
  readonly validationLimit?: number;
  readonly onProgress?: (event: TrainProgress) => void;
}

/** A trained model of any type, in memory. */
export interface TrainedModel {
  /** Recorded as metadata.architecture; must satisfy validateArchitecture to ship through the layers loader. */
  readonly architecture: { readonly name: string; readonly heads: readonly RiskCategory[] } & Record<string, unknown>;
  readonly heads: readonly RiskCategory[];
  /** Head probabilities for normalised hosts, [hosts × heads]. */
  predict(hosts: readonly string[]): Float32Array;
  /** A blend's quick check (core/ngram/quick-check.ts), [hosts × heads]. */
  quickPredict?(hosts: readonly string[]): Float32Array;
  /** The files the quick check scores with, named in metadata `quickCheck.files` (absent: the blend's members). */
  readonly quickFiles?: readonly string[];
  /** model.json and weights.bin (metadata.json is written by the caller). */
  modelFiles(): Promise<Record<string, Uint8Array>>;
  /** Raw weight bytes, hashed into the model version. */
  weightBytes(): Uint8Array;
  readonly history: readonly EpochRecord[];
  readonly bestEpoch: number;
  /** How the model was trained (weighting, augmentation, …), for metadata.provenance. */
  readonly recipe: Record<string, unknown>;
}

export interface ArchEntry {
  readonly name: string;
  readonly summary: string;
  train(train: readonly Example[], validation: readonly Example[], options: ArchTrainOptions): Promise<TrainedModel>;
}

/** Weight of the n-gram logit in the previous shipped blend, `compact+ngram` (the CNN's is the rest). */
export const PREVIOUS_NGRAM_WEIGHT = 0.7;

/**
 * The previous shipped scorer (session 2): the compact CNN and the n-gram baseline, logits
 * averaged head by head (n-gram 0.7, CNN 0.3). Kept so its figures can be reproduced.
 */
const PREVIOUS_BLEND = blendArch(
  'compact',
  [{ name: 'ngram', recipe: BASELINE_NGRAM, file: NGRAM_FILE_NAME, weight: PREVIOUS_NGRAM_WEIGHT }],
  'the previous shipped blend: the compact char-CNN blended with the n-gram baseline (n-gram 0.7), weighted mean of logits per head',
);

/**
 * The shipped scorer: the compact CNN (seed size, malicious + dga heads, benign sub-domain
 * augmentation) and three 1–6-gram models with different hash seeds, logits averaged head by
 * head (CNN 0.2, each n-gram 0.8 / 3). Chosen by `snowman eval --generalisation`
 * (docs/generalisation.md): the bagged n-grams carry unseen sources and DGA families past the
 * n-gram baseline; the CNN takes part of their false alarms on benign names with ordinary
 * sub-domains away.
 */
const SHIPPED_BLEND = blendArch(
  'compact',
  SHIPPED_NGRAM_MEMBERS.map((m) => ({ name: m.name, recipe: m.recipe, file: m.file, weight: SHIPPED_MEMBER_WEIGHT })),
  'shipped: the compact char-CNN (seed size, malicious + dga heads) blended with three 1–6-gram models (hash seeds apart), weighted mean of logits per head (CNN 0.2)',
  'compact+ngram-bag',
);

/**
 * The shipped blend plus the structure-token member (brands, action words, dictionary
 * segmentation, shape: src/core/ngram/structure.ts), weights in STRUCTURE_BLEND_WEIGHTS.
 */
const STRUCTURE_BLEND = blendArch(
  'compact',
  [
    ...SHIPPED_NGRAM_MEMBERS.map((m) => ({
      name: m.name,
      recipe: m.recipe,
      file: m.file,
      weight: STRUCTURE_BLEND_WEIGHTS.ngram,
    })),
    {
      name: STRUCTURE_MEMBER.name,
      recipe: STRUCTURE_MEMBER.recipe,
      file: STRUCTURE_MEMBER.file,
      weight: STRUCTURE_BLEND_WEIGHTS.structure,
    },
  ],
  `the compact char-CNN, three 1–6-gram models (hash seeds apart) and the structure-token model, weighted mean of logits per head (CNN ${STRUCTURE_BLEND_WEIGHTS.cnn}, each n-gram ${STRUCTURE_BLEND_WEIGHTS.ngram}, structure ${STRUCTURE_BLEND_WEIGHTS.structure})`,
  'compact+ngram-bag+struct',
);

/** All registered model types by `--arch` name. */
export const ARCHS: Readonly<Record<string, ArchEntry>> = {
  ...CNN_ARCHS,
  ngram: NGRAM_ARCH,
  [PREVIOUS_BLEND.name]: PREVIOUS_BLEND,
  [SHIPPED_BLEND.name]: SHIPPED_BLEND,
  [STRUCTURE_BLEND.name]: STRUCTURE_BLEND,
};

/** What `snowman train` trains without --arch. */
export const SHIPPED_ARCH = SHIPPED_BLEND.name;

/** The registered names, for usage messages. */
export function archNames(): string[] {
  return Object.keys(ARCHS);
}
