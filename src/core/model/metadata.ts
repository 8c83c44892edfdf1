/**
 * model/metadata.json: what a shipped model is, how it tokenizes, and where its thresholds lie.
 * Validated on every load: a model is refused loudly rather than used with the wrong assumptions.
 */
import { createTokenizer, type TokenizerSpec } from '../tokenizer.js';
import { validateArchitecture, type ArchitectureConfig, type RiskCategory } from './architecture.js';
import { calibrationProblem, type Calibration } from './calibration.js';
import { errorText } from '../error-text.js';

export const METADATA_FORMAT = 'snowman-model';
export const METADATA_FORMAT_VERSION = 1;

/** Score cut-offs for one head, chosen on validation benign names. */
export interface HeadThresholds {
  /** At or above: `suspicious` (false-positive rate about 1e-3 on validation benign names). */
  readonly suspicious: number;
  /** At or above: `dangerous` (false-positive rate about 1e-4). */
  readonly dangerous: number;
}

export interface ModelMetadata {
  readonly format: typeof METADATA_FORMAT;
  readonly formatVersion: number;
  /** Stamped into caches and reports: scores from another version are never reused. */
  readonly version: string;
  readonly createdAt: string;
  readonly architecture: ArchitectureConfig;
  readonly tokenizer: TokenizerSpec;
  /** Per head, in `architecture.heads` order. */
  readonly thresholds: Readonly<Partial<Record<RiskCategory, HeadThresholds>>>;
  /** Benign percentile tables behind the calibrated risk; the thresholds restate its level cut-offs. */
  readonly calibration?: Calibration;
  /**
   * The quick check's own thresholds and calibration (its own n-gram member, or a blend's n-gram
   * members without the CNN: core/ngram/quick-check.ts), chosen on the same validation benign names
   * with the same budget.
   */
  readonly quickCheck?: QuickCheckThresholds;
  /** Free-form: test metrics, seed comparison, training data provenance. */
  readonly metrics?: unknown;
  readonly provenance?: unknown;
  readonly [extra: string]: unknown;
}

/** What metadata.json records for the quick check. */
export interface QuickCheckThresholds {
  readonly thresholds: Readonly<Partial<Record<RiskCategory, HeadThresholds>>>;
  readonly calibration: Calibration;
  /**
   * The n-gram model files the quick check scores with (equal weights), beside metadata.json;
   * absent: the blend's n-gram members.
   */
  readonly files?: readonly string[];
}

/** A model file name as metadata may name one: read from a package or a model directory, so no paths. */
export const MODEL_FILE_NAME = /^[a-z0-9][a-z0-9._-]*\.bin$/;

export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

function isProbability(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;
}

function checkThresholds(value: unknown, heads: readonly RiskCategory[], what: string): void {
  const thresholds = value as Record<string, HeadThresholds> | undefined;
  for (const head of heads) {
    const t = thresholds?.[head];
    if (!t || !isProbability(t.suspicious) || !isProbability(t.dangerous) || t.dangerous < t.suspicious) {
      throw new ModelFormatError(`metadata.json ${what} for head "${head}" are missing or invalid`);
    }
  }
}

/** Checks a parsed metadata.json; returns it typed or throws ModelFormatError saying what is wrong. */
export function validateMetadata(json: unknown): ModelMetadata {
  if (typeof json !== 'object' || json === null) throw new ModelFormatError('metadata.json is not an object');
  const m = json as Record<string, unknown>;
  if (m['format'] !== METADATA_FORMAT) throw new ModelFormatError(`metadata.json format is ${JSON.stringify(m['format'])}, expected "${METADATA_FORMAT}"`);
  if (m['formatVersion'] !== METADATA_FORMAT_VERSION) throw new ModelFormatError(`metadata.json formatVersion ${String(m['formatVersion'])} is not supported (expected ${METADATA_FORMAT_VERSION})`);
  if (typeof m['version'] !== 'string' || m['version'] === '') throw new ModelFormatError('metadata.json has no model version');
  try {
    validateArchitecture(m['architecture'] as ArchitectureConfig);
    createTokenizer(m['tokenizer'] as TokenizerSpec);
  } catch (error) {
    throw new ModelFormatError(`metadata.json: ${errorText(error)}`);
  }
  const architecture = m['architecture'] as ArchitectureConfig;
  checkThresholds(m['thresholds'], architecture.heads, 'thresholds');
  if (m['calibration'] !== undefined) {
    const problem = calibrationProblem(m['calibration'], architecture.heads);
    if (problem) throw new ModelFormatError(`metadata.json: ${problem}`);
  }
  if (m['quickCheck'] !== undefined) {
    const quick = m['quickCheck'] as Partial<QuickCheckThresholds> | null;
    if (typeof quick !== 'object' || quick === null) throw new ModelFormatError('metadata.json quickCheck is not an object');
    checkThresholds(quick.thresholds, architecture.heads, 'quickCheck thresholds');
    const problem = calibrationProblem(quick.calibration, architecture.heads);
    if (problem) throw new ModelFormatError(`metadata.json quickCheck: ${problem}`);
    const files: unknown = quick.files;
    if (
      files !== undefined &&
      !(
        Array.isArray(files) &&
        files.length > 0 &&
        files.every((f) => typeof f === 'string' && MODEL_FILE_NAME.test(f)) &&
        new Set(files).size === files.length
      )
    )
      throw new ModelFormatError('metadata.json quickCheck files must be distinct plain .bin file names');
  }
  return json as ModelMetadata;
}
