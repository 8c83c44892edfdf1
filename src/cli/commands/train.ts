/**
 * `snowman train [FILE...] [--benign F] [--malicious F] [--dga F] [--arch NAME] [--epochs N] [--batch N]
 *  [--seed N] [--threads N] [--out DIR] [--compare DIR]`: trains on the data directory (or the files
 * given), reports progress on stderr and writes a model directory: a new one unless --out names it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFlags, positiveInt, UsageError } from '../args.js';
import { validateMetadata, type ModelMetadata } from '../../core/model/metadata.js';
import { DEFAULT_DATA_DIR, listDataFiles, type Label } from '../data/labelled-files.js';
import { archNames, SHIPPED_ARCH } from '../train/archs.js';
import { formatProgress } from '../train/progress-lines.js';
import { THRESHOLD_RULES, type ThresholdRule } from '../train/calibrate-model.js';
import { runTraining, writeModelDir } from '../train/run-training.js';
import { errorText } from '../../core/error-text.js';

/** The configuration `snowman train` ships by default. */
export const DEFAULT_ARCH = SHIPPED_ARCH;

const FLAGS = {
  benign: { type: 'string', multiple: true },
  malicious: { type: 'string', multiple: true },
  dga: { type: 'string', multiple: true },
  data: { type: 'string' },
  arch: { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  'examples-per-epoch': { type: 'string' },
  'validation-limit': { type: 'string' },
  'calibration-holdout': { type: 'string' },
  'threshold-rule': { type: 'string' },
  out: { type: 'string' },
  compare: { type: 'string', multiple: true },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `usage: snowman train [FILE...] [--benign F] [--malicious F] [--dga F] [--data DIR]
       [--arch ${archNames().join('|')}] [--epochs N] [--batch N] [--seed N] [--threads N]
       [--examples-per-epoch N] [--validation-limit N] [--calibration-holdout SHARE]
       [--threshold-rule pooled|every-list] [--out DIR] [--compare MODEL_DIR] [--quiet]

Trains on every benign-*/malicious-*/dga-* list in --data (default $SNOWMAN_DATA, else
../shared/data beside the package), or on the
FILEs given (label from the name prefix) and the --benign/--malicious/--dga files. Splits by
registrable domain (80/10/10), early-stops on validation AUC, sets thresholds on validation benign
names (FPR 1e-3 suspicious, 1e-4 dangerous) and writes model.json, weights.bin, metadata.json and
any n-gram members (ngram*.bin) to --out (default: a new snowman-model-<time> folder here; the
shipped model is replaced only when --out names it, e.g. --out model). Default --arch: the shipped blend, compact+ngram-bag. --compare adds the test metrics of a model trained on the same data.
--calibration-holdout 0.1 holds out that share of every benign list (never trained on) and sets
the thresholds on it instead of on validation; --threshold-rule every-list keeps each benign list
within the budget on its own (default pooled: all reference names together).`;

async function readMetadata(dir: string): Promise<ModelMetadata> {
  try {
    return validateMetadata(JSON.parse(await readFile(path.join(dir, 'metadata.json'), 'utf8')));
  } catch (error) {
    throw new UsageError(`--compare ${dir}: ${errorText(error)}`);
  }
}

/** The default --out: a fresh folder in the working directory, so a run never overwrites a model. */
export function newModelDirName(now: Date): string {
  return `snowman-model-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`;
}

function share(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value < 0.5))
    throw new UsageError(`--calibration-holdout must be a share in (0, 0.5), got "${text}"`);
  return value;
}

function isThresholdRule(text: string): text is ThresholdRule {
  return (THRESHOLD_RULES as readonly string[]).includes(text);
}

/** Runs `snowman train`; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Flags first: a typo should not wait for (or depend on) the data directory.
  const arch = values.arch ?? DEFAULT_ARCH;
  if (!archNames().includes(arch)) throw new UsageError(`unknown --arch "${arch}" (known: ${archNames().join(', ')})`);
  const calibrationHoldout =
    values['calibration-holdout'] === undefined ? undefined : share(values['calibration-holdout']);
  const thresholdRule = values['threshold-rule'] ?? 'pooled';
  if (!isThresholdRule(thresholdRule))
    throw new UsageError(`--threshold-rule must be one of ${THRESHOLD_RULES.join(', ')}, got "${thresholdRule}"`);
  const labelled: { path: string; label?: Label }[] = [
    ...positionals.map((p) => ({ path: p })),
    ...(['benign', 'malicious', 'dga'] as const).flatMap((label) =>
      (values[label] ?? []).map((p) => ({ path: p, label })),
    ),
  ];
  const files =
    labelled.length > 0 ? labelled : (await listDataFiles(values.data ?? DEFAULT_DATA_DIR)).map((p) => ({ path: p }));
  if (files.length === 0)
    throw new UsageError(`no benign-*/malicious-*/dga-* files in ${values.data ?? DEFAULT_DATA_DIR}`);
  const quiet = values.quiet ?? false;
  const log = (line: string) => quiet || process.stderr.write(`${line}\n`);
  let lastStepLine = 0;
  const examplesPerEpoch =
    values['examples-per-epoch'] === undefined
      ? undefined
      : positiveInt(values['examples-per-epoch'], 'examples-per-epoch', 1);
  const validationLimit =
    values['validation-limit'] === undefined
      ? undefined
      : positiveInt(values['validation-limit'], 'validation-limit', 1);
  const request = {
    arch,
    files,
    seed: positiveInt(values.seed, 'seed', 1),
    epochs: positiveInt(values.epochs, 'epochs', 5),
    batchSize: positiveInt(values.batch, 'batch', 256),
    threads: positiveInt(values.threads, 'threads', 1),
    command: ['snowman', 'train', ...argv],
    log,
    compareWith: await Promise.all((values.compare ?? []).map(readMetadata)),
    ...(examplesPerEpoch !== undefined ? { examplesPerEpoch } : {}),
    ...(validationLimit !== undefined ? { validationLimit } : {}),
    ...(calibrationHoldout !== undefined ? { calibrationHoldout } : {}),
    thresholdRule,
    onProgress: (event: Parameters<typeof formatProgress>[0]) => {
      // Step lines at most every 15 s: a full run is thousands of steps.
      if (event.kind === 'step' && performance.now() - lastStepLine < 15_000) return;
      lastStepLine = performance.now();
      log(formatProgress(event));
    },
  };
  const outDir = values.out ?? newModelDirName(new Date());
  const outcome = await runTraining(request);
  await writeModelDir(outDir, outcome.files);
  const test = (outcome.metadata.metrics as { test: { auc: number; recallAtFpr1e3ByClass: Record<string, number> } })
    .test;
  const recall = Object.entries(test.recallAtFpr1e3ByClass)
    .map(([label, r]) => `${label} ${(100 * r).toFixed(1)}%`)
    .join(', ');
  log(`wrote ${outcome.metadata.version} to ${outDir}: test AUC ${test.auc.toFixed(4)}, recall at FPR 1e-3: ${recall}`);
  return 0;
}
