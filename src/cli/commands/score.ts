/**
 * `snowman score [NAME|URL ...] [--input FILE|-] [--json] [--model DIR] [--no-list]`: one line per input,
 * `input<TAB>score<TAB>verdict<TAB>category`, or one JSON object per line with --json. Verdicts
 * come from core's decide(), the same decision the server and the extension make.
 */
import { parseFlags, positiveInt, UsageError } from '../args.js';
import { checkModelDir, engineName } from '../score/session-flags.js';
import { openInputs } from '../score/input-lines.js';

const HELP = `usage: snowman score [NAME|URL ...] [--input FILE|-] [--json] [--model DIR] [--no-list]

Scores host names or URLs with the model. Output, one line per input:
  input<TAB>score<TAB>verdict<TAB>category
  score     probability (0-1, six decimals) that the name is malicious; - when not scored
  verdict   safe | suspicious | dangerous | unscorable
  category  benign | malicious | dga | -

options:
  --input FILE   read inputs from FILE, one per line (- for stdin; blank lines and # comments skipped)
  --json         one JSON object per line (adds host, registrableDomain, heads, reasons, reason)
  --model DIR    model directory (default: the shipped model/)
  --batch N      names per model call (default 1024)
  --engine E     fast (default) or layers (the plain tfjs model: same scores, slower)
  --no-list      judge with the model and detectors alone, without the packaged threat list
`;

const OPTIONS = {
  input: { type: 'string', short: 'i', multiple: true },
  json: { type: 'boolean' },
  model: { type: 'string' },
  batch: { type: 'string' },
  engine: { type: 'string' },
  'no-list': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs `snowman score`; exit 0 even when some inputs are unscorable (they get their own line). */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const files = values.input ?? [];
  if (positionals.length === 0 && files.length === 0)
    throw new UsageError('nothing to score: give names or URLs, or --input FILE (- for stdin)');
  const batchSize = positiveInt(values.batch, 'batch', 1024);
  const engine = engineName(values.engine);
  await checkModelDir(values.model);
  const sources = await openInputs(positionals, files, process.stdin);
  // tfjs and the model load only now: flag and file mistakes above answer at once.
  const { runScoring } = await import('../score/run-scoring.js');
  await runScoring({
    sources,
    modelDir: values.model,
    engine,
    batchSize,
    json: values.json === true,
    list: values['no-list'] !== true,
  });
  return 0;
}
