/**
 * Labelled files → model scores, kept column-wise per file (one Float32Array per head, one byte
 * per name for each level) so a pool of millions of names stays a few bytes per name.
 */
import { readLabelledFiles, type FileSummary, type Label } from '../data/labelled-files.js';
import type { Scorer } from '../../core/model/scorer.js';
import type { DecisionContext, VerdictLevel } from '../../core/verdict.js';
import { modelLevel } from '../../core/verdict.js';
import { scoreBatch } from '../score/score-batch.js';
import { UsageError } from '../args.js';

/** 0 safe, 1 suspicious, 2 dangerous (unscorable names never get here: the reader drops them). */
export type LevelCode = 0 | 1 | 2;

export interface ScoredFile {
  readonly summary: FileSummary;
  readonly label: Label;
  /** Per head (metadata order), the probability of each name. */
  readonly heads: readonly Float32Array[];
  /** Level from the model thresholds alone. */
  readonly modelLevels: Uint8Array;
  /** Level of the full decision (allowlist and lookalike detectors included). */
  readonly verdictLevels: Uint8Array;
}

const CODE: Record<VerdictLevel, LevelCode> = { safe: 0, suspicious: 1, dangerous: 2, unscorable: 0 };
const BATCH = 1024;

/** Reads, normalises and scores the files; `progress` hears about each file as it is done. */
export async function scoreLabelledFiles(
  files: readonly { path: string; label: Label }[],
  scorer: Scorer,
  context: DecisionContext,
  progress: (line: string) => void = () => undefined,
): Promise<ScoredFile[]> {
  const { examples, files: summaries } = await readLabelledFiles(files);
  // Examples carry only their file's base name; two files with one base name could not be told apart.
  const names = summaries.map((s) => s.source);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined)
    throw new UsageError(`two files are named ${twice}.txt: give each list a distinct file name`);
  const bySource = new Map<string, string[]>();
  for (const e of examples) {
    let hosts = bySource.get(e.source);
    if (!hosts) bySource.set(e.source, (hosts = []));
    hosts.push(e.host);
  }
  const headCount = scorer.metadata.architecture.heads.length;
  const out: ScoredFile[] = [];
  for (const summary of summaries) {
    const hosts = bySource.get(summary.source) ?? [];
    const heads = Array.from({ length: headCount }, () => new Float32Array(hosts.length));
    const modelLevels = new Uint8Array(hosts.length);
    const verdictLevels = new Uint8Array(hosts.length);
    const started = performance.now();
    for (let start = 0; start < hosts.length; start += BATCH) {
      const rows = await scoreBatch(hosts.slice(start, start + BATCH), scorer, context);
      rows.forEach((row, j) => {
        const i = start + j;
        if (!row.hostScore) return;
        for (let h = 0; h < headCount; h++) heads[h]![i] = row.hostScore.heads[h] ?? 0;
        modelLevels[i] = CODE[modelLevel(row.hostScore, scorer.metadata).level];
        verdictLevels[i] = CODE[row.verdict.level];
      });
    }
    progress(
      `${summary.source}: ${hosts.length} names scored in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    out.push({ summary, label: summary.label, heads, modelLevels, verdictLevels });
  }
  return out;
}
