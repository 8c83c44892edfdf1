/**
 * Labelled examples → a multi-head n-gram model. Each head is its own logistic regression:
 * `malicious` alone (benign vs malicious ∪ dga) reproduces the classic baseline; separate
 * `malicious` and `dga` heads each see only their own positives.
 */
import type { Example, Label } from '../data/labelled-files.js';
import type { RiskCategory } from '../../core/model/architecture.js';
import { quantizeNgramModel, type NgramQuantization } from '../../core/ngram/format.js';
import type { NgramModel } from '../../core/ngram/model.js';
import { DEFAULT_NGRAM_FEATURES } from '../../core/ngram/features.js';
import { structureLexicon } from './structure-lexicon.js';
import {
  DEFAULT_NGRAM_TRAIN,
  trainNgramHead,
  type NgramTrainOptions,
  type NgramTrainReport,
  type WeightedHost,
} from './train.js';

export interface NgramHeadSpec {
  readonly category: RiskCategory;
  /** Labels that are positives for this head; benign names are its negatives; other labels are left out. */
  readonly positives: readonly Label[];
  /** When set, only positives from these sources train the head (e.g. phishing-like lists). */
  readonly sources?: readonly string[];
}

export interface NgramModelOptions extends NgramTrainOptions {
  readonly heads: readonly NgramHeadSpec[];
  /**
   * `class`: positives and negatives weigh the same in total. `source`: in addition, every
   * positive source file weighs the same, so one huge feed does not define "malicious".
   * `source-all`: benign lists weigh the same too, so the long-tail lists count as much as the
   * top-100k lists and "benign" does not mean "popular".
   */
  readonly weighting: 'class' | 'source' | 'source-all';
  readonly quantization: NgramQuantization;
  /**
   * Adds the structure tokens (src/core/ngram/structure.ts): the features become version 4 with
   * a dictionary and the brands of structureLexicon(train), stored in the model.
   */
  readonly structure?: boolean;
  /** With `structure`: false leaves out the label-count and sub-domain-depth tokens (LexiconSpec.subShape). */
  readonly structureSubShape?: boolean;
}

/** The classic baseline: one head, benign vs everything else, class-balanced. */
export const BASELINE_NGRAM: NgramModelOptions = {
  ...DEFAULT_NGRAM_TRAIN,
  heads: [{ category: 'malicious', positives: ['malicious', 'dga'] }],
  weighting: 'class',
  quantization: 'int8',
};

/** Whole-name n-grams plus the structural features of src/core/ngram/parts.ts. */
export const PARTS_FEATURES = { ...DEFAULT_NGRAM_FEATURES, version: 2, parts: true };

/** Builds one head's weighted training names from labelled examples. */
export function weightedHosts(
  examples: readonly Example[],
  head: NgramHeadSpec,
  weighting: NgramModelOptions['weighting'],
): WeightedHost[] {
  const kept = examples.filter(
    (e) =>
      e.label === 'benign' || (head.positives.includes(e.label) && (!head.sources || head.sources.includes(e.source))),
  );
  const negatives = kept.reduce((n, e) => n + (e.label === 'benign' ? 1 : 0), 0);
  const positives = kept.length - negatives;
  const perSource = new Map<string, number>();
  const perBenignSource = new Map<string, number>();
  for (const e of kept) {
    const counts = e.label === 'benign' ? perBenignSource : perSource;
    counts.set(e.source, (counts.get(e.source) ?? 0) + 1);
  }
  const total = kept.length;
  return kept.map((e): WeightedHost => {
    if (e.label === 'benign') {
      const weight =
        weighting === 'source-all'
          ? total / (2 * perBenignSource.size * perBenignSource.get(e.source)!)
          : total / (2 * negatives);
      return { host: e.host, y: 0, weight };
    }
    const weight =
      weighting === 'class' ? total / (2 * positives) : total / (2 * perSource.size * perSource.get(e.source)!);
    return { host: e.host, y: 1, weight };
  });
}

/** Trains every head and returns the quantised model (what the file will hold) with per-head reports. */
export function trainNgramModel(
  train: readonly Example[],
  validation: readonly Example[],
  options: NgramModelOptions = BASELINE_NGRAM,
): { model: NgramModel; reports: NgramTrainReport[] } {
  const reports: NgramTrainReport[] = [];
  let features = options.features;
  if (options.structure) {
    const mined = structureLexicon(train);
    const lexicon = options.structureSubShape === false ? { ...mined.lexicon, subShape: false } : mined.lexicon;
    options.log?.(
      `  structure lexicon: ${lexicon.words.length} words, ${lexicon.brands.length} brands (${mined.mined.length} mined from training names: ${mined.mined.slice(0, 12).join(', ')}…)`,
    );
    features = {
      ...features,
      version: 4,
      parts: features.parts ?? false,
      words: features.words ?? false,
      structure: lexicon,
    };
  }
  const heads = options.heads.map((spec, h) => {
    const { head, report } = trainNgramHead(
      spec.category,
      weightedHosts(train, spec, options.weighting),
      weightedHosts(validation, spec, options.weighting),
      { ...options, features, seed: options.seed + h },
    );
    reports.push(report);
    return head;
  });
  return { model: quantizeNgramModel({ features, heads }, options.quantization), reports };
}
