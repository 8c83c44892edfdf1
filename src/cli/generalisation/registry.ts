/**
 * Every model the harness can compare, by name. Ensembles name their members; asking for an
 * ensemble trains its members too (once per fold, shared with their own rows).
 */
import { UsageError } from '../args.js';
import type { EnsembleModel, ModelEntry } from './candidate.js';
import { CALIBRATION_SUFFIX, withoutCalibrationHoldout } from './calibration-candidates.js';
import { CNN_CANDIDATES } from './cnn-candidates.js';
import { applyStack, fitStack, meanOfLogits, meanOfProbabilities, meanOfStandardised, perHeadMean } from './combine.js';
import { NGRAM_CANDIDATES } from './ngram-candidates.js';
import { PREVIOUS_NGRAM_WEIGHT } from '../train/archs.js';
import {
  SHIPPED_CNN_WEIGHT,
  SHIPPED_MEMBER_WEIGHT,
  SHIPPED_NGRAM_MEMBERS,
  STRUCTURE_BLEND_WEIGHTS,
  STRUCTURE_MEMBER,
} from '../ngram/shipped-members.js';

type Method = 'logits' | 'probabilities' | 'standardised' | 'stack' | 'per-head';

/** An ensemble of `members` combined by `method`; `weights` (summing to 1) apply to the logit means. */
export function ensemble(
  name: string,
  members: readonly string[],
  method: Method,
  weights?: readonly number[],
): EnsembleModel {
  const words: Record<Method, string> = {
    logits: 'mean of logits',
    probabilities: 'mean of probabilities',
    standardised: 'mean of logits standardised on validation benign names',
    stack: 'stacked logistic regression fitted on validation names',
    'per-head': 'mean of logits per head (malicious with malicious, dga with dga), heads against their own thresholds',
  };
  return {
    name,
    description: `${members.join(' + ')}: ${words[method]}${weights ? ` (weights ${weights.map((w) => Number(w.toFixed(3))).join(', ')})` : ''}`,
    members,
    combine(scores, labels) {
      const evals = scores.map((m) => m.eval);
      const validation = scores.map((m) => m.validation);
      if (method === 'logits') return meanOfLogits(evals, weights);
      if (method === 'probabilities') return meanOfProbabilities(evals);
      if (method === 'standardised') return meanOfStandardised(evals, validation, labels);
      if (method === 'per-head')
        return perHeadMean(
          scores.map((m) => ({ categories: m.categories, heads: m.evalHeads, validationHeads: m.validationHeads })),
          labels,
          weights,
        );
      return applyStack(fitStack(validation, labels), evals);
    },
  };
}

/**
 * The shipped scorer as the harness sees it: what `snowman train` (the `compact+ngram-bag` arch,
 * src/cli/train/archs.ts) ships — the compact CNN's heads and the three n-gram members' logits
 * averaged per head with the shipped weights, each head against its own threshold.
 */
export const SHIPPED_MODEL = 'shipped';
/** The previous shipped scorer (compact CNN + the n-gram baseline, n-gram 0.7). */
export const PREVIOUS_MODEL = 'shipped-previous';
/** The trainer's `compact+ngram-bag+struct` blend. */
export const STRUCTURE_BLEND_MODEL = 'shipped-struct';

const ENSEMBLES: readonly EnsembleModel[] = [
  {
    ...ensemble(SHIPPED_MODEL, ['compact', ...SHIPPED_NGRAM_MEMBERS.map((m) => m.name)], 'per-head', [
      SHIPPED_CNN_WEIGHT,
      ...SHIPPED_NGRAM_MEMBERS.map(() => SHIPPED_MEMBER_WEIGHT),
    ]),
    description: `the shipped scorer: compact CNN + ${SHIPPED_NGRAM_MEMBERS.length} 1–6-gram models (hash seeds apart), logits averaged per head (CNN weight ${SHIPPED_CNN_WEIGHT}), heads against their own thresholds`,
  },
  {
    // The quick check before it had a member of its own: the blend's members alone, equal weights.
    ...ensemble(
      'quick-bag',
      SHIPPED_NGRAM_MEMBERS.map((m) => m.name),
      'logits',
      SHIPPED_NGRAM_MEMBERS.map(() => 1 / SHIPPED_NGRAM_MEMBERS.length),
    ),
    description: `the blend's ${SHIPPED_NGRAM_MEMBERS.length} n-gram members alone, logits averaged (the quick check of a model without its own member)`,
  },
  {
    ...ensemble(
      STRUCTURE_BLEND_MODEL,
      ['compact', ...SHIPPED_NGRAM_MEMBERS.map((m) => m.name), STRUCTURE_MEMBER.name],
      'per-head',
      [
        STRUCTURE_BLEND_WEIGHTS.cnn,
        ...SHIPPED_NGRAM_MEMBERS.map(() => STRUCTURE_BLEND_WEIGHTS.ngram),
        STRUCTURE_BLEND_WEIGHTS.structure,
      ],
    ),
    description: `compact+ngram-bag+struct: the shipped members plus the structure-token model, logits averaged per head (CNN ${STRUCTURE_BLEND_WEIGHTS.cnn}, each n-gram ${STRUCTURE_BLEND_WEIGHTS.ngram}, structure ${STRUCTURE_BLEND_WEIGHTS.structure}), heads against their own thresholds`,
  },
  ...(['lures', 'lures5k', 'lures10k', 'lures-longtail'] as const).map((variant) => ({
    ...ensemble(
      `${SHIPPED_MODEL}-${variant}`,
      ['compact', ...SHIPPED_NGRAM_MEMBERS.map((m) => `${m.name}-${variant}`)],
      'per-head',
      [SHIPPED_CNN_WEIGHT, ...SHIPPED_NGRAM_MEMBERS.map(() => SHIPPED_MEMBER_WEIGHT)],
    ),
    description: `the shipped blend with its n-gram members trained on synthetic ${variant === 'lures-longtail' ? 'brand lures and benign long-tail names' : 'brand lures'} (ngram-n6*-${variant})`,
  })),
  // The closest candidate end to end: every member, the CNN included, trained without the calibration hold-out.
  ...(['lures', 'lures5k'] as const).map((variant) => ({
    ...ensemble(
      `${SHIPPED_MODEL}-${variant}${CALIBRATION_SUFFIX}`,
      [
        `compact${CALIBRATION_SUFFIX}`,
        ...SHIPPED_NGRAM_MEMBERS.map((m) => `${m.name}-${variant}${CALIBRATION_SUFFIX}`),
      ],
      'per-head',
      [SHIPPED_CNN_WEIGHT, ...SHIPPED_NGRAM_MEMBERS.map(() => SHIPPED_MEMBER_WEIGHT)],
    ),
    description: `the shipped blend with its n-gram members trained on synthetic brand lures (ngram-n6*-${variant}), every member trained without the calibration hold-out`,
  })),
  // Other blends are named on the command line (`a+b:perhead`, `a+b:w70`, …; parseEnsembleName), not registered.
  {
    ...ensemble(PREVIOUS_MODEL, ['compact', 'ngram'], 'per-head', [1 - PREVIOUS_NGRAM_WEIGHT, PREVIOUS_NGRAM_WEIGHT]),
    description: `the previous shipped scorer: compact CNN + n-gram, logits averaged per head (n-gram weight ${PREVIOUS_NGRAM_WEIGHT})`,
  },
];

