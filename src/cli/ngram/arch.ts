/**
 * `snowman train --arch ngram`: the classic baseline as an entry of the trainer's registry, so it
 * goes through the same split, thresholds, test metrics and metadata as the CNNs. Writes
 * `ngram.bin` (int8 weights, 2^20 buckets ≈ 1 MiB) beside metadata.json.
 */
import { encodeNgramModel, NGRAM_FILE_NAME } from '../../core/ngram/format.js';
import { ngramProbabilities } from '../../core/ngram/model.js';
import type { ArchEntry, ArchTrainOptions, TrainedModel } from '../train/archs.js';
import type { EpochRecord } from '../train/trainer.js';
import type { Example } from '../data/labelled-files.js';
import { BASELINE_NGRAM, trainNgramModel, type NgramModelOptions } from './train-model.js';

/** Trains an n-gram model as a registry TrainedModel (epochs and seed from the generic options). */
export async function trainNgramArch(
  train: readonly Example[],
  validation: readonly Example[],
  options: ArchTrainOptions,
  recipe: NgramModelOptions = BASELINE_NGRAM,
): Promise<TrainedModel> {
  const epochs = options.epochs ?? recipe.epochs;
  const settings: NgramModelOptions = { ...recipe, epochs, seed: options.seed ?? recipe.seed };
  const { model, reports } = trainNgramModel(train, validation, settings);
  // The registry's history is per epoch; heads train one after another, so the first head's stands for the model.
  const first = reports[0]!;
  const history: EpochRecord[] = first.epochs.map((e) => ({
    epoch: e.epoch,
    loss: e.loss,
    validation: { auc: e.validationAuc, aucByLabel: {} },
    trainSeconds: e.seconds,
    samplesPerSecond: first.samplesPerSecond,
  }));
  history.forEach((record) =>
    options.onProgress?.({
      kind: 'epoch',
      epoch: record.epoch,
      epochs,
      record,
      improved: record.epoch === first.bestEpoch,
      etaSeconds: 0,
    }),
  );
  const heads = model.heads.map((h) => h.category);
  const architecture = {
    name: 'ngram',
    heads,
    features: model.features,
    quantization: settings.quantization,
    weighting: settings.weighting,
    headSources: settings.heads.map((h) => ({
      category: h.category,
      positives: h.positives,
      ...(h.sources ? { sources: h.sources } : {}),
    })),
  };
  const recipeRecord = {
    trainer: 'snowman-ngram-adagrad',
    learningRate: settings.learningRate,
    l2: settings.l2,
    epochs,
    samplesPerSecond: reports.map((r) => Math.round(r.samplesPerSecond)),
  };
  let bytes: Uint8Array | undefined;
  const file = () => (bytes ??= encodeNgramModel(model, settings.quantization, { recipe: recipeRecord }));
  return {
    architecture,
    heads,
    predict: (hosts) => ngramProbabilities(model, hosts),
    modelFiles: async () => ({ [NGRAM_FILE_NAME]: file() }),
    weightBytes: file,
    history,
    bestEpoch: first.bestEpoch,
    recipe: recipeRecord,
  };
}

export const NGRAM_ARCH: ArchEntry = {
  name: 'ngram',
  summary:
    'classic baseline: hashed char 1–5-grams with ^/$ markers (2^20 buckets) and logistic regression, int8 weights',
  train: (train, validation, options) => trainNgramArch(train, validation, options),
};
