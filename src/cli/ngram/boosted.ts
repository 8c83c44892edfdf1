/**
 * Boosting the CNN on the n-gram model: the n-gram model trains first; the CNN then trains with
 * the n-gram's logits added to its own before the loss (trainer option `logitOffset`), so it
 * learns what the n-grams get wrong instead of repeating what they already know. The pair ships
 * as an equal-weight blend (core/ngram/blend.ts), which ranks every head exactly as the sum the
 * CNN was trained on.
 */
import { ngramHeadLogits } from '../../core/ngram/blend.js';
import { createBucketBuffer, type NgramModel } from '../../core/ngram/model.js';
import type { Example } from '../data/labelled-files.js';
import type { ArchTrainOptions, TrainedModel } from '../train/archs.js';
import { CNN_RECIPES, trainRecipe } from '../train/cnn-archs.js';
import { trainNgramModel, type NgramModelOptions } from './train-model.js';

/** Trains the n-gram model, then the CNN recipe `cnnArch` as its residual. */
export async function trainBoosted(
  cnnArch: keyof typeof CNN_RECIPES,
  recipe: NgramModelOptions,
  train: readonly Example[],
  validation: readonly Example[],
  options: ArchTrainOptions,
): Promise<{ cnn: TrainedModel; ngram: NgramModel }> {
  const { model: ngram } = trainNgramModel(train, validation, { ...recipe, seed: options.seed ?? recipe.seed });
  const cnnRecipe = CNN_RECIPES[cnnArch];
  const heads = cnnRecipe.architecture.heads;
  const buckets = createBucketBuffer(ngram);
  const cnn = await trainRecipe(cnnRecipe, train, validation, options, {
    logitOffset: (hosts) => ngramHeadLogits(ngram, heads, hosts, buckets),
  });
  return { cnn, ngram };
}
