import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderGeneralisationMarkdown, runGeneralisation } from '../../src/cli/generalisation/index.js';
import { seededRandom } from '../../src/core/rng.js';
import { DEFAULT_MODELS, MODEL_REGISTRY, SHIPPED_MODEL } from '../../src/cli/generalisation/registry.js';
import { SHIPPED_CNN_WEIGHT, SHIPPED_NGRAM_MEMBERS } from '../../src/cli/ngram/shipped-members.js';

/** A miniature pool on disk: one benign list, two malicious sources, three DGA families. */
async function writePool(dir: string): Promise<void> {
  const random = seededRandom(11);
  const letters = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const words = ['shop', 'news', 'blog', 'travel', 'garden', 'music', 'photo', 'city', 'club', 'home', 'food', 'art'];
  const word = () => words[Math.floor(random() * words.length)]!;
  const lists: Record<string, string[]> = {
    'benign-list.txt': Array.from({ length: 600 }, (_, i) => `${word()}${word()}${i}.com`),
    'malicious-phish.txt': Array.from({ length: 150 }, () => `secure-login-${letters('abcdefghij', 6)}.xyz`),
    'malicious-malware.txt': Array.from({ length: 150 }, () => `${letters('bcdfghjklmnpqrstvwxz', 8)}.top`),
    'dga-one.txt': Array.from({ length: 80 }, () => `${letters('qwxzjk', 14)}.net`),
    'dga-two.txt': Array.from({ length: 80 }, () => `${letters('0123456789abcdef', 20)}.biz`),
    'dga-three.txt': Array.from({ length: 80 }, () => `${letters('aeiou', 3)}${letters('xyz', 9)}.info`),
  };
  for (const [name, hosts] of Object.entries(lists))
    await writeFile(path.join(dir, name), `${[...new Set(hosts)].join('\n')}\n`);
}

