/**
 * `snowman calibrate [--model DIR] [--data DIR]`: recomputes a model's calibrated-risk tables and
 * thresholds from the validation split it was trained with (same files, same split seed), scored
 * by the model itself, and writes them into its metadata.json. `snowman train` does the same step
 * when it writes a model; this command brings an existing model up to date.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFlags, UsageError } from '../args.js';
import { validateMetadata, type ModelMetadata, type QuickCheckThresholds } from '../../core/model/metadata.js';
import { ngramBlendOf, ngramOnlyProbabilities, readBlendMembers } from '../../core/ngram/blend.js';
import { DEFAULT_DATA_DIR, listDataFiles, readLabelledFiles, type Example } from '../data/labelled-files.js';
import { splitByGroup } from '../data/split.js';
import { SHIPPED_MODEL_DIR } from '../model-dir.js';
import {
  CALIBRATION_REFERENCE,
  calibrateOnValidation,
  calibrateQuickCheck,
  holdoutReference,
  type ThresholdRule,
} from '../train/calibrate-model.js';
import { holdOutCalibration } from '../train/calibration-holdout.js';
import { SPLIT_FRACTIONS } from '../train/run-training.js';

const FLAGS = {
  model: { type: 'string' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `usage: snowman calibrate [--model DIR] [--data DIR]

Rebuilds the calibrated-risk tables of the model in --model (default model/) from the benign names
of the validation split it was trained with: the list files in --data (default ../shared/data)
must be the ones its metadata.json records (sha256), split with its seed. Writes the tables and
the thresholds that restate their level cut-offs (FPR 1e-3 suspicious, 1e-4 dangerous) into
metadata.json; for a blend, also the quick check's (its n-gram members alone, same names, same
budget). A model trained with --calibration-holdout is recalibrated on the same hold-out.`;

/** A blend's quick-check thresholds from its members' scores of the validation benign names; null for a plain CNN. */
async function quickCheckOnValidation(
  modelDir: string,
  metadata: ModelMetadata,
  validation: readonly Example[],
  reference: string,
  lists: readonly string[] | undefined,
): Promise<QuickCheckThresholds | null> {
  const spec = ngramBlendOf(metadata);
  if (!spec) return null;
  const members = await readBlendMembers((name) => readFile(path.join(modelDir, name)), spec);
  const hosts = validation.filter((e) => e.label === 'benign').map((e) => e.host);
  const heads = metadata.architecture.heads;
  return calibrateQuickCheck(heads, ngramOnlyProbabilities(heads, members, hosts), reference, lists);
}

/** Runs `snowman calibrate`; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const modelDir = values.model ?? SHIPPED_MODEL_DIR;
  const metadataFile = path.join(modelDir, 'metadata.json');
  const metadata = validateMetadata(
    JSON.parse(
      await readFile(metadataFile, 'utf8').catch(() => {
        throw new UsageError(`--model ${modelDir}: no metadata.json`);
      }),
    ),
  );
  const provenance = metadata.provenance as
    | {
        files?: { file: string; sha256: string }[];
        split?: { seed?: number };
        calibrationHoldout?: { share: number; rule: ThresholdRule };
      }
    | undefined;
  const recorded = provenance?.files ?? [];
  const seed = provenance?.split?.seed;
  if (recorded.length === 0 || seed === undefined)
    throw new UsageError(`${metadataFile} records no training files or split seed to calibrate on`);
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  const available = new Set((await listDataFiles(dataDir)).map((f) => path.basename(f)));
  const missing = recorded.filter((f) => !available.has(f.file)).map((f) => f.file);
  if (missing.length > 0) throw new UsageError(`${dataDir} lacks ${missing.join(', ')}`);
  const { examples, files } = await readLabelledFiles(recorded.map((f) => ({ path: path.join(dataDir, f.file) })));
  const changed = files.filter((f, i) => f.sha256 !== recorded[i]!.sha256).map((f) => path.basename(f.path));
  if (changed.length > 0) throw new UsageError(`${changed.join(', ')} differ from the files the model was trained on`);
  // A model calibrated on a hold-out is recalibrated on the same hold-out, with the same rule.
  const holdout = provenance?.calibrationHoldout;
  const held = holdout ? holdOutCalibration(examples, holdout.share, seed) : undefined;
  const reference = held?.calibration ?? splitByGroup(examples, SPLIT_FRACTIONS, seed).validation;
  const words = holdout ? holdoutReference(holdout.share) : CALIBRATION_REFERENCE;
  const lists =
    holdout?.rule === 'every-list' ? reference.filter((e) => e.label === 'benign').map((e) => e.source) : undefined;
  const { openScoringSession } = await import('../score/load-scorer.js');
  const session = await openScoringSession({ modelDir });
  try {
    const { calibration, thresholds } = await calibrateOnValidation(session.scorer, reference, words, lists);
    const quickCheck = await quickCheckOnValidation(modelDir, metadata, reference, words, lists);
    await writeFile(
      metadataFile,
      `${JSON.stringify(validateMetadata({ ...metadata, thresholds, calibration, ...(quickCheck ? { quickCheck } : {}) }), null, 2)}\n`,
    );
    if (quickCheck) {
      const quick = quickCheck.calibration.levels;
      process.stderr.write(
        `quick check (n-gram members alone): suspicious at risk ≥ ${quick.suspicious.toFixed(5)}, dangerous at ≥ ${quick.dangerous.toFixed(5)}; thresholds ${JSON.stringify(quickCheck.thresholds)}\n`,
      );
    }
    const levels = calibration.levels;
    process.stderr.write(
      `calibrated ${metadata.version} on ${calibration.count.toLocaleString('en')} ${holdout ? 'hold-out' : 'validation'} benign names: suspicious at risk ≥ ${levels.suspicious.toFixed(5)}, dangerous at ≥ ${levels.dangerous.toFixed(5)}\n`,
    );
    process.stderr.write(`thresholds ${JSON.stringify(thresholds)} (were ${JSON.stringify(metadata.thresholds)})\n`);
  } finally {
    session.scorer.dispose();
  }
  return 0;
}
