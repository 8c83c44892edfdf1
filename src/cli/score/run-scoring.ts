/**
 * The scoring loop of `snowman score`: load the model, then read, score and print batch by
 * batch. Loaded by the command only after its flags and files check out, so a usage error
 * never pays for importing tfjs.
 */
import { formatJson, formatTsv } from './format.js';
import { inputBatches, type InputSource } from './input-lines.js';
import { openScoringSession } from './load-scorer.js';
import type { EngineName } from './session-flags.js';
import { lineWriter } from './output.js';
import { scoreBatch } from './score-batch.js';

export interface ScoringRun {
  readonly sources: readonly InputSource[];
  readonly modelDir: string | undefined;
  readonly engine: EngineName;
  readonly batchSize: number;
  readonly json: boolean;
  /** False: without the packaged threat list (`--no-list`). */
  readonly list?: boolean;
}

/** Scores every input and writes one line each to stdout; stops quietly if the reader leaves. */
export async function runScoring(run: ScoringRun): Promise<void> {
  const { scorer, context } = await openScoringSession({ modelDir: run.modelDir, engine: run.engine, list: run.list });
  const out = lineWriter(process.stdout);
  try {
    for await (const batch of inputBatches(run.sources, run.batchSize)) {
      const rows = await scoreBatch(batch, scorer, context);
      const text = rows.map((row) => (run.json ? formatJson(row, scorer.metadata) : formatTsv(row))).join('\n');
      if (!(await out.write(`${text}\n`))) break;
    }
  } finally {
    scorer.dispose();
  }
}
