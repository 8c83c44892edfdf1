/**
 * The training loop: seeded shuffles, batches (with benign augmentation and dropout masks drawn
 * from the same seeded stream), Adam steps on the fast engine, validation AUC after each epoch,
 * early stopping that keeps the best epoch's weights.
 */
import { validateArchitecture, type ArchitectureConfig } from '../../core/model/architecture.js';
import { createTokenizer, DEFAULT_TOKENIZER, type TokenizerSpec } from '../../core/tokenizer.js';
import type { Example } from '../data/labelled-files.js';
import { createBalancedSampler } from './balanced-sampler.js';
import { createGroupDro, type GroupDroOptions } from './group-dro.js';
import { augmentable, drawPrefix, encodePrefixes, BENIGN_PREFIXES, type AugmentationOptions } from './augment.js';
import { fillDropoutMask } from './dropout-mask.js';
import { encodeNames, encodeRows, fillRow } from './encoded-names.js';
import { createParamLayout, type ParamLayout } from './param-layout.js';
import { reversalAt } from './adversary-head.js';
import { sourceClasses, type AdversaryOptions } from './source-classes.js';
import { createRng, shuffleInPlace } from '../../core/rng.js';
import { createLocalEngine, type StepEngine } from './step-engine.js';
import { buildTargets, type WeightingOptions } from './targets.js';
import { initialParams } from './tfjs-bridge.js';
import { downweightBenignLooking, predictAll, type NoiseOptions, type NoiseReport } from './noise.js';
import { createThreadEngine } from './thread-engine.js';
import { trainedCnnFromParams, type TrainedCnn } from './trained-cnn.js';
import { combinedScores, validationMetrics, type ValidationMetrics } from './validation.js';

export interface TrainCnnOptions {
  readonly architecture: ArchitectureConfig;
  readonly tokenizer?: TokenizerSpec;
  /** Maximum epochs (default 5). */
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly seed?: number;
  /** Adam learning rate (default 0.001, tfjs's). */
  readonly learningRate?: number;
  /** Learning rate at the last step as a share of the first (linear decay; default 1 = constant). */
  readonly finalLearningRateFactor?: number;
  /** Epochs without a better validation AUC before stopping (default 2). */
  readonly patience?: number;
  /** Threads (main + workers); 1 = this thread only (default). */
  readonly threads?: number;
  /** Samples per epoch; fewer than the training set subsamples (quick folds). Default: all. */
  readonly examplesPerEpoch?: number;
  /** Validation names scored per epoch (a seeded sample; default all). */
  readonly validationLimit?: number;
  readonly weighting?: WeightingOptions;
  readonly augmentation?: AugmentationOptions;
  /** `balanced`: each source (feed, DGA family, benign list) drawn equally often within its label (balanced-sampler.ts); default `shuffle`. */
  readonly sampling?: 'shuffle' | 'balanced';
  /** Worst-group loss over sources (group-dro.ts); off by default. */
  readonly groupDro?: GroupDroOptions;
  /**
   * Domain-adversarial training: a source classifier on the pooled features whose gradient reaches
   * the conv filters reversed (adversary-head.ts); training-only, dropped at export. Off by default.
   */
  readonly adversary?: AdversaryOptions;
  /** Down-weighting of benign-looking positives after an early epoch (off by default). */
  readonly noise?: NoiseOptions;
  /**
   * Boosting: fixed logits [hosts × heads] of another model, added to the CNN's before the loss
   * and the validation AUC, so the CNN learns what that model gets wrong (the pair is then blended
   * with equal weights, which ranks exactly as the sum trained here).
   */
  readonly logitOffset?: (hosts: readonly string[]) => Float32Array;
  readonly onProgress?: (event: TrainProgress) => void;
  /** Steps between `step` progress events (default 200). */
  readonly progressEvery?: number;
}

export type TrainProgress =
  | {
      readonly kind: 'step';
      readonly epoch: number;
      readonly epochs: number;
      readonly step: number;
      readonly steps: number;
      readonly loss: number;
      readonly samplesPerSecond: number;
      readonly etaSeconds: number;
    }
  | {
      readonly kind: 'epoch';
      readonly epoch: number;
      readonly epochs: number;
      readonly record: EpochRecord;
      readonly improved: boolean;
      readonly etaSeconds: number;
    };

export interface EpochRecord {
  readonly epoch: number;
  readonly loss: number;
  /** The adversary's mean cross-entropy over the epoch's steps, when it ran. */
  readonly adversaryLoss?: number;
  readonly validation: ValidationMetrics;
  readonly trainSeconds: number;
  readonly samplesPerSecond: number;
}

export interface TrainResult {
  readonly model: TrainedCnn;
  readonly history: readonly EpochRecord[];
  /** 1-based epoch whose weights were kept. */
  readonly bestEpoch: number;
  readonly seconds: number;
  /** What the label-noise pass did, when it ran. */
  readonly noise?: NoiseReport;
  /** Group DRO's final weight per source, when it ran. */
  readonly groupWeights?: Record<string, number>;
}

