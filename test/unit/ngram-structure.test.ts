import { describe, expect, it } from 'vitest';
import { buildLexicon, ENDS, LEXICON_ROOT, lexiconFlags, lexiconStep } from '../../src/core/ngram/lexicon.js';
import { foldLookalikes, STRUCTURE_KIND, STRUCTURE_TOKENS, structureTokens } from '../../src/core/ngram/structure.js';
import { hostParts } from '../../src/core/ngram/parts.js';
import {
  DEFAULT_NGRAM_FEATURES,
  ngramBuckets,
  validateNgramSpec,
  type NgramFeatureSpec,
} from '../../src/core/ngram/features.js';
import { decodeNgramModel, encodeNgramModel } from '../../src/core/ngram/format.js';
import { ngramLogits, type NgramModel } from '../../src/core/ngram/model.js';
import { baggedGroup, blendProbabilities, ngramHeadLogits } from '../../src/core/ngram/blend.js';
import { canScoreBagged } from '../../src/core/ngram/bagged.js';
import { BASELINE_NGRAM, trainNgramModel } from '../../src/cli/ngram/train-model.js';
import { mineBrands } from '../../src/cli/ngram/structure-lexicon.js';
import type { Example } from '../../src/cli/data/labelled-files.js';
import { syntheticExamples } from './helpers/synthetic-names.js';

const LEXICON = {
  words: ['sweet', 'garden', 'pay', 'pal', 'blue', 'sky', 'ability', 'case'],
  brands: ['paypal', 'dhl'],
};
const lexicon = buildLexicon(LEXICON);

function flagsOf(text: string): number {
  let hash = LEXICON_ROOT;
  for (let i = 0; i < text.length; i++) hash = lexiconStep(hash, text.charCodeAt(i));
  return lexiconFlags(lexicon, hash);
}

/** The host's tokens as kind → value. */
function tokens(host: string): Map<number, number> {
  const out = new Int32Array(STRUCTURE_TOKENS);
  const n = structureTokens(host, hostParts(host), lexicon, out, 0);
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) map.set(out[i]! >> 16, out[i]! & 0xffff);
  return map;
}

const K = STRUCTURE_KIND;

describe('lexicon', () => {
  it('knows entries and their prefixes and nothing else', () => {
    expect(flagsOf('garden') & ENDS.word).toBe(ENDS.word);
    expect(flagsOf('gard')).toBe(ENDS.prefix);
    expect(flagsOf('paypal') & ENDS.brand).toBe(ENDS.brand);
    expect(flagsOf('dhl') & ENDS.shortBrand).toBe(ENDS.shortBrand);
    expect(flagsOf('login') & ENDS.strongAction).toBe(ENDS.strongAction);
    expect(flagsOf('gardens')).toBe(0);
    expect(flagsOf('xq')).toBe(0);
  });
});

describe('structure tokens', () => {
  it('mark a brand outside its own domain, and with an action word', () => {
    const lure = tokens('paypal-verify-account.top');
    expect(lure.get(K.brandInLabel)).toBe(1);
    expect(lure.get(K.brandAction)).toBe(2);
    const own = tokens('paypal.com');
    expect(own.get(K.brandIsLabel)).toBe(1);
    expect(own.has(K.brandInLabel)).toBe(false);
    expect(own.has(K.brandAction)).toBe(false);
    expect(tokens('paypal.secure-login.com').get(K.brandInSub)).toBe(1);
  });

  it('read look-alike digits and letter pairs as the brand they imitate', () => {
    expect(foldLookalikes('paypa1-rnicro0')).toBe('paypal-micro0'.replace('0', 'o'));
    const folded = tokens('login.paypa1.com');
    expect(folded.get(K.brandIsLabel)).toBe(2);
    expect(folded.get(K.brandAction)).toBe(2);
  });

  it('match a short brand only as a whole run of letters', () => {
    expect(tokens('dhl-parcel.top').get(K.brandInLabel)).toBe(1);
    expect(tokens('adhlx.top').has(K.brandInLabel)).toBe(false);
  });

  it('segment the label into dictionary words: glued words versus random letters', () => {
    const glued = tokens('sweetgarden.net');
    expect(glued.get(K.words)).toBe(2);
    expect(glued.get(K.cover)).toBe(4);
    expect(glued.get(K.glued)).toBe(2);
    expect(glued.get(K.run)).toBe(0);
    const random = tokens('xkqjzvbtrw.info');
    expect(random.get(K.words)).toBe(0);
    expect(random.get(K.cover)).toBe(0);
    expect(random.get(K.run)).toBe(5);
    expect(random.has(K.glued)).toBe(false);
    const hyphenated = tokens('ability-case.com');
    expect(hyphenated.get(K.words)).toBe(2);
    expect(hyphenated.has(K.glued)).toBe(false);
    expect(hyphenated.get(K.hyphens)).toBe(1);
  });

  it('count labels, digit runs and sub-domain depth', () => {
    const t = tokens('a.b.x12y345.co.uk');
    expect(t.get(K.labels)).toBe(5);
    expect(t.get(K.digitRuns)).toBe(2);
    expect(t.get(K.subDepth)).toBe(2);
  });

  it('leave the label count and sub-domain depth out when the lexicon says so', () => {
    const noSub = buildLexicon({ ...LEXICON, subShape: false });
    const out = new Int32Array(STRUCTURE_TOKENS);
    const n = structureTokens('ns1.sweetgarden.net', hostParts('ns1.sweetgarden.net'), noSub, out, 0);
    const kinds = [...out.slice(0, n)].map((v) => v >> 16);
    expect(kinds).not.toContain(K.labels);
    expect(kinds).not.toContain(K.subDepth);
    expect(kinds).toContain(K.glued);
    expect(tokens('ns1.sweetgarden.net').get(K.subDepth)).toBe(1);
  });
});

