/**
 * `snowman eval --benign F... --malicious F... [--dga F...] [--model DIR] [--report PATH] [--json]`
 * and `snowman eval --generalisation`: how well the model separates labelled lists (AUC, recall at
 * low false-positive rates, the shipped thresholds per file), and how it does on unseen sources.
 */
import { access, constants, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { positiveInt, UsageError } from '../args.js';
import type { GeneralisationOptions, GeneralisationResult } from '../generalisation/types.js';
import { parseEvalArgs, type EvalArgs } from '../report/eval-args.js';
import { renderEvalText } from '../report/eval-text.js';
import { evaluate, type EvalResult } from '../report/evaluate.js';
import { checkModelDir, engineName } from '../score/session-flags.js';
import { renderGeneralisationText } from '../report/generalisation-text.js';
import { renderHtmlReport } from '../report/html-report.js';
import { errorText } from '../../core/error-text.js';

const HELP = `usage: snowman eval --benign FILE... --malicious FILE... [--dga FILE...] [options]
       snowman eval --generalisation [generalisation options] [options]

Scores labelled lists with the model and prints, per class, the AUC, the recall at
false-positive rates 1e-2, 1e-3 and 1e-4 (thresholds set on the benign files given), and per
file the share flagged at the shipped thresholds (for benign files: the false-positive rate).
A label flag takes every file after it; files before any label flag are labelled by name
(benign-*, malicious-*, dga-*).

options:
  --model DIR        model directory (default: the shipped model/)
  --report PATH      also write a self-contained HTML report (ROC curve, score histograms)
  --json             print the results as one JSON document instead of tables
  --engine E         fast (default) or layers (the plain tfjs model: same scores, slower)
  --no-list          verdict column from the model and detectors alone (the packaged threat list
                     is checked first by default)

generalisation (leave-one-source-out, leave-family-out; trains models, takes minutes):
  --generalisation   run it; models side by side (CNN, n-gram baseline, shipped scorer)
  --data DIR         labelled list directory (default $SNOWMAN_DATA, else ../shared/data)
  --models a,b       models to compare (default: the harness's candidates)
  --epochs N  --folds N  --seed N
  --max-per-source N       training names per source file at most
  --max-eval-per-source N  held-out names scored per source or family at most
`;

function generalisationOptions(args: EvalArgs): GeneralisationOptions {
  const g = args.generalisationFlags;
  const options: { -readonly [K in keyof GeneralisationOptions]: GeneralisationOptions[K] } = {
    log: (line) => process.stderr.write(`${line}\n`),
  };
  if (g.data !== undefined) options.dataDir = g.data;
  if (g.models !== undefined)
    options.models = g.models
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean);
  if (g.epochs !== undefined) options.epochs = positiveInt(g.epochs, 'epochs', 1);
  if (g.folds !== undefined) options.folds = positiveInt(g.folds, 'folds', 1);
  if (g.seed !== undefined) options.seed = positiveInt(g.seed, 'seed', 1);
  if (g.maxPerSource !== undefined) options.maxTrainPerSource = positiveInt(g.maxPerSource, 'max-per-source', 1);
  if (g.maxEvalPerSource !== undefined)
    options.maxEvalPerSource = positiveInt(g.maxEvalPerSource, 'max-eval-per-source', 1);
  return options;
}

async function runFileEvaluation(args: EvalArgs): Promise<EvalResult> {
  for (const label of ['benign', 'malicious'] as const) {
    if (!args.files.some((f) => f.label === label)) throw new UsageError(`no ${label} file given (--${label} FILE...)`);
  }
  const engine = engineName(args.engine);
  await checkModelDir(args.modelDir);
  // Loaded on demand: tfjs and the model only once the flags have checked out.
  const [{ openScoringSession }, { scoreLabelledFiles }] = await Promise.all([
    import('../score/load-scorer.js'),
    import('../report/scored-files.js'),
  ]);
  const session = await openScoringSession({ modelDir: args.modelDir, engine, list: args.list });
  try {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const scored = await scoreLabelledFiles(args.files, session.scorer, session.context, log);
    const { backend, engine } = session.scorer;
    return evaluate(scored, session.scorer.metadata, {
      backend,
      engine,
      popularSites: session.popularSites?.size ?? null,
    });
  } finally {
    session.scorer.dispose();
  }
}

async function runGeneralisationHarness(args: EvalArgs): Promise<GeneralisationResult> {
  // Loaded only when asked for: the harness pulls in the trainers.
  const { runGeneralisation } = await import('../generalisation/index.js');
  return runGeneralisation(generalisationOptions(args));
}

/** Runs `snowman eval`; exit 0 on success, 2 on bad flags or unreadable files. */
export async function run(argv: string[]): Promise<number> {
  const args = parseEvalArgs(argv);
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.files.length === 0 && !args.generalisation)
    throw new UsageError(
      'give labelled files (--benign FILE... --malicious FILE... [--dga FILE...]) or --generalisation',
    );
  if (!args.generalisation && Object.values(args.generalisationFlags).some((v) => v !== undefined)) {
    throw new UsageError(
      '--data, --models, --epochs, --folds, --seed, --max-per-source and --max-eval-per-source belong with --generalisation',
    );
  }
  // Checked before the scoring, which can take minutes, rather than after it.
  if (args.reportPath !== undefined) {
    await access(path.dirname(path.resolve(args.reportPath)), constants.W_OK).catch(() => {
      throw new UsageError(`cannot write --report ${args.reportPath}: its directory does not exist or is not writable`);
    });
  }
  const evalResult = args.files.length > 0 ? await runFileEvaluation(args) : undefined;
  const generalisation = args.generalisation ? await runGeneralisationHarness(args) : undefined;

  if (args.json) {
    process.stdout.write(`${JSON.stringify({ eval: evalResult, generalisation }, null, 2)}\n`);
  } else {
    const text = [
      evalResult ? renderEvalText(evalResult) : '',
      generalisation ? renderGeneralisationText(generalisation) : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    process.stdout.write(`${text}\n`);
  }
  if (args.reportPath !== undefined) {
    try {
      await writeFile(args.reportPath, renderHtmlReport({ eval: evalResult, generalisation }));
    } catch (error) {
      throw new UsageError(`cannot write --report ${args.reportPath}: ${errorText(error)}`);
    }
    process.stderr.write(`report written to ${args.reportPath}\n`);
  }
  return 0;
}