/** Trains a char-CNN on `train`, early-stopping on `validation`; deterministic for a seed and thread count. */
export async function trainCnn(
  train: readonly Example[],
  validation: readonly Example[],
  options: TrainCnnOptions,
): Promise<TrainResult> {
  const started = performance.now();
  const config = options.architecture;
  validateArchitecture(config);
  const spec = options.tokenizer ?? DEFAULT_TOKENIZER;
  const tokenizer = createTokenizer(spec);
  const classes = options.adversary ? sourceClasses(train, options.adversary.labels) : null;
  const layout = createParamLayout(
    config,
    spec,
    classes && classes.groups.length > 0
      ? { hidden: options.adversary?.hidden ?? 32, groups: classes.groups }
      : undefined,
  );
  const { maxLength: L, heads: O, features: Fw } = layout.shape;
  const seed = options.seed ?? 1;
  const epochs = options.epochs ?? 5;
  const batchSize = options.batchSize ?? 256;
  const threads = options.threads ?? 1;
  const learningRate = options.learningRate ?? 0.001;
  if (train.length === 0) throw new Error('no training examples');

  const names = encodeNames(
    tokenizer,
    train.map((e) => e.host),
  );
  const { targets, weights } = buildTargets(train, config.heads, options.weighting ?? {});
  const canAugment = augmentable(train, options.augmentation ?? {});
  const prefixes = encodePrefixes(tokenizer, options.augmentation?.prefixes ?? BENIGN_PREFIXES);
  const prefixRate = options.augmentation?.benignPrefixRate ?? 0;

  const rng = createRng(seed);
  const valSet = sampleValidation(validation, options.validationLimit, seed);
  const valRows = encodeRows(
    tokenizer,
    valSet.map((e) => e.host),
  );
  const valLabels = valSet.map((e) => e.label);
  const offsetOf = options.logitOffset;
  const valOffsets = offsetOf?.(valSet.map((e) => e.host));
  const prefixText = new Map(
    prefixes.map((encoded, k) => [encoded, (options.augmentation?.prefixes ?? BENIGN_PREFIXES)[k]!]),
  );
  const rowHosts: string[] = [];

  const initial = initialParams(config, spec, layout, seed);
  initialiseAdversary(layout, initial, seed);
  const adam = { learningRate };
  const engine: StepEngine =
    threads > 1
      ? await createThreadEngine(layout, initial, adam, threads, batchSize, { config, tokenizer: spec })
      : createLocalEngine(layout, initial, adam, batchSize);
  const batch = engine.batch;

  const order = Int32Array.from({ length: train.length }, (_, i) => i);
  let cursor = order.length; // forces a shuffle before the first draw
  const sampler = options.sampling === 'balanced' ? createBalancedSampler(train, rng) : null;
  const draw = (): number => {
    if (sampler) return sampler.next();
    if (cursor >= order.length) {
      shuffleInPlace(order, rng);
      cursor = 0;
    }
    return order[cursor++]!;
  };
  const dro = options.groupDro ? createGroupDro(train, options.groupDro) : null;
  const rowIndex = new Int32Array(batchSize);
  const perEpoch = Math.min(options.examplesPerEpoch ?? train.length, train.length);
  const steps = Math.ceil(perEpoch / batchSize);
  const totalSteps = steps * epochs;
  const finalFactor = options.finalLearningRateFactor ?? 1;
  const every = options.progressEvery ?? 200;
  const history: EpochRecord[] = [];
  let best = { auc: Number.NEGATIVE_INFINITY, epoch: 0, params: Float32Array.from(initial) };
  let waited = 0;
  let noise: NoiseReport | undefined;
  let stepsDone = 0;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const epochStart = performance.now();
      let lossSum = 0;
      let lossCount = 0;
      let adversarySum = 0;
      for (let step = 0; step < steps; step++) {
        const size = Math.min(batchSize, perEpoch - step * batchSize);
        for (let row = 0; row < size; row++) {
          const i = draw();
          rowIndex[row] = i;
          const prefix = canAugment[i] ? drawPrefix(rng, prefixRate, prefixes) : null;
          fillRow(names, i, prefix, batch, row, L);
          if (offsetOf) rowHosts[row] = prefix ? `${prefixText.get(prefix)!}.${train[i]!.host}` : train[i]!.host;
          batch.targets.set(targets.subarray(i * O, i * O + O), row * O);
          batch.weights.set(weights.subarray(i * O, i * O + O), row * O);
          if (layout.adversary) batch.domains[row] = classes!.classOf[i]!;
          if (dro) {
            const m = dro.multiplier(dro.groupOf[i]!);
            for (let o = 0; o < O; o++) batch.weights[row * O + o]! *= m;
          }
        }
        if (offsetOf) batch.offsets.set(offsetOf(rowHosts.slice(0, size)).subarray(0, size * O));
        fillDropoutMask(batch.dropMask, 0, size * Fw, config.dropout, rng);
        const lr = learningRate * (1 - (1 - finalFactor) * (stepsDone / Math.max(1, totalSteps - 1)));
        if (layout.adversary) batch.reversal[0] = reversalAt(options.adversary!.lambda, stepsDone / totalSteps);
        lossSum += await engine.step(size, lr);
        adversarySum += engine.adversaryLoss();
        dro?.update(rowIndex, batch.sampleLoss, size);
        lossCount++;
        stepsDone++;
        if (options.onProgress && (step + 1) % every === 0) {
          const elapsed = (performance.now() - epochStart) / 1000;
          const rate = ((step + 1) * batchSize) / elapsed;
          const left = (totalSteps - stepsDone) * batchSize;
          options.onProgress({
            kind: 'step',
            epoch,
            epochs,
            step: step + 1,
            steps,
            loss: lossSum / lossCount,
            samplesPerSecond: rate,
            etaSeconds: left / rate,
          });
        }
      }
      const trainSeconds = (performance.now() - epochStart) / 1000;
      const probabilities = withOffsets(engine.predict(valRows.ids, valRows.lengths, valSet.length), valOffsets);
      const metrics = validationMetrics(combinedScores(probabilities, O), valLabels);
      const record: EpochRecord = {
        epoch,
        loss: lossSum / lossCount,
        ...(layout.adversary ? { adversaryLoss: adversarySum / lossCount } : {}),
        validation: metrics,
        trainSeconds,
        samplesPerSecond: perEpoch / trainSeconds,
      };
      history.push(record);
      const improved = !(metrics.auc <= best.auc); // NaN (no validation) counts as improved: keep the latest
      if (improved) {
        best = { auc: metrics.auc, epoch, params: Float32Array.from(engine.params) };
        waited = 0;
      } else waited++;
      if (options.noise && epoch === options.noise.afterEpoch && epoch < epochs) {
        noise = downweightBenignLooking(
          options.noise,
          epoch,
          predictAll(engine, names),
          targets,
          weights,
          probabilities,
          valLabels.map((l) => l === 'benign'),
          O,
        );
        // The objective changed: only epochs trained on the re-weighted data compete from here.
        best = { ...best, auc: Number.NEGATIVE_INFINITY };
        waited = 0;
      }
      const epochSeconds = (performance.now() - epochStart) / 1000;
      options.onProgress?.({
        kind: 'epoch',
        epoch,
        epochs,
        record,
        improved,
        etaSeconds: epochSeconds * (epochs - epoch),
      });
      if (waited >= (options.patience ?? 2)) break;
    }
  } finally {
    await engine.dispose();
  }
  return {
    // The adversary's weights follow the model's: the shipped model is the first `exported` weights.
    model: trainedCnnFromParams(config, spec, best.params.slice(0, layout.exported)),
    history,
    bestEpoch: best.epoch,
    seconds: (performance.now() - started) / 1000,
    ...(noise ? { noise } : {}),
    ...(dro ? { groupWeights: dro.weights() } : {}),
  };
}

