/**
 * The DecisionContext the CLI surfaces hand to decide(): model thresholds, the popular-site
 * allowlist, the lookalike detectors and the packaged threat list, built in one place so `serve` (and `score`/`eval` when
 * they switch to it) judge a name exactly as the extension does.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLookalikeDetector } from '../core/lookalike/index.js';
import type { ModelMetadata } from '../core/model/metadata.js';
import { parsePopularSites, POPULAR_SITES_FILE } from '../core/popular-sites.js';
import type { DecisionContext } from '../core/verdict.js';
import { SHIPPED_MODEL_DIR } from './model-dir.js';
import { loadThreatList } from './threats/load.js';

export interface CliContext {
  readonly context: DecisionContext;
  /** Where the popular-site list came from and its size; null when no list was found (model-only verdicts). */
  readonly popularSites: { readonly file: string; readonly size: number } | null;
  /** The packaged threat list checked before the model; null with `--no-list`. */
  readonly threats: { readonly file: string; readonly size: number } | null;
}

/** Whether verdicts use the packaged threat list (`--no-list`: the model and detectors alone). */
export interface ListChoice {
  readonly list?: boolean | undefined;
}

async function readIfPresent(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Builds the context for `metadata`. The popular list is read from the model directory, else
 * from the shipped model/ (a freshly trained directory may hold only the three model files).
 */
export async function loadDecisionContext(
  metadata: ModelMetadata,
  modelDir: string = SHIPPED_MODEL_DIR,
  choice: ListChoice = {},
): Promise<CliContext> {
  const threats = choice.list === false ? null : await loadThreatList();
  const listed = threats ? { threats: threats.list } : {};
  const threatsInfo = threats ? { file: threats.file, size: threats.list.size } : null;
  for (const dir of [...new Set([path.resolve(modelDir), path.resolve(SHIPPED_MODEL_DIR)])]) {
    const file = path.join(dir, POPULAR_SITES_FILE);
    const text = await readIfPresent(file);
    if (text === null) continue;
    const popular = parsePopularSites(text);
    return {
      context: { metadata, isPopular: popular.has, findLookalikes: createLookalikeDetector(popular), ...listed },
      popularSites: { file, size: popular.size },
      threats: threatsInfo,
    };
  }
  return { context: { metadata, isPopular: () => false, ...listed }, popularSites: null, threats: threatsInfo };
}
