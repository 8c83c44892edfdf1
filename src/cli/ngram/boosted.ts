/**
 * Boosting the CNN on the n-gram model: the n-gram model trains first; the CNN then trains with
 * the n-gram's logits added to its own before the loss (trainer option `logitOffset`), so it
 * learns what the n-grams get wrong instead of repeating what they already know. The pair ships
 * as an equal-weight blend (core/ngram/blend.ts), which ranks every head exactly as the sum the
 * CNN was trained on.
 */
import type { RiskCategory } from '../../core/model/architecture.js';
import { headMapping } from '../../core/ngram/blend.js';
import { createBucketBuffer, ngramLogits, type NgramModel } from '../../core/ngram/model.js';
import type { Example } from '../data/labelled-files.js';
import type { ArchTrainOptions, TrainedModel } from '../train/archs.js';
import { CNN_RECIPES, trainRecipe } from '../train/cnn-archs.js';
import { trainNgramModel, type NgramModelOptions } from './train-model.js';

/** The n-gram model's logits laid out as the CNN's heads, [hosts × heads]. */
export function ngramOffsets(model: NgramModel, heads: readonly RiskCategory[]): (hosts: readonly string[]) => Float32Array {
  const map = headMapping(heads, model);
  const width = model.heads.length;
  const buckets = createBucketBuffer(model);
  return (hosts) => {
    const z = ngramLogits(model, hosts, buckets);
    const out = new Float32Array(hosts.length * heads.length);
    for (let i = 0; i < hosts.length; i++) for (let h = 0; h < heads.length; h++) out[i * heads.length + h] = z[i * width + map[h]!]!;
    return out;
  };
}

/** Trains the n-gram model, then the CNN recipe `cnnArch` as its residual. */
export async function trainBoosted(
  cnnArch: keyof typeof CNN_RECIPES,
  recipe: NgramModelOptions,
  train: readonly Example[],
  validation: readonly Example[],
  options: ArchTrainOptions,
): Promise<{ cnn: TrainedModel; ngram: NgramModel; ngramBestEpochs: number[] }> {
  const { model: ngram, reports } = trainNgramModel(train, validation, { ...recipe, seed: options.seed ?? recipe.seed });
  const cnnRecipe = CNN_RECIPES[cnnArch];
  const cnn = await trainRecipe(cnnRecipe, train, validation, options, { logitOffset: ngramOffsets(ngram, cnnRecipe.architecture.heads) });
  return { cnn, ngram, ngramBestEpochs: reports.map((r) => r.bestEpoch) };
}
