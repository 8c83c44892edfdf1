/** The CLI's and tests' one-call loader: a model directory into the fast engine, blended with its n-gram members. */
import { withNgramBlend } from '../ngram/blend.js';
import { createFastScorer, type FastScorer, type FastScorerOptions } from './fast-scorer.js';
import { readModelBundle, type ModelFileReader } from './files.js';

/** Loads the model directory through `read` into the fast engine. */
export async function loadFastScorer(read: ModelFileReader, options: FastScorerOptions = {}): Promise<FastScorer> {
  return withNgramBlend(read, await createFastScorer(await readModelBundle(read), options));
}
