/**
 * `snowman train --arch snowman+ngram`: a registry CNN and the n-gram model trained on the same
 * split, blended head by head (src/core/ngram/blend.ts). The model directory holds the CNN files
 * plus ngram.bin, and metadata.architecture.ngramBlend tells every loader to blend them, so the
 * thresholds chosen on the blend's validation scores are the ones applied.
 */
import { blendProbabilities, type NgramBlendSpec } from '../../core/ngram/blend.js';
import { encodeNgramModel, NGRAM_FILE_NAME } from '../../core/ngram/format.js';
import type { ArchEntry, TrainedModel } from '../train/archs.js';
import { CNN_ARCHS } from '../train/cnn-archs.js';
import { BASELINE_NGRAM, trainNgramModel, type NgramModelOptions } from './train-model.js';

/** A blend entry for the CNN registered as `cnnArch`, with the n-gram trained by `recipe`. */
export function blendArch(cnnArch: string, recipe: NgramModelOptions = BASELINE_NGRAM, weight = 0.5): ArchEntry {
  return {
    name: `${cnnArch}+ngram`,
    summary: `${cnnArch} char-CNN blended with the n-gram model (mean of logits per head)`,
    async train(train, validation, options): Promise<TrainedModel> {
      const cnnEntry = CNN_ARCHS[cnnArch];
      if (!cnnEntry) throw new Error(`no CNN registered as ${cnnArch}`);
      const cnn = await cnnEntry.train(train, validation, options);
      const settings = { ...recipe, seed: options.seed ?? recipe.seed };
      const { model: ngram, reports } = trainNgramModel(train, validation, settings);
      const spec: NgramBlendSpec = { file: NGRAM_FILE_NAME, weight };
      const ngramRecipe = { trainer: 'snowman-ngram-adagrad', features: settings.features, heads: settings.heads, weighting: settings.weighting, epochs: settings.epochs, learningRate: settings.learningRate, l2: settings.l2, benignPrefixRate: settings.benignPrefixRate ?? 0, quantization: settings.quantization, bestEpochs: reports.map((r) => r.bestEpoch) };
      const ngramBytes = encodeNgramModel(ngram, settings.quantization, { recipe: ngramRecipe });
      return {
        architecture: { ...cnn.architecture, ngramBlend: spec },
        heads: cnn.heads,
        predict: (hosts) => blendProbabilities(cnn.predict(hosts), cnn.heads, ngram, hosts, weight),
        modelFiles: async () => ({ ...(await cnn.modelFiles()), [NGRAM_FILE_NAME]: ngramBytes }),
        weightBytes: () => {
          const a = cnn.weightBytes();
          const out = new Uint8Array(a.length + ngramBytes.length);
          out.set(a, 0);
          out.set(ngramBytes, a.length);
          return out;
        },
        history: cnn.history,
        bestEpoch: cnn.bestEpoch,
        recipe: { ...cnn.recipe, ngramBlend: { weight, ngram: ngramRecipe } },
      };
    },
  };
}
