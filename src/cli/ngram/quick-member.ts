/**
 * The quick check's own member: one 1–6-gram logistic regression over a hash table a quarter the
 * size of a blend member's (2^18 buckets, int8: 256 KB against 1 MB each). A starting extension
 * worker reads only this file before its first answer (the blend's 3 MB of members come after),
 * since the bytes read before the first verdict decide how soon it comes. Trained on the model's
 * own training split by `snowman train` (every blend) and `snowman calibrate --quick-member`.
 */
import { DEFAULT_NGRAM_FEATURES } from '../../core/ngram/features.js';
import { encodeNgramModel } from '../../core/ngram/format.js';
import type { NgramModel } from '../../core/ngram/model.js';
import type { Example } from '../data/labelled-files.js';
import { BASELINE_NGRAM, trainNgramModel, type NgramModelOptions } from './train-model.js';

/** The file the quick member ships as, named by metadata.json `quickCheck.files`. */
export const QUICK_MEMBER_FILE = 'ngram-quick.bin';

/** Hash bits of the quick member: 2^18 buckets (measured against 2^17 and the blend in docs/model.md). */
export const QUICK_MEMBER_BITS = 18;

/** The quick member's recipe: a shipped blend member's, with fewer buckets. */
export function quickMemberRecipe(bits = QUICK_MEMBER_BITS): NgramModelOptions {
  return { ...BASELINE_NGRAM, features: { ...DEFAULT_NGRAM_FEATURES, maxN: 6, bits } };
}

/** A trained n-gram member: the model, its file's bytes, and the recipe recorded in the file. */
export interface TrainedMemberFile {
  readonly model: NgramModel;
  readonly bytes: Uint8Array;
  readonly recipe: Record<string, unknown>;
}

/** Trains one n-gram member with `settings`, recording its recipe in the file's header. */
export function trainMemberFile(
  name: string,
  train: readonly Example[],
  validation: readonly Example[],
  settings: NgramModelOptions,
): TrainedMemberFile {
  const { model, reports } = trainNgramModel(train, validation, settings);
  const recipe = {
    name,
    trainer: 'snowman-ngram-adagrad',
    features: settings.features,
    heads: settings.heads,
    weighting: settings.weighting,
    epochs: settings.epochs,
    learningRate: settings.learningRate,
    l2: settings.l2,
    quantization: settings.quantization,
    bestEpochs: reports.map((r) => r.bestEpoch),
  };
  return { model, recipe, bytes: encodeNgramModel(model, settings.quantization, { recipe }) };
}

/** Trains the quick member on a model's training split (validation for early stopping), with the model's seed. */
export function trainQuickMember(
  train: readonly Example[],
  validation: readonly Example[],
  seed: number,
  options: { bits?: number; log?: (line: string) => void } = {},
): TrainedMemberFile {
  const settings: NgramModelOptions = {
    ...quickMemberRecipe(options.bits),
    seed,
    ...(options.log ? { log: options.log } : {}),
  };
  return trainMemberFile('ngram-quick', train, validation, settings);
}
