/**
 * Char-CNN candidates, trained with the project's fast trainer on each fold. Scores are logits
 * (so ensembles can average them); two-head models combine their heads as the verdict does.
 */
import { SEED_ARCHITECTURE, type ArchitectureConfig } from '../../core/model/architecture.js';
import type { Example } from '../data/labelled-files.js';
import { trainCnn, type TrainCnnOptions } from '../train/trainer.js';
import type { CandidateModel, TrainContext, TrainedCandidate } from './candidate.js';
import { columns, maxOverShiftedHeads } from './combine.js';

/** Probabilities → logits, clamped so a saturated sigmoid still ranks. */
export function toLogits(probabilities: Float32Array): Float32Array {
  const out = new Float32Array(probabilities.length);
  for (let i = 0; i < out.length; i++) {
    const p = Math.min(Math.max(probabilities[i]!, 1e-7), 1 - 1e-7);
    out[i] = Math.log(p / (1 - p));
  }
  return out;
}

/** A CNN candidate for an architecture and trainer options (epochs come from the harness). */
export function cnnCandidate(name: string, description: string, architecture: ArchitectureConfig, options: Partial<TrainCnnOptions> = {}): CandidateModel {
  return {
    name,
    description,
    async train(train: readonly Example[], validation: readonly Example[], context: TrainContext): Promise<TrainedCandidate> {
      const result = await trainCnn(train, validation, {
        validationLimit: 20_000,
        ...options,
        architecture,
        epochs: context.epochs,
        seed: context.seed,
        onProgress: (event) => {
          if (event.kind === 'epoch') {
            context.log(`  ${name} epoch ${event.epoch}/${event.epochs}: loss ${event.record.loss.toFixed(4)}, validation AUC ${event.record.validation.auc.toFixed(4)}, ${Math.round(event.record.samplesPerSecond)} samples/s`);
          }
        },
      });
      const model = result.model;
      const heads = architecture.heads.length;
      if (heads === 1) return { score: async (hosts) => toLogits(model.predict(hosts)) };
      const validationHeads = columns(toLogits(model.predict(validation.map((e) => e.host))), heads);
      const validationLabels = Uint8Array.from(validation, (e) => (e.label === 'benign' ? 0 : 1));
      return { score: async (hosts) => maxOverShiftedHeads(columns(toLogits(model.predict(hosts)), heads), validationHeads, validationLabels) };
    },
  };
}

/** A wider relative of the seed: more widths and filters, a hidden layer, still cheap per name once folded. */
export const WIDE_ARCHITECTURE: ArchitectureConfig = {
  name: 'wide',
  embeddingDim: 32,
  widths: [2, 3, 4, 5, 6, 7],
  filters: 64,
  hidden: 64,
  dropout: 0.3,
  heads: ['malicious', 'dga'],
};

/** The CNN entries of the registry. */
export const CNN_CANDIDATES: readonly CandidateModel[] = [
  cnnCandidate('seed', 'seed char-CNN (embedding 15, conv 2/4/6 × 15, one head), trainer defaults', SEED_ARCHITECTURE),
  cnnCandidate('seed-heads', 'seed char-CNN with separate malicious and DGA heads, each with its own threshold', { ...SEED_ARCHITECTURE, name: 'seed-heads', heads: ['malicious', 'dga'] }),
  cnnCandidate('wide', 'wide char-CNN (embedding 32, conv 2–7 × 64, hidden 64, malicious and DGA heads)', WIDE_ARCHITECTURE),
];