/**
 * Glorot-uniform weights for the adversary from a stream of its own, so the model's weights, the
 * shuffles and the dropout masks are those of the same recipe without it.
 */
function initialiseAdversary(layout: ParamLayout, params: Float32Array, seed: number): void {
  const a = layout.adversary;
  if (!a) return;
  const rng = createRng(seed ^ 0x0ad7e75a);
  for (const slot of [a.hiddenKernel, a.outputKernel]) {
    const [fanIn, fanOut] = slot.shape as [number, number];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let k = 0; k < slot.size; k++) params[slot.offset + k] = (2 * rng.nextFloat() - 1) * limit;
  }
}

/** A seeded sample of at most `limit` validation examples (all of them without a limit). */
function sampleValidation(validation: readonly Example[], limit: number | undefined, seed: number): readonly Example[] {
  if (limit === undefined || validation.length <= limit) return validation;
  const order = Int32Array.from({ length: validation.length }, (_, i) => i);
  shuffleInPlace(order, createRng(seed ^ 0x5eed));
  return Array.from(order.subarray(0, limit))
    .sort((a, b) => a - b)
    .map((i) => validation[i]!);
}

/** Probabilities with fixed logits added (boosting's validation view); unchanged without offsets. */
function withOffsets(probabilities: Float32Array, offsets: Float32Array | undefined): Float32Array {
  if (!offsets) return probabilities;
  return probabilities.map((p, k) => {
    const q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
    const z = Math.log(q / (1 - q)) + offsets[k]!;
    return 1 / (1 + Math.exp(-z));
  });
}