/** Members trained without the calibration hold-out (`-cal`): the CNN and the lure-trained n-gram members. */
const CALIBRATION_CANDIDATES = [...CNN_CANDIDATES, ...NGRAM_CANDIDATES]
  .filter((m) => m.name === 'compact' || /^ngram-n6(-hash\d)?-lures(5k)?$/.test(m.name))
  .map((m) => withoutCalibrationHoldout(m));

export const MODEL_REGISTRY: ReadonlyMap<string, ModelEntry> = new Map<string, ModelEntry>([
  ...NGRAM_CANDIDATES.map((m) => [m.name, { kind: 'candidate' as const, ...m }] as const),
  ...CNN_CANDIDATES.map((m) => [m.name, { kind: 'candidate' as const, ...m }] as const),
  ...CALIBRATION_CANDIDATES.map((m) => [m.name, { kind: 'candidate' as const, ...m }] as const),
  ...ENSEMBLES.map((m) => [m.name, { kind: 'ensemble' as const, ...m }] as const),
]);

/** The default comparison: the n-gram baseline, the seed CNN, the shipped CNN member alone and the shipped scorer. */
export const DEFAULT_MODELS: readonly string[] = ['ngram', 'seed', 'compact', SHIPPED_MODEL];

const METHODS: Record<string, Method> = {
  logits: 'logits',
  prob: 'probabilities',
  z: 'standardised',
  stack: 'stack',
  perhead: 'per-head',
};

/**
 * Ensembles by name, beyond the registered ones: `a+b[+c][:method]` with method logits (default),
 * prob, z, stack, perhead, wNN (logit mean with NN % on the last member), wA-B[-C] (one
 * percentage per member, summing to 100) or perhead-w….
 */
export function parseEnsembleName(name: string): EnsembleModel | null {
  const [list, methodName = 'logits'] = name.split(':');
  const members = list!.split('+');
  if (members.length < 2 || members.some((m) => MODEL_REGISTRY.get(m)?.kind !== 'candidate')) return null;
  const weighted = /^(perhead-)?w(\d{1,2}(?:-\d{1,2})*)$/.exec(methodName);
  if (weighted) {
    const given = weighted[2]!.split('-').map((w) => Number(w) / 100);
    const weights =
      given.length === 1
        ? members.map((_, i) => (i === members.length - 1 ? given[0]! : (1 - given[0]!) / (members.length - 1)))
        : given;
    if (weights.length !== members.length || Math.abs(weights.reduce((a, b) => a + b, 0) - 1) > 1e-9) return null;
    return ensemble(name, members, weighted[1] ? 'per-head' : 'logits', weights);
  }
  const method = METHODS[methodName];
  return method ? ensemble(name, members, method) : null;
}

/** Resolves names to entries; throws a UsageError naming the known models on a typo. */
export function resolveModels(names: readonly string[]): ModelEntry[] {
  return names.map((name) => {
    const entry = MODEL_REGISTRY.get(name);
    if (entry) return entry;
    const parsed = parseEnsembleName(name);
    if (parsed) return { kind: 'ensemble' as const, ...parsed };
    throw new UsageError(
      `unknown model "${name}"; known: ${[...MODEL_REGISTRY.keys()].join(', ')}, or an ensemble a+b[:logits|prob|z|stack|perhead|wNN|wA-B…|perhead-w…]`,
    );
  });
}