describe('runGeneralisation on a miniature pool', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'snowman-gen-'));
    await writePool(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports every held-out source and family for every model, with means', async () => {
    const lines: string[] = [];
    const result = await runGeneralisation({
      dataDir: dir,
      models: ['ngram', 'ngram-heads', 'seed', 'seed+ngram-heads:perhead'],
      epochs: 1,
      seed: 2,
      log: (l) => lines.push(l),
    });
    const heldOut = [...new Set(result.folds.map((r) => r.heldOut))].sort();
    expect(heldOut).toEqual([
      'dga-one',
      'dga-three',
      'dga-two',
      'malicious-malware',
      'malicious-phish',
      'random-dga',
      'random-malicious',
    ]);
    expect(result.folds).toHaveLength(4 * heldOut.length);
    expect(result.protocol.sourceByFold).toEqual(['malicious-malware', 'malicious-phish']);
    expect(result.protocol.familyGroups.flat().sort()).toEqual(['dga-one', 'dga-three', 'dga-two']);
    for (const m of result.means) {
      expect(m.subdomainFlagged).toBeGreaterThanOrEqual(0);
      expect(m.source.folds).toBe(2);
      expect(m.family.folds).toBe(3);
      expect(m.source.auc).toBeGreaterThan(0.5);
    }
    expect(result.costs.map((c) => c.model).sort()).toEqual(['ngram', 'ngram-heads', 'seed']); // the ensemble trains nothing itself
    expect(result.benignBySource.map((r) => r.source)).toContain('benign-list');
    expect(renderGeneralisationMarkdown(result)).toContain('| malicious-phish | source |');
    expect(lines.some((l) => l.startsWith('fold 1/3'))).toBe(true);
  });

  it('runs the default comparison: the CNNs, the n-gram baseline and the shipped blend, whose members are those the trainer ships', async () => {
    const shipped = MODEL_REGISTRY.get(SHIPPED_MODEL);
    expect(shipped?.kind).toBe('ensemble');
    const members = shipped?.kind === 'ensemble' ? shipped.members : [];
    expect(members).toEqual(['compact', ...SHIPPED_NGRAM_MEMBERS.map((m) => m.name)]);
    expect(shipped?.description).toContain(`CNN weight ${SHIPPED_CNN_WEIGHT}`);
    const result = await runGeneralisation({
      dataDir: dir,
      models: [...DEFAULT_MODELS],
      epochs: 1,
      seed: 3,
      random: false,
      log: () => {},
    });
    expect(result.means.map((m) => m.model)).toEqual([...DEFAULT_MODELS]);
    expect(DEFAULT_MODELS).toEqual(expect.arrayContaining(['ngram', SHIPPED_MODEL, 'compact']));
    // The blend is scored from its members' logits: its rows differ from each member's own.
    const auc = (model: string) => result.folds.filter((r) => r.model === model).map((r) => r.auc);
    expect(auc(SHIPPED_MODEL)).not.toEqual(auc('compact'));
    expect(result.costs.map((c) => c.model).sort()).toEqual(
      ['compact', 'ngram', 'seed', ...SHIPPED_NGRAM_MEMBERS.map((m) => m.name)].sort(),
    );
  });

  it('reuses cached scores on a rerun and gets the same rows', async () => {
    const cacheDir = path.join(dir, 'cache');
    const options = { dataDir: dir, models: ['ngram'], epochs: 1, seed: 4, random: false, cacheDir };
    const first = await runGeneralisation(options);
    const lines: string[] = [];
    const second = await runGeneralisation({ ...options, log: (l) => lines.push(l) });
    expect(lines.filter((l) => l.includes('scores from the cache'))).toHaveLength(2);
    expect(second.folds).toEqual(first.folds);
    expect(second.costs).toEqual(first.costs);
  });

  it('runs only the folds asked for, and with cachedOnly scores only folds already cached', async () => {
    const cacheDir = path.join(dir, 'cache-partial');
    const options = { dataDir: dir, models: ['ngram'], epochs: 1, seed: 5, random: false, cacheDir };
    const seen: number[] = [];
    const one = await runGeneralisation({ ...options, onlyFolds: [1], onFold: (f) => void seen.push(f.plan.index) });
    expect(seen).toEqual([1]);
    expect(new Set(one.folds.map((r) => r.fold))).toEqual(new Set([1]));
    const lines: string[] = [];
    const cached = await runGeneralisation({ ...options, cachedOnly: true, log: (l) => lines.push(l) });
    expect(cached.folds).toEqual(one.folds);
    expect(lines.some((l) => l.includes('skipped: ngram not in the cache'))).toBe(true);
  });

  it('refuses an unknown model name', async () => {
    await expect(runGeneralisation({ dataDir: dir, models: ['nope'] })).rejects.toThrow(/unknown model "nope"/);
  });
});

describe('runGeneralisation with two benign lists', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'snowman-gen-lists-'));
    await writePool(dir);
    const random = seededRandom(5);
    const tail = Array.from(
      { length: 300 },
      (_, i) => `${['oak', 'elm', 'pine', 'fir'][Math.floor(random() * 4)]}street${i}.org`,
    );
    await writeFile(path.join(dir, 'benign-tail.txt'), `${tail.join('\n')}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds one leave-one-benign-list-out row per list, with flagged and stopped shares, and their mean', async () => {
    const result = await runGeneralisation({
      dataDir: dir,
      models: ['ngram'],
      epochs: 1,
      seed: 2,
      random: false,
      log: () => {},
    });
    const lists = result.folds.filter((r) => r.kind === 'benign-list');
    expect(lists.map((r) => r.heldOut).sort()).toEqual(['benign-list', 'benign-tail']);
    for (const r of lists) {
      expect(r.nNegatives).toBe(r.heldOut === 'benign-tail' ? 300 : 600);
      expect(r.flagged).toBeGreaterThanOrEqual(0);
      expect(r.stopped).toBeLessThanOrEqual(r.flagged!);
    }
    // Every other row carries the operating-point shares of its positives too.
    for (const r of result.folds) expect(r.flagged).toBeGreaterThanOrEqual(r.stopped!);
    const [m] = result.means;
    expect(m!.benignList!.folds).toBe(2);
    expect(m!.benignList!.flagged).toBeCloseTo((lists[0]!.flagged! + lists[1]!.flagged!) / 2, 9);
    expect(result.protocol.sourceByFold).toEqual(['malicious-malware', 'malicious-phish']);
    expect(result.benignBySource.map((r) => r.source).sort()).toEqual(['benign-list', 'benign-tail']);
  });
});
