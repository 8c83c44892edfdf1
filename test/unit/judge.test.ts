/** The background's judge on the real shipped model in Node: caching, batching and user choices around decide(). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJudge, frameRecordOf, shouldInterrupt, siteOf } from '../../src/background/judge.js';
import { createScoreCache, type KeyValueStore } from '../../src/core/cache.js';
import { parseDomain } from '../../src/core/domain.js';
import { initBackend } from '../../src/core/model/backend.js';
import { type Scorer } from '../../src/core/model/scorer.js';
import { loadLayersScorer } from '../../src/cli/model/layers-scorer.js';
import type { DecisionContext } from '../../src/core/verdict.js';
import { diskModelReader } from '../../src/cli/model-dir.js';

let scorer: Scorer;
const predicted: string[][] = [];

beforeAll(async () => {
  await initBackend({ preferred: 'wasm' });
  const real = await loadLayersScorer(diskModelReader());
  // Counts predict calls; scores are the real model's.
  scorer = {
    ...real,
    metadata: real.metadata,
    predict: (hosts) => (predicted.push([...hosts]), real.predict(hosts)),
    dispose: () => real.dispose(),
  };
});
afterAll(() => scorer.dispose());

/** The shipped metadata with every cut-off at 0: any scored name is dangerous. */
function everythingDangerous(heads: typeof scorer.metadata.architecture.heads) {
  const calibration = scorer.metadata.calibration;
  return {
    ...scorer.metadata,
    thresholds: Object.fromEntries(heads.map((h) => [h, { suspicious: 0, dangerous: 0 }])),
    ...(calibration ? { calibration: { ...calibration, levels: { suspicious: 0, dangerous: 0 } } } : {}),
  };
}

function setup(options: { trusted?: string[]; allowed?: string[]; popular?: string[] } = {}) {
  // Every name at or above 0 is dangerous: the tests below are about what happens around the model.
  const heads = scorer.metadata.architecture.heads;
  const metadata = everythingDangerous(heads);
  const context: DecisionContext = { metadata, isPopular: (d) => (options.popular ?? []).includes(d) };
  const data = new Map<string, unknown>();
  const store: KeyValueStore = {
    get: async (keys) => Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)])),
    set: async (items) => void Object.entries(items).forEach(([k, v]) => data.set(k, v)),
  };
  const cache = createScoreCache({ version: metadata.version, store });
  const judge = createJudge({
    scorer,
    cache,
    context,
    isTrusted: (s) => (options.trusted ?? []).includes(s),
    isSessionAllowed: (s) => (options.allowed ?? []).includes(s),
  });
  return { judge, store, cache };
}

