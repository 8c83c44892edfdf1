/**
 * The whole `snowman train` pipeline without the flag parsing: read labelled files, split by
 * registrable domain, train the named model type, choose thresholds on validation, measure on
 * test, and produce the model directory's files (model.json, weights.bin, metadata.json).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_FILES } from '../../core/model/files.js';
import type { ModelMetadata } from '../../core/model/metadata.js';
import { DEFAULT_TOKENIZER } from '../../core/tokenizer.js';
import { readLabelledFiles, type Label } from '../data/labelled-files.js';
import { splitByGroup } from '../data/split.js';
import { UsageError } from '../args.js';
import { ARCHS, archNames, type ArchTrainOptions } from './archs.js';
import {
  CALIBRATION_REFERENCE,
  calibrateProbabilities,
  calibrateQuickCheck,
  holdoutReference,
  type ThresholdRule,
} from './calibrate-model.js';
import { holdOutCalibration } from './calibration-holdout.js';
import { testMetrics, type TestMetrics } from './evaluate-model.js';
import { buildMetadata } from './model-metadata.js';

export const SPLIT_FRACTIONS = { validation: 0.1, test: 0.1 } as const;

export interface TrainingRequest extends ArchTrainOptions {
  readonly arch: string;
  readonly files: readonly { path: string; label?: Label }[];
  readonly seed: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly threads: number;
  readonly command: readonly string[];
  readonly log: (line: string) => void;
  /** Share of every benign list held out to set the thresholds on (calibration-holdout.ts); default: none, validation decides. */
  readonly calibrationHoldout?: number;
  /** How the thresholds meet their budget on the reference names (default pooled). */
  readonly thresholdRule?: ThresholdRule;
  /** Metadata of models trained on the same files and split, whose test metrics go beside ours. */
  readonly compareWith?: readonly ModelMetadata[];
}

export interface TrainingOutcome {
  readonly metadata: ModelMetadata;
  readonly files: Record<string, Uint8Array>;
}

/** Trains and evaluates per `request`; returns the files of the model directory. */
export async function runTraining(request: TrainingRequest): Promise<TrainingOutcome> {
  const entry = ARCHS[request.arch];
  if (!entry) throw new UsageError(`unknown --arch "${request.arch}" (known: ${archNames().join(', ')})`);
  const started = performance.now();
  const { examples, files } = await readLabelledFiles(request.files);
  for (const f of files)
    request.log(
      `read ${path.basename(f.path)} (${f.label}): ${f.kept.toLocaleString('en')} names${f.rejected ? `, ${f.rejected} unparseable` : ''}${f.duplicates ? `, ${f.duplicates} duplicates` : ''}`,
    );
  const labels = new Set(examples.map((e) => e.label));
  if (!labels.has('benign') || labels.size < 2)
    throw new UsageError('training needs benign names and at least one malicious or dga list');
  const comparison = comparisonMetrics(
    request.compareWith ?? [],
    files.map((f) => f.sha256),
    request.seed,
  );
  const holdout =
    request.calibrationHoldout !== undefined
      ? holdOutCalibration(examples, request.calibrationHoldout, request.seed)
      : undefined;
  if (holdout) request.log(`calibration hold-out: ${holdout.calibration.length.toLocaleString('en')} benign names`);
  const split = splitByGroup(holdout?.rest ?? examples, SPLIT_FRACTIONS, request.seed);
  request.log(
    `split by registrable domain: train ${split.train.length.toLocaleString('en')}, validation ${split.validation.length.toLocaleString('en')}, test ${split.test.length.toLocaleString('en')}`,
  );
  const model = await entry.train(split.train, split.validation, request);
  // Thresholds come from the calibration (one risk cut-off per level for every head), so the verdict's
  // level and the risk it shows can never disagree.
  const reference = holdout?.calibration ?? split.validation.filter((e) => e.label === 'benign');
  const referenceHosts = reference.map((e) => e.host);
  const rule = request.thresholdRule ?? 'pooled';
  const lists = rule === 'every-list' ? reference.map((e) => e.source) : undefined;
  const words = holdout ? holdoutReference(request.calibrationHoldout!) : CALIBRATION_REFERENCE;
  const { calibration, thresholds } = calibrateProbabilities(model.heads, model.predict(referenceHosts), words, lists);
  const quickCheck = model.quickPredict
    ? calibrateQuickCheck(model.heads, model.quickPredict(referenceHosts), words, lists, model.quickFiles)
    : undefined;
  const test = testMetrics(model, split.test, thresholds);
  const metadata = buildMetadata({
    arch: request.arch,
    model,
    tokenizer: DEFAULT_TOKENIZER,
    thresholds,
    calibration,
    test,
    files,
    split,
    options: {
      seed: request.seed,
      epochs: request.epochs,
      batchSize: request.batchSize,
      threads: request.threads,
      ...(request.examplesPerEpoch !== undefined ? { examplesPerEpoch: request.examplesPerEpoch } : {}),
      splitFractions: SPLIT_FRACTIONS,
      ...(holdout
        ? { calibrationHoldout: { share: request.calibrationHoldout!, rule, names: holdout.calibration.length } }
        : {}),
    },
    command: request.command,
    seconds: (performance.now() - started) / 1000,
    date: new Date(),
    ...(comparison ? { comparison } : {}),
  });
  const modelFiles = await model.modelFiles();
  const withQuick: ModelMetadata = quickCheck ? { ...metadata, quickCheck } : metadata;
  return {
    metadata: withQuick,
    files: {
      ...modelFiles,
      [MODEL_FILES.metadata]: new TextEncoder().encode(`${JSON.stringify(withQuick, null, 2)}\n`),
    },
  };
}

/** Writes the model directory (creating it). */
export async function writeModelDir(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(dir, name), bytes);
}

/** Test metrics of the models to compare with; refuses models trained on other data or another split. */
function comparisonMetrics(
  others: readonly ModelMetadata[],
  hashes: readonly string[],
  seed: number,
): Record<string, TestMetrics> | undefined {
  if (others.length === 0) return undefined;
  const out: Record<string, TestMetrics> = {};
  for (const other of others) {
    const provenance = other.provenance as { files?: { sha256: string }[]; split?: { seed?: number } } | undefined;
    const theirs = (provenance?.files ?? []).map((f) => f.sha256).join(',');
    if (theirs !== hashes.join(',') || provenance?.split?.seed !== seed) {
      throw new UsageError(`cannot compare with ${other.version}: it was trained on other files or another split seed`);
    }
    const test = (other.metrics as { test?: TestMetrics } | undefined)?.test;
    if (!test) throw new UsageError(`cannot compare with ${other.version}: its metadata has no test metrics`);
    out[`${other.architecture.name} (${other.version})`] = test;
  }
  return out;
}