const examples = syntheticExamples(600, 7);
const structureSpec = (ngrams: boolean): NgramFeatureSpec => ({
  ...DEFAULT_NGRAM_FEATURES,
  bits: 14,
  maxN: 6,
  version: 4,
  parts: false,
  words: false,
  ngrams,
});
const trained = (features: NgramFeatureSpec, structure: boolean): NgramModel =>
  decodeNgramModel(
    encodeNgramModel(
      trainNgramModel(examples, [], { ...BASELINE_NGRAM, features, structure, epochs: 1 }).model,
      'int8',
    ),
  ).model;

describe('structure features in an n-gram model', () => {
  it('are stored with the model: a saved structure model scores as trained', () => {
    const model = trainNgramModel(examples, [], {
      ...BASELINE_NGRAM,
      features: structureSpec(false),
      structure: true,
      epochs: 1,
    }).model;
    const loaded = decodeNgramModel(encodeNgramModel(model, 'int8')).model;
    expect(loaded.features.structure?.brands).toContain('metamask');
    const hosts = ['paypal-verify.top', 'qx9zk2bd.top', 'sweetgarden.net'];
    expect(ngramLogits(loaded, hosts)).toEqual(ngramLogits(model, hosts));
  });

  it('without n-grams write only the structure tokens', () => {
    const spec = { ...structureSpec(false), structure: LEXICON };
    const out = new Uint32Array(64);
    expect(ngramBuckets('paypal-verify.top', spec, out)).toBeLessThanOrEqual(STRUCTURE_TOKENS);
    expect(ngramBuckets('paypal-verify.top', { ...spec, ngrams: true }, out)).toBeGreaterThan(STRUCTURE_TOKENS);
  });

  it('refuse a version-4 spec without a lexicon or with entries the lexicon cannot hold', () => {
    expect(() => validateNgramSpec(structureSpec(false))).toThrow();
    expect(() =>
      validateNgramSpec({ ...structureSpec(false), structure: { words: ['ok', 'Bad'], brands: [] } }),
    ).toThrow();
    expect(() => validateNgramSpec({ ...DEFAULT_NGRAM_FEATURES, ngrams: false })).toThrow();
  });

  it('join a blend of bagged n-grams: the n-grams share a walk, the structure member scores alone', () => {
    const bag = [0x5eed, 0x2b0b, 0x3c0c].map((hashSeed) =>
      trained({ ...DEFAULT_NGRAM_FEATURES, bits: 14, maxN: 6, hashSeed }, false),
    );
    const structure = trained(structureSpec(false), true);
    const models = [...bag, structure];
    expect(canScoreBagged(models)).toBe(false);
    expect(baggedGroup(models)).toEqual([0, 1, 2]);
    expect(baggedGroup([structure, ...bag])).toEqual([1, 2, 3]);
    const hosts = ['paypal-verify.top', 'qx9zk2bd.top', 'sweetgarden.net'];
    const heads = ['malicious', 'dga'];
    const cnn = new Float32Array(hosts.length * 2).fill(0.5);
    const weights = [0.2, 0.2, 0.2, 0.2];
    const blended = blendProbabilities(
      cnn,
      heads,
      models.map((model, j) => ({ model, weight: weights[j]! })),
      hosts,
    );
    const expected = new Float64Array(hosts.length * 2);
    models.forEach((model, j) => {
      const z = ngramHeadLogits(model, heads, hosts);
      for (let k = 0; k < z.length; k++) expected[k] = expected[k]! + weights[j]! * z[k]!;
    });
    for (let k = 0; k < expected.length; k++) expect(blended[k]).toBeCloseTo(1 / (1 + Math.exp(-expected[k]!)), 6);
  });
});

describe('brands mined from training names', () => {
  const ex = (host: string, label: Example['label']): Example => ({ host, label, source: label, group: host });
  it('keep benign labels that lures carry outside their own domain, not pieces of English words', () => {
    const train: Example[] = [
      ex('zorblax.com', 'benign'),
      ex('garden.com', 'benign'),
      ex('ardens.org', 'benign'),
      ...['verify', 'login', 'secure', 'help', 'update', 'claim'].flatMap((w) => [
        ex(`zorblax-${w}.top`, 'malicious'),
        ex(`${w}-gardens.top`, 'malicious'),
      ]),
      ex('zorblax.evil.top', 'benign'),
    ];
    const mined = mineBrands(train, new Set(['garden', 'gardens']));
    expect(mined).toContain('zorblax');
    expect(mined).not.toContain('ardens');
    expect(mined).not.toContain('garden');
  });
});