describe('judge', () => {
  it('stops a dangerous name and records it for the tab', async () => {
    const { judge } = setup();
    const j = await judge.judge('http://www.login-check.example-bank.co.uk:8080/path');
    expect(j.verdict?.level).toBe('dangerous');
    expect(j.site).toBe('example-bank.co.uk');
    expect(shouldInterrupt(j)).toBe(true);
    expect(frameRecordOf(j)).toMatchObject({
      host: 'www.login-check.example-bank.co.uk',
      level: 'dangerous',
      score: j.verdict!.score,
    });
  });

  it('never interrupts popular, trusted or session-allowed sites, nor what it cannot score', async () => {
    const { judge } = setup({ popular: ['popular.com'], trusted: ['trusted.net'], allowed: ['allowed.org'] });
    const [popular, trusted, allowed, local, ip] = await judge.judgeMany([
      'https://x9z.popular.com/',
      'http://trusted.net/',
      'http://a.allowed.org/',
      'http://intranet/',
      'http://10.0.0.1/',
    ]);
    expect(popular!.verdict?.reasons[0]?.kind).toBe('popular');
    expect(trusted!.verdict?.reasons[0]?.kind).toBe('user-trusted');
    expect(allowed!.verdict?.level).toBe('dangerous');
    expect(allowed!.sessionAllowed).toBe(true);
    expect(local!.verdict?.level).toBe('unscorable');
    expect(ip!.verdict?.level).toBe('unscorable');
    for (const j of [popular, trusted, allowed, local, ip]) expect(shouldInterrupt(j!)).toBe(false);
  });

  it('scores each distinct host once per batch and never again from cache', async () => {
    const { judge } = setup();
    predicted.length = 0;
    await judge.judgeMany([
      'http://aa-one.com/',
      'http://www.aa-one.com/x',
      'http://bb-two.net/',
      'http://aa-one.com/y',
    ]);
    expect(predicted).toEqual([['aa-one.com', 'bb-two.net']]);
    await judge.judge('https://aa-one.com/again');
    expect(predicted).toHaveLength(1);
  });

  it('concurrent judgements of one new host share one prediction', async () => {
    const { judge } = setup();
    predicted.length = 0;
    const results = await Promise.all([
      judge.judge('http://cc-three.com/'),
      judge.judge('http://cc-three.com/a'),
      judge.judgeMany(['http://cc-three.com/b']),
    ]);
    expect(predicted.flat()).toEqual(['cc-three.com']);
    expect(results[0].verdict?.score).toBe(results[1].verdict?.score);
  });

  it('a restarted worker with its model scores a name at once, agreeing with the stored score', async () => {
    const first = setup();
    const before = await first.judge.judge('http://dd-four.com/');
    const restarted = createJudge({
      scorer,
      cache: createScoreCache({ version: scorer.metadata.version, store: first.store }),
      context: { metadata: scorer.metadata, isPopular: () => false },
      isTrusted: () => false,
      isSessionAllowed: () => false,
    });
    predicted.length = 0;
    const after = await restarted.judge('http://dd-four.com/');
    // Half a millisecond of scoring beats a storage round trip (strict mode races the request).
    expect(predicted).toEqual([['dd-four.com']]);
    expect(after.verdict?.score).toBe(before.verdict?.score);
  });

  it('before the model loads, a restarted worker answers names scored this session and only those', async () => {
    const first = setup({ trusted: ['gg-seven.com'] });
    await first.judge.judge('http://ff-six.com/');
    await first.judge.judge('http://gg-seven.com/');
    const context: DecisionContext = {
      metadata: everythingDangerous(scorer.metadata.architecture.heads),
      isPopular: () => false,
    };
    const loading = createJudge({
      scorer: null,
      cache: createScoreCache({ version: scorer.metadata.version, store: first.store }),
      context,
      isTrusted: (s) => s === 'gg-seven.com',
      isSessionAllowed: () => false,
    });
    predicted.length = 0;
    const known = await loading.judgeCached('https://www.ff-six.com/again');
    expect(known?.verdict?.level).toBe('dangerous');
    expect(shouldInterrupt(known!)).toBe(true);
    // The user's choices apply as they do once the model is in.
    expect((await loading.judgeCached('http://gg-seven.com/'))?.verdict?.level).toBe('safe');
    expect(await loading.judgeCached('http://never-seen-before.net/')).toBeNull();
    // Unscorable names need no score at all.
    expect((await loading.judgeCached('http://10.0.0.1/'))?.verdict?.level).toBe('unscorable');
    expect(predicted).toEqual([]);
    // A score from another model version is not an answer.
    const otherModel = createJudge({
      scorer: null,
      cache: createScoreCache({ version: 'another-model', store: first.store }),
      context,
      isTrusted: () => false,
      isSessionAllowed: () => false,
    });
    expect(await otherModel.judgeCached('http://ff-six.com/')).toBeNull();
  });

  it("judges a batch (a page's links) from memory or the model, without reading the store back", async () => {
    const first = setup();
    await first.judge.judge('http://ee-five.com/');
    let reads = 0;
    const store: KeyValueStore = {
      get: async (keys) => (reads++, first.store.get(keys)),
      set: (items) => first.store.set(items),
    };
    const restarted = createJudge({
      scorer,
      cache: createScoreCache({ version: scorer.metadata.version, store }),
      context: { metadata: scorer.metadata, isPopular: () => false },
      isTrusted: () => false,
      isSessionAllowed: () => false,
    });
    predicted.length = 0;
    const [batch] = await restarted.judgeMany(['http://ee-five.com/']);
    expect(reads).toBe(0);
    expect(predicted).toEqual([['ee-five.com']]);
    // Same score either way; a navigation (one name) still reads the store.
    const [again] = await first.judge.judgeMany(['http://ee-five.com/']);
    expect(batch!.verdict?.score).toBeCloseTo(again!.verdict!.score!, 6);
  });

  it('siteOf keys user choices by registrable domain (PSL private section on)', () => {
    const parsed = (u: string) => {
      const p = parseDomain(u);
      if (!p.ok) throw new Error(u);
      return p;
    };
    expect(siteOf(parsed('http://a.b.example.com/'))).toBe('example.com');
    expect(siteOf(parsed('https://someone.github.io/'))).toBe('someone.github.io');
  });
});
