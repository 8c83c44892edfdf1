/**
 * The n-gram baseline and its variants as harness candidates. Multi-head variants combine their
 * heads as the verdict does: each head against its own threshold, the worst head wins.
 */
import type { Example } from '../data/labelled-files.js';
import { DEFAULT_NGRAM_FEATURES } from '../../core/ngram/features.js';
import { BENIGN_PREFIXES } from '../train/augment.js';
import { ngramLogits } from '../../core/ngram/model.js';
import {
  BASELINE_NGRAM,
  PARTS_FEATURES,
  trainNgramModel,
  type NgramHeadSpec,
  type NgramModelOptions,
} from '../ngram/train-model.js';
import { headsCandidate, type CandidateModel, type TrainContext, type TrainedCandidate } from './candidate.js';
import { columns } from './combine.js';
import { QUICK_MEMBER_BITS, quickMemberRecipe } from '../ngram/quick-member.js';
import { SHIPPED_NGRAM_MEMBERS, STRUCTURE_MEMBER, STRUCTURE_NOSUB_MEMBER } from '../ngram/shipped-members.js';
import { brandLures, longTailBenign } from '../train/brand-lures.js';

/** Synthetic brand lures added to a fold's training names by the `-lures` candidates. */
export const LURE_COUNT = 20_000;
/** Smaller lure budgets (`-lures5k`, `-lures10k`): does the AUC cost shrink with fewer lures? */
export const FEWER_LURE_COUNTS: readonly number[] = [5_000, 10_000];
/** Synthetic benign long-tail names added by the `-lures-longtail` candidates. */
export const LONG_TAIL_COUNT = 10_000;

/** Lists whose positives look like phishing and scam pages (the reference's "phishing-like" head). */
export const PHISHING_LIKE_SOURCES: readonly string[] = [
  'malicious-phishing-blocklistproject',
  'malicious-scam-blocklistproject',
];

/** An n-gram candidate for the given options (heads, weighting, features). */
export function ngramCandidate(
  name: string,
  description: string,
  options: Partial<NgramModelOptions> = {},
  augment?: (train: readonly Example[], seed: number) => Example[],
): CandidateModel {
  return {
    name,
    description,
    async train(
      train: readonly Example[],
      validation: readonly Example[],
      context: TrainContext,
    ): Promise<TrainedCandidate> {
      const settings: NgramModelOptions = {
        ...BASELINE_NGRAM,
        epochs: context.epochs,
        ...options,
        seed: context.seed,
        log: context.log,
      };
      const extra = augment?.(train, context.seed) ?? [];
      if (extra.length > 0) context.log(`  ${name}: ${extra.length} synthetic training names`);
      const { model, reports } = trainNgramModel(extra.length > 0 ? [...train, ...extra] : train, validation, settings);
      context.log(
        `  ${name}: ${reports.map((r) => `${Math.round(r.samplesPerSecond / 1000)}k samples/s, best epoch ${r.bestEpoch}`).join('; ')}`,
      );
      const categories = model.heads.map((h) => h.category);
      return headsCandidate(
        categories,
        async (hosts) => columns(ngramLogits(model, hosts), categories.length),
        validation,
      );
    },
  };
}

/**
 * The trainer's benign prefixes without the words phishing hosts are built from: teaching that
 * `login.` or `secure.` in front of a name is benign works against catching lures.
 */
export const RISK_WORDS = new Set([
  'login',
  'auth',
  'id',
  'secure',
  'account',
  'accounts',
  'my',
  'portal',
  'pay',
  'checkout',
  'billing',
  'admin',
  'support',
  'help',
  'webmail',
  'mail',
  'owa',
  'autodiscover',
  'vpn',
  'remote',
  'cms',
  'crm',
  'hr',
  'intranet',
  'download',
  'files',
  'drive',
  'cloud',
  'app',
  'apps',
  'online',
  'web',
  'link',
  'click',
  'track',
  'go',
]);
export const SAFE_BENIGN_PREFIXES = BENIGN_PREFIXES.filter((p) => !p.split('.').some((label) => RISK_WORDS.has(label)));

const TWO_HEADS: readonly NgramHeadSpec[] = [
  { category: 'malicious', positives: ['malicious'] },
  { category: 'dga', positives: ['dga'] },
];

