/**
 * metadata.json for a freshly trained model: version stamp, tokenizer, thresholds, test metrics
 * and data provenance (files with sha256, counts per split, seed, command, date, tfjs, git).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ArchitectureConfig } from '../../core/model/architecture.js';
import type { Calibration } from '../../core/model/calibration.js';
import {
  METADATA_FORMAT,
  METADATA_FORMAT_VERSION,
  validateMetadata,
  type HeadThresholds,
  type ModelMetadata,
} from '../../core/model/metadata.js';
import type { TokenizerSpec } from '../../core/tokenizer.js';
import type { Example, FileSummary, Label } from '../data/labelled-files.js';
import type { TrainedModel } from './archs.js';
import type { TestMetrics } from './evaluate-model.js';
import type { ThresholdRule } from './calibrate-model.js';

export interface TrainingRun {
  readonly arch: string;
  readonly model: TrainedModel;
  readonly tokenizer: TokenizerSpec;
  readonly thresholds: Record<string, HeadThresholds>;
  readonly calibration: Calibration;
  readonly test: TestMetrics;
  readonly files: readonly FileSummary[];
  readonly split: {
    readonly train: readonly Example[];
    readonly validation: readonly Example[];
    readonly test: readonly Example[];
  };
  readonly options: {
    seed: number;
    epochs: number;
    batchSize: number;
    threads: number;
    examplesPerEpoch?: number;
    splitFractions: { validation: number; test: number };
    /** Thresholds set on a calibration hold-out instead of the validation split. */
    calibrationHoldout?: { share: number; rule: ThresholdRule; names: number };
  };
  readonly command: readonly string[];
  readonly seconds: number;
  readonly date: Date;
  /** Test metrics of other models trained on the same data and split (e.g. seed), by name. */
  readonly comparison?: Record<string, TestMetrics>;
}

/** `snowman-<arch>-<yyyymmdd>-<first 8 hex of sha256(weights)>`. */
export function modelVersion(arch: string, date: Date, weights: Uint8Array): string {
  const day = date.toISOString().slice(0, 10).replaceAll('-', '');
  return `snowman-${arch}-${day}-${createHash('sha256').update(weights).digest('hex').slice(0, 8)}`;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: path.dirname(new URL(import.meta.url).pathname),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

function countByLabel(examples: readonly Example[]): Record<Label, number> {
  const out: Record<Label, number> = { benign: 0, malicious: 0, dga: 0 };
  for (const e of examples) out[e.label]++;
  return out;
}

/** Assembles and validates metadata.json for `run`. */
export function buildMetadata(run: TrainingRun): ModelMetadata {
  const { model } = run;
  const metadata = {
    format: METADATA_FORMAT,
    formatVersion: METADATA_FORMAT_VERSION,
    version: modelVersion(run.arch, run.date, model.weightBytes()),
    createdAt: run.date.toISOString(),
    architecture: model.architecture as unknown as ArchitectureConfig,
    tokenizer: run.tokenizer,
    classes: ['benign', ...model.heads],
    thresholds: run.thresholds,
    calibration: run.calibration,
    metrics: {
      note: 'Test split (registrable domains unseen in training). Decision score = worst head against its own suspicious threshold; FPR measured on test benign names.',
      test: run.test,
      ...(run.comparison ? { comparison: run.comparison } : {}),
      training: {
        bestEpoch: model.bestEpoch,
        history: model.history.map((h) => ({
          epoch: h.epoch,
          loss: h.loss,
          validationAuc: h.validation.auc,
          validationAucByLabel: h.validation.aucByLabel,
          samplesPerSecond: Math.round(h.samplesPerSecond),
        })),
        seconds: Math.round(run.seconds),
      },
    },
    provenance: {
      files: run.files.map((f) => ({
        file: path.basename(f.path),
        label: f.label,
        lines: f.lines,
        kept: f.kept,
        rejected: f.rejected,
        duplicates: f.duplicates,
        sha256: f.sha256,
      })),
      counts: {
        train: countByLabel(run.split.train),
        validation: countByLabel(run.split.validation),
        test: countByLabel(run.split.test),
      },
      ...(run.options.calibrationHoldout ? { calibrationHoldout: run.options.calibrationHoldout } : {}),
      split: {
        by: 'ICANN registrable domain (eTLD+1), stratified by label',
        ...run.options.splitFractions,
        seed: run.options.seed,
      },
      seed: run.options.seed,
      epochs: run.options.epochs,
      batchSize: run.options.batchSize,
      threads: run.options.threads,
      ...(run.options.examplesPerEpoch !== undefined ? { examplesPerEpoch: run.options.examplesPerEpoch } : {}),
      recipe: model.recipe,
      command: run.command.join(' '),
      date: run.date.toISOString(),
      tfjsVersion: tf.version.tfjs,
      node: process.version,
      gitCommit: gitCommit(),
    },
  };
  return validateMetadata(metadata);
}
