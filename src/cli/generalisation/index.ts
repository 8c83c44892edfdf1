/** `snowman eval --generalisation`: leave-one-source-out and leave-family-out evaluation. */
import type { GeneralisationOptions, GeneralisationResult } from './types.js';

export type * from './types.js';

/** Trains every requested model on each fold and scores the held-out sources and families. */
export async function runGeneralisation(_options: GeneralisationOptions = {}): Promise<GeneralisationResult> {
  throw new Error('the generalisation harness is being written (issue 6)');
}
