/** Calibration of a scorer on the benign names of a validation split (the trainer and `snowman calibrate`). */
import type { Calibration } from '../../core/model/calibration.js';
import type { HeadThresholds, QuickCheckThresholds } from '../../core/model/metadata.js';
import type { Scorer } from '../../core/model/scorer.js';
import type { Example } from '../data/labelled-files.js';
import { buildCalibration } from './calibration.js';
import { DANGEROUS_FPR, SUSPICIOUS_FPR } from './evaluate-model.js';

/** Words stored with the tables, so a reader of metadata.json knows what the risk is relative to. */
export const CALIBRATION_REFERENCE =
  "benign names of the model's validation split (registrable domains never trained on)";

/** The reference words when the thresholds come from a calibration hold-out. */
export function holdoutReference(share: number): string {
  return `benign names of a calibration hold-out: ${Math.round(share * 100)} % of every benign list's registrable domains, never trained on`;
}

/** How a level's cut-off meets its budget: over all reference names, or within it on every benign list. */
export type ThresholdRule = 'pooled' | 'every-list';
export const THRESHOLD_RULES: readonly ThresholdRule[] = ['pooled', 'every-list'];

const BATCH = 4096;

/** Risk tables and thresholds from row-major head probabilities of validation benign names. */
export function calibrateProbabilities(
  heads: Scorer['metadata']['architecture']['heads'],
  benignProbabilities: Float32Array,
  reference = CALIBRATION_REFERENCE,
  lists?: readonly string[],
): { calibration: Calibration; thresholds: Record<string, HeadThresholds> } {
  return buildCalibration(
    heads,
    benignProbabilities,
    reference,
    { suspicious: SUSPICIOUS_FPR, dangerous: DANGEROUS_FPR },
    lists,
  );
}

/**
 * The quick check's thresholds (core/ngram/quick-check.ts): its own scores of the same validation
 * benign names, calibrated with the same false-positive budget as the full model's; `files` names
 * its own members (none: the blend's).
 */
export function calibrateQuickCheck(
  heads: Scorer['metadata']['architecture']['heads'],
  quickBenignProbabilities: Float32Array,
  reference = CALIBRATION_REFERENCE,
  lists?: readonly string[],
  files?: readonly string[],
): QuickCheckThresholds {
  return { ...calibrateProbabilities(heads, quickBenignProbabilities, reference, lists), ...(files ? { files } : {}) };
}

/** Scores the benign names of `validation` with `scorer` and calibrates on them. */
export async function calibrateOnValidation(
  scorer: Scorer,
  validation: readonly Example[],
  reference = CALIBRATION_REFERENCE,
  lists?: readonly string[],
): Promise<{ calibration: Calibration; thresholds: Record<string, HeadThresholds> }> {
  const hosts = validation.filter((e) => e.label === 'benign').map((e) => e.host);
  const H = scorer.metadata.architecture.heads.length;
  const probabilities = new Float32Array(hosts.length * H);
  for (let i = 0; i < hosts.length; i += BATCH)
    probabilities.set(await scorer.predict(hosts.slice(i, i + BATCH)), i * H);
  return calibrateProbabilities(scorer.metadata.architecture.heads, probabilities, reference, lists);
}

/** Share of each label's names flagged at the suspicious and the dangerous thresholds (any head at or above its own). */
export function flaggedShares(
  heads: Scorer['metadata']['architecture']['heads'],
  probabilities: Float32Array,
  labels: readonly string[],
  thresholds: Readonly<Partial<Record<string, HeadThresholds>>>,
): Record<string, { count: number; suspicious: number; dangerous: number }> {
  const out: Record<string, { count: number; suspicious: number; dangerous: number }> = {};
  labels.forEach((label, i) => {
    const entry = (out[label] ??= { count: 0, suspicious: 0, dangerous: 0 });
    entry.count++;
    const reaches = (level: keyof HeadThresholds) =>
      heads.some((head, h) => probabilities[i * heads.length + h]! >= thresholds[head]![level]);
    if (reaches('suspicious')) entry.suspicious++;
    if (reaches('dangerous')) entry.dangerous++;
  });
  for (const entry of Object.values(out)) {
    entry.suspicious /= entry.count;
    entry.dangerous /= entry.count;
  }
  return out;
}
