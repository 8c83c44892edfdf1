/**
 * The n-gram members of the shipped blend: three 1–6-gram logistic regressions that differ only
 * in their hash seed, so each collides different n-grams into a bucket. Averaging them is
 * bagging against hashing noise: on unseen sources and DGA families it beat every single n-gram
 * model and every other lever measured (docs/generalisation.md). One list, read by the trainer
 * (src/cli/train/archs.ts) and by the harness (its `shipped` entry and `ngram-n6*` candidates),
 * so the scorer measured is the scorer shipped.
 */
import { DEFAULT_NGRAM_FEATURES } from '../../core/ngram/features.js';
import { BASELINE_NGRAM, type NgramModelOptions } from './train-model.js';

export interface ShippedNgramMember {
  /** Candidate name in the harness (`snowman eval --generalisation --models …`). */
  readonly name: string;
  /** What it is, in the harness's words. */
  readonly description: string;
  /** File in the model directory. */
  readonly file: string;
  readonly recipe: NgramModelOptions;
}

const n6 = (hashSeed: number): NgramModelOptions => ({
  ...BASELINE_NGRAM,
  features: { ...DEFAULT_NGRAM_FEATURES, maxN: 6, hashSeed },
});

export const SHIPPED_NGRAM_MEMBERS: readonly ShippedNgramMember[] = [
  {
    name: 'ngram-n6',
    description: 'n-gram baseline with 1–6-grams',
    file: 'ngram-n6.bin',
    recipe: n6(DEFAULT_NGRAM_FEATURES.hashSeed),
  },
  {
    name: 'ngram-n6-hash2',
    description: 'n-gram with 1–6-grams and another hash seed',
    file: 'ngram-n6-hash2.bin',
    recipe: n6(0x2b0b),
  },
  {
    name: 'ngram-n6-hash3',
    description: 'n-gram with 1–6-grams and a third hash seed',
    file: 'ngram-n6-hash3.bin',
    recipe: n6(0x3c0c),
  },
];

/**
 * Weight of the CNN's logit in the shipped blend; the n-gram members share the rest equally.
 * 0.2 is the middle of the measured trade-off: more CNN weight flags fewer benign names with an
 * ordinary sub-domain and catches fewer names of unseen sources at FPR 1e-3 (AUC barely moves).
 */
export const SHIPPED_CNN_WEIGHT = 0.2;

/** Each n-gram member's weight in the shipped blend. */
export const SHIPPED_MEMBER_WEIGHT = (1 - SHIPPED_CNN_WEIGHT) / SHIPPED_NGRAM_MEMBERS.length;

/**
 * The structure-token member (src/core/ngram/structure.ts): brands, action words, the label's
 * segmentation into dictionary words and shape buckets, without n-grams — a handful of tokens a
 * name, so it adds little to the scorer's cost, and it sees what the n-grams cannot: a brand
 * outside its own domain, words glued together.
 */
export const STRUCTURE_MEMBER: ShippedNgramMember = {
  name: 'struct',
  description:
    'structure tokens alone (no n-grams; v2 brands): brands, action words, dictionary segmentation of the label, shape buckets, suffix',
  file: 'structure.bin',
  recipe: {
    ...BASELINE_NGRAM,
    features: { ...DEFAULT_NGRAM_FEATURES, version: 4, parts: false, words: false, ngrams: false },
    structure: true,
  },
};

/** The structure member without the label-count and sub-domain-depth tokens (the "has a sub-domain" shortcut). */
export const STRUCTURE_NOSUB_MEMBER: ShippedNgramMember = {
  name: 'struct-nosub',
  description:
    'structure tokens alone (no n-grams; v2 brands) without the label-count and sub-domain-depth tokens: brands, action words, dictionary segmentation of the label, label shape, suffix',
  file: 'structure.bin',
  recipe: { ...STRUCTURE_MEMBER.recipe, structureSubShape: false },
};

/** Weights of the blend with the structure member: CNN, each bagged n-gram, the structure member. */
export const STRUCTURE_BLEND_WEIGHTS = { cnn: 0.2, ngram: 0.2, structure: 0.2 } as const;
