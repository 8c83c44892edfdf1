/**
 * `snowman <command>`: train, eval, score, serve. Each command lives in its own module and is
 * loaded on demand, so `snowman score` never pays for the server or the trainer.
 */
import { UsageError } from './args.js';
import { errorText } from '../core/error-text.js';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  train: {
    summary: 'train a model on domain lists into a new model directory (or --out DIR)',
    load: async () => (await import('./commands/train.js')).run,
  },
  eval: {
    summary: 'evaluate the model on labelled lists (AUC, recall at low FPR, report)',
    load: async () => (await import('./commands/eval.js')).run,
  },
  score: {
    summary: 'score names or URLs (arguments, --input FILE or -)',
    load: async () => (await import('./commands/score.js')).run,
  },
  calibrate: {
    summary: "rebuild a model's calibrated-risk tables from its validation split",
    load: async () => (await import('./commands/calibrate.js')).run,
  },
  threats: {
    summary: 'build the packaged threat list from the malicious feeds (threats build)',
    load: async () => (await import('./commands/threats.js')).run,
  },
  serve: {
    summary: 'serve the REST API (seed-compatible PUT/POST / and /v1/score)',
    load: async () => (await import('./commands/serve.js')).run,
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(7)} ${c.summary}`);
  return `usage: snowman <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nsnowman <command> --help for a command's options`;
}

/** Runs the CLI; returns the process exit code (0 ok, 1 failure, 2 usage or input error). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`snowman: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  try {
    return await (
      await command.load()
    )(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`snowman ${name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`snowman ${name}: ${errorText(error)}\n`);
    return 1;
  }
}