/** The baseline's broad head (everything risky) beside a malicious-only head: DGA keeps the broad view. */
const BROAD_AND_MALICIOUS: readonly NgramHeadSpec[] = [
  { category: 'malicious', positives: ['malicious', 'dga'] },
  { category: 'malicious', positives: ['malicious'] },
];

const THREE_HEADS: readonly NgramHeadSpec[] = [
  { category: 'malicious', positives: ['malicious'], sources: PHISHING_LIKE_SOURCES },
  { category: 'malicious', positives: ['malicious'] },
  { category: 'dga', positives: ['dga'] },
];

/** The n-gram entries of the registry. */
export const NGRAM_CANDIDATES: readonly CandidateModel[] = [
  ngramCandidate(
    'ngram',
    'hashed char 1–5-grams with ^/$ markers, 2^20 buckets, one logistic regression (benign vs the rest), class-balanced, int8',
  ),
  ngramCandidate('ngram-heads', 'n-gram, separate malicious and DGA heads, each with its own threshold', {
    heads: TWO_HEADS,
  }),
  ngramCandidate(
    'ngram-phish',
    'n-gram, a phishing-like head (phishing + scam lists only) beside the malicious and DGA heads',
    { heads: THREE_HEADS },
  ),
  ngramCandidate('ngram-srcw', 'n-gram baseline with every positive source weighted equally', { weighting: 'source' }),
  ngramCandidate(
    'ngram-aug',
    'n-gram baseline with benign sub-domain augmentation (30 % of benign names get mail./api./cdn. … per epoch)',
    { benignPrefixRate: 0.3 },
  ),
  ngramCandidate(
    'ngram-allsrc',
    'n-gram baseline with every source weighted equally, benign lists included (long-tail lists count as much as top lists)',
    { weighting: 'source-all' },
  ),
  ngramCandidate(
    'ngram-parts',
    'n-gram baseline plus n-grams of the registrable label and the sub-domain apart, a public-suffix token and shape tokens',
    { features: PARTS_FEATURES },
  ),
  ngramCandidate('ngram-l2e5', 'n-gram baseline with 10× the L2 (1e-5)', { l2: 1e-5 }),
  ngramCandidate('ngram-l2e4', 'n-gram baseline with 100× the L2 (1e-4)', { l2: 1e-4 }),
  // The shipped blend's members, from the trainer's own recipes.
  ...SHIPPED_NGRAM_MEMBERS.map((m) => {
    const { epochs: _epochs, ...recipe } = m.recipe; // the harness sets the epochs
    return ngramCandidate(m.name, m.description, recipe);
  }),
  // The quick check's own member (the extension's first answers), from the trainer's recipe.
  (() => {
    const { epochs: _epochs, ...recipe } = quickMemberRecipe();
    return ngramCandidate(
      'ngram-quick',
      `the quick check's own member: 1–6-grams over 2^${QUICK_MEMBER_BITS} buckets`,
      recipe,
    );
  })(),
  ngramCandidate('ngram-n4', 'n-gram baseline with 1–4-grams', { features: { ...DEFAULT_NGRAM_FEATURES, maxN: 4 } }),
  ngramCandidate('ngram-parts-heads', 'ngram-parts with separate malicious and DGA heads', {
    features: PARTS_FEATURES,
    heads: TWO_HEADS,
  }),
  ngramCandidate('ngram-parts-srcw', 'ngram-parts with every positive source weighted equally', {
    features: PARTS_FEATURES,
    weighting: 'source',
  }),
  ngramCandidate(
    'ngram-broad-mal',
    'n-gram with the baseline head plus a malicious-only head, each with its own threshold',
    { heads: BROAD_AND_MALICIOUS },
  ),
  ngramCandidate('ngram-parts-broad-mal', 'ngram-broad-mal with the structural features of ngram-parts', {
    features: PARTS_FEATURES,
    heads: BROAD_AND_MALICIOUS,
  }),
  ngramCandidate(
    'ngram-mal',
    'n-gram baseline trained on malicious lists only (DGA names left out): a phishing/malware specialist to average with the broad model',
    { heads: [{ category: 'malicious', positives: ['malicious'] }] },
  ),
  ngramCandidate(
    'ngram-split',
    'n-gram with a malicious-only head (phishing/malware specialist) and a broad head (everything risky) serving the dga category',
    {
      heads: [
        { category: 'malicious', positives: ['malicious'] },
        { category: 'dga', positives: ['malicious', 'dga'] },
      ],
    },
  ),
  ngramCandidate('ngram-words', 'n-gram baseline plus whole words (runs of 3+ letters or digits) as tokens', {
    features: { ...DEFAULT_NGRAM_FEATURES, version: 3, parts: false, words: true },
  }),
  ngramCandidate('ngram-e6', 'n-gram baseline trained for 6 epochs (early stopping keeps the best)', { epochs: 6 }),
  ngramCandidate(
    'ngram-aug-safe',
    'n-gram baseline with benign sub-domain augmentation using only prefixes that are not phishing vocabulary',
    { benignPrefixRate: 0.3, benignPrefixes: SAFE_BENIGN_PREFIXES },
  ),
  ngramCandidate('ngram-18', 'n-gram baseline with 2^18 buckets (256 KiB int8)', {
    features: { ...DEFAULT_NGRAM_FEATURES, bits: 18 },
  }),
  ngramCandidate(
    'ngram-hash2',
    'n-gram baseline with another hash seed (other collisions): a second member for an ensemble of n-grams',
    { features: { ...DEFAULT_NGRAM_FEATURES, hashSeed: 0x2b0b } },
  ),
  ngramCandidate('ngram-hash3', 'n-gram baseline with a third hash seed', {
    features: { ...DEFAULT_NGRAM_FEATURES, hashSeed: 0x3c0c },
  }),
  ...[0.1, 0.05].map((rate) => {
    const member = SHIPPED_NGRAM_MEMBERS[2]!;
    const percent = String(Math.round(rate * 100)).padStart(2, '0');
    return ngramCandidate(
      `${member.name}-aug${percent}`,
      `${member.name} with ${Math.round(rate * 100)} % of benign names given a safe service prefix per epoch`,
      { features: member.recipe.features, benignPrefixRate: rate, benignPrefixes: SAFE_BENIGN_PREFIXES },
    );
  }),
  ngramCandidate('ngram-22', 'n-gram baseline with 2^22 buckets (4 MiB int8)', {
    features: { ...DEFAULT_NGRAM_FEATURES, bits: 22 },
  }),
  // Structure tokens (brands, action words, word segmentation, shape) on top of each shipped member.
  ...SHIPPED_NGRAM_MEMBERS.map((m) => {
    const { epochs: _epochs, ...recipe } = m.recipe;
    return ngramCandidate(
      `${m.name}-struct`,
      `${m.name} plus structure tokens (v2 brands): brand outside its own domain, brand + action word, dictionary segmentation of the label, shape buckets`,
      { ...recipe, structure: true },
    );
  }),
  (() => {
    const { epochs: _epochs, ...recipe } = SHIPPED_NGRAM_MEMBERS[0]!.recipe;
    return ngramCandidate(
      'ngram-n6-struct-nosub',
      'ngram-n6 plus the structure tokens without label count and sub-domain depth (struct-nosub), hashed with its n-grams',
      { ...recipe, structure: true, structureSubShape: false },
    );
  })(),
  // The shipped members trained with synthetic brand lures (and benign long-tail names) from the fold's own training split.
  ...SHIPPED_NGRAM_MEMBERS.flatMap((m) => {
    const { epochs: _epochs, ...recipe } = m.recipe;
    return [
      ngramCandidate(
        `${m.name}-lures`,
        `${m.name} plus ${LURE_COUNT} synthetic brand lures built from the training split's brands, action words and suffixes`,
        recipe,
        (train, seed) => brandLures(train, LURE_COUNT, seed),
      ),
      ...FEWER_LURE_COUNTS.map((count) =>
        ngramCandidate(
          `${m.name}-lures${count / 1000}k`,
          `${m.name} plus ${count} synthetic brand lures built from the training split's brands, action words and suffixes`,
          recipe,
          (train, seed) => brandLures(train, count, seed),
        ),
      ),
      ngramCandidate(
        `${m.name}-lures-longtail`,
        `${m.name}-lures plus ${LONG_TAIL_COUNT} synthetic benign names of glued English words`,
        recipe,
        (train, seed) => [...brandLures(train, LURE_COUNT, seed), ...longTailBenign(train, LONG_TAIL_COUNT, seed)],
      ),
    ];
  }),
  ...[STRUCTURE_MEMBER, STRUCTURE_NOSUB_MEMBER].map((m) => {
    const { epochs: _epochs, ...recipe } = m.recipe;
    return ngramCandidate(m.name, m.description, recipe);
  }),
];
