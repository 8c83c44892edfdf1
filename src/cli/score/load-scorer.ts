/**
 * One place where the CLI's scoring commands get a scorer and a decision context, so `score` and
 * `eval` always judge names the same way (and switch engines together).
 */
import { initBackend, type BackendChoice, type BackendName } from '../../core/model/backend.js';
import type { Scorer } from '../../core/model/scorer.js';
import { loadEngine } from '../model/load-engine.js';
import type { DecisionContext } from '../../core/verdict.js';
import { diskModelReader, SHIPPED_MODEL_DIR } from '../model-dir.js';
import { checkModelDir, type EngineName } from './session-flags.js';
import { loadDecisionContext, type CliContext } from '../context.js';

export interface ScoringSession {
  readonly scorer: Scorer;
  readonly context: DecisionContext;
  /** The popular-site list behind the allowlist and lookalike detectors; null: model-only verdicts. */
  readonly popularSites: CliContext['popularSites'];
  /** The threat list checked before the model; null with `--no-list`. */
  readonly threats: CliContext['threats'];
  readonly backend: BackendChoice;
  /** Directory the model was read from. */
  readonly modelDir: string;
}

export interface SessionOptions {
  /** Model directory; the shipped model/ when omitted. */
  readonly modelDir?: string | undefined;
  readonly backend?: BackendName;
  readonly engine?: EngineName;
  /** False: judge without the packaged threat list (`--no-list`). */
  readonly list?: boolean | undefined;
}

/** Loads the model (a missing --model directory is a usage error, a broken model a failure). */
export async function openScoringSession(options: SessionOptions = {}): Promise<ScoringSession> {
  const modelDir = options.modelDir ?? SHIPPED_MODEL_DIR;
  await checkModelDir(options.modelDir);
  const backend = await initBackend({ preferred: options.backend ?? 'wasm' });
  const read = diskModelReader(modelDir);
  const scorer = await loadEngine(options.engine ?? 'fast', read);
  const { context, popularSites, threats } = await loadDecisionContext(scorer.metadata, modelDir, {
    list: options.list,
  });
  return { scorer, context, popularSites, threats, backend, modelDir };
}
