/**
 * `snowman calibrate [--model DIR] [--data DIR] [--quick-member]`: recomputes a model's
 * calibrated-risk tables and thresholds from the validation split it was trained with (same files,
 * same split seed), scored by the model itself, and writes them into its metadata.json; with
 * --quick-member it first trains the quick check's own small member on the model's training split.
 * `snowman train` does the same steps when it writes a model; this command brings an existing
 * model up to date without training its CNN again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFlags, positiveInt, UsageError } from '../args.js';
import { validateMetadata, type ModelMetadata, type QuickCheckThresholds } from '../../core/model/metadata.js';
import { ngramOnlyProbabilities, type LoadedBlendMember } from '../../core/ngram/blend.js';
import { readQuickMembers } from '../../core/ngram/quick-check.js';
import { DEFAULT_DATA_DIR, listDataFiles, readLabelledFiles, type Example } from '../data/labelled-files.js';
import { splitByGroup } from '../data/split.js';
import { SHIPPED_MODEL_DIR } from '../model-dir.js';
import { QUICK_MEMBER_BITS, QUICK_MEMBER_FILE, trainQuickMember } from '../ngram/quick-member.js';
import {
  CALIBRATION_REFERENCE,
  calibrateOnValidation,
  calibrateQuickCheck,
  flaggedShares,
  holdoutReference,
  type ThresholdRule,
} from '../train/calibrate-model.js';
import { holdOutCalibration } from '../train/calibration-holdout.js';
import { SPLIT_FRACTIONS } from '../train/run-training.js';

const FLAGS = {
  model: { type: 'string' },
  data: { type: 'string' },
  'quick-member': { type: 'boolean' },
  'quick-bits': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `usage: snowman calibrate [--model DIR] [--data DIR] [--quick-member [--quick-bits N]]

Rebuilds the calibrated-risk tables of the model in --model (default model/) from the benign names
of the validation split it was trained with: the list files in --data (default ../shared/data)
must be the ones its metadata.json records (sha256), split with its seed. Writes the tables and
the thresholds that restate their level cut-offs (FPR 1e-3 suspicious, 1e-4 dangerous) into
metadata.json; for a blend, also the quick check's (its n-gram members alone, same names, same
budget). A model trained with --calibration-holdout is recalibrated on the same hold-out.

--quick-member trains the quick check's own member (one 1–6-gram model over 2^N hash buckets,
N = --quick-bits, default ${QUICK_MEMBER_BITS}) on the model's training split with its seed, writes it as
${QUICK_MEMBER_FILE} and makes metadata.json's quickCheck score with it alone. The quick check's
share of validation and test names flagged at its thresholds is printed.`;

/** The quick check's members: a newly trained own member (written beside the model), else those metadata names. */
async function quickMembers(
  modelDir: string,
  metadata: ModelMetadata,
  train: { bits: number; split: { train: readonly Example[]; validation: readonly Example[] }; seed: number } | null,
): Promise<{ members: LoadedBlendMember[]; files?: string[] }> {
  if (!train) return { members: await readQuickMembers((name) => readFile(path.join(modelDir, name)), metadata) };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`training the quick member (2^${train.bits} buckets) on ${train.split.train.length.toLocaleString('en')} names`);
  const trained = trainQuickMember(train.split.train, train.split.validation, train.seed, { bits: train.bits, log });
  await writeFile(path.join(modelDir, QUICK_MEMBER_FILE), trained.bytes);
  log(`wrote ${QUICK_MEMBER_FILE} (${trained.bytes.length.toLocaleString('en')} bytes)`);
  return { members: [{ model: trained.model, weight: 1 }], files: [QUICK_MEMBER_FILE] };
}

/** Prints the share of each label the quick check flags at its own thresholds. */
function reportQuickRecall(
  metadata: ModelMetadata,
  members: readonly LoadedBlendMember[],
  quick: QuickCheckThresholds,
  sets: Record<string, readonly Example[]>,
): void {
  const heads = metadata.architecture.heads;
  for (const [name, examples] of Object.entries(sets)) {
    const probabilities = ngramOnlyProbabilities(
      heads,
      members,
      examples.map((e) => e.host),
    );
    const shares = flaggedShares(
      heads,
      probabilities,
      examples.map((e) => e.label),
      quick.thresholds,
    );
    const parts = Object.entries(shares).map(
      ([label, s]) =>
        `${label} ${(s.suspicious * 100).toFixed(2)} % / ${(s.dangerous * 100).toFixed(2)} % of ${s.count.toLocaleString('en')}`,
    );
    process.stderr.write(`quick check flags (suspicious / dangerous), ${name}: ${parts.join('; ')}\n`);
  }
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
  const split = splitByGroup(held?.rest ?? examples, SPLIT_FRACTIONS, seed);
  const reference = held?.calibration ?? split.validation;
  const words = holdout ? holdoutReference(holdout.share) : CALIBRATION_REFERENCE;
  const lists =
    holdout?.rule === 'every-list' ? reference.filter((e) => e.label === 'benign').map((e) => e.source) : undefined;
  const bits = positiveInt(values['quick-bits'], 'quick-bits', QUICK_MEMBER_BITS);
  if (values['quick-bits'] !== undefined && !values['quick-member'])
    throw new UsageError('--quick-bits goes with --quick-member');
  if (bits < 10 || bits > 24) throw new UsageError(`--quick-bits takes 10 to 24, not ${bits}`);
  const quick = await quickMembers(modelDir, metadata, values['quick-member'] ? { bits, split, seed } : null);
  const { openScoringSession } = await import('../score/load-scorer.js');
  const session = await openScoringSession({ modelDir });
  try {
    const { calibration, thresholds } = await calibrateOnValidation(session.scorer, reference, words, lists);
    const benign = reference.filter((e) => e.label === 'benign').map((e) => e.host);
    const heads = metadata.architecture.heads;
    const quickCheck: QuickCheckThresholds | null =
      quick.members.length > 0
        ? calibrateQuickCheck(
            heads,
            ngramOnlyProbabilities(heads, quick.members, benign),
            words,
            lists,
            quick.files ?? metadata.quickCheck?.files,
          )
        : null;
    await writeFile(
      metadataFile,
      `${JSON.stringify(validateMetadata({ ...metadata, thresholds, calibration, ...(quickCheck ? { quickCheck } : {}) }), null, 2)}\n`,
    );
    if (quickCheck) {
      const quickLevels = quickCheck.calibration.levels;
      process.stderr.write(
        `quick check (${quickCheck.files ? quickCheck.files.join(', ') : 'the n-gram members alone'}): suspicious at risk ≥ ${quickLevels.suspicious.toFixed(5)}, dangerous at ≥ ${quickLevels.dangerous.toFixed(5)}; thresholds ${JSON.stringify(quickCheck.thresholds)}\n`,
      );
      reportQuickRecall(metadata, quick.members, quickCheck, {
        validation: split.validation.filter((e) => e.label !== 'benign'),
        test: split.test,
      });
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
