/**
 * Flags of `snowman eval`. A label flag takes every file after it until the next flag, so shell
 * globs work (`--benign data/benign-*.txt --malicious data/malicious-*.txt`); a file given before
 * any label flag takes its label from its name (benign-*, malicious-*, dga-*).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../args.js';
import { labelFromFileName, type Label } from '../data/labelled-files.js';
import { errorText } from '../../core/error-text.js';

export interface EvalArgs {
  readonly files: { path: string; label: Label }[];
  readonly modelDir: string | undefined;
  readonly reportPath: string | undefined;
  readonly engine: string | undefined;
  readonly json: boolean;
  /** False with `--no-list`: verdicts from the model and detectors alone. */
  readonly list: boolean;
  readonly generalisation: boolean;
  readonly help: boolean;
  /** Options of the generalisation run (validated by the command). */
  readonly generalisationFlags: {
    readonly data?: string | undefined;
    readonly models?: string | undefined;
    readonly epochs?: string | undefined;
    readonly folds?: string | undefined;
    readonly seed?: string | undefined;
    readonly maxPerSource?: string | undefined;
    readonly maxEvalPerSource?: string | undefined;
  };
}

const OPTIONS = {
  benign: { type: 'string', multiple: true },
  malicious: { type: 'string', multiple: true },
  dga: { type: 'string', multiple: true },
  model: { type: 'string' },
  report: { type: 'string' },
  engine: { type: 'string' },
  json: { type: 'boolean' },
  'no-list': { type: 'boolean' },
  generalisation: { type: 'boolean' },
  data: { type: 'string' },
  models: { type: 'string' },
  epochs: { type: 'string' },
  folds: { type: 'string' },
  seed: { type: 'string' },
  'max-per-source': { type: 'string' },
  'max-eval-per-source': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const LABEL_FLAGS = new Set<string>(['benign', 'malicious', 'dga']);

/** Parses argv; throws UsageError on an unknown flag or a file with no label. */
export function parseEvalArgs(argv: string[]): EvalArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    throw new UsageError(errorText(error));
  }
  const files: { path: string; label: Label }[] = [];
  let current: Label | null = null;
  for (const token of parsed.tokens) {
    if (token.kind === 'option') {
      current = LABEL_FLAGS.has(token.name) ? (token.name as Label) : null;
      if (current !== null && token.value !== undefined) files.push({ path: token.value, label: current });
    } else if (token.kind === 'positional') {
      const label = current ?? labelFromFileName(token.value);
      if (label === null)
        throw new UsageError(
          `cannot tell the label of ${token.value}: put it after --benign, --malicious or --dga, or name it benign-*, malicious-* or dga-*`,
        );
      files.push({ path: token.value, label });
    } else {
      current = null; // `--` ends a label flag's list
    }
  }
  const v = parsed.values;
  return {
    files,
    modelDir: v.model,
    reportPath: v.report,
    engine: v.engine,
    json: v.json === true,
    list: v['no-list'] !== true,
    generalisation: v.generalisation === true,
    help: v.help === true,
    generalisationFlags: {
      data: v.data,
      models: v.models,
      epochs: v.epochs,
      folds: v.folds,
      seed: v.seed,
      maxPerSource: v['max-per-source'],
      maxEvalPerSource: v['max-eval-per-source'],
    },
  };
}
