import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExplainer } from '../../src/background/explainer.js';
import { readModelFiles } from '../../src/core/model/model-files.js';
import { createJudge, type Judge } from '../../src/background/judge.js';
import { checkLinkSender, createLinkScoring } from '../../src/background/link-scoring.js';
import { withRiskyLinks } from '../../src/background/link-toolbar.js';
import { createPageSummaries, type PageSummaries } from '../../src/background/page-summary.js';
import { diskModelReader } from '../../src/cli/model-dir.js';
import { createScoreCache } from '../../src/core/cache.js';
import { LINK_LIMITS, MESSAGES, validateScoreLinks } from '../../src/core/messages.js';
import { serve, type Handlers, type SenderInfo } from '../../src/core/messages.js';
import { initBackend } from '../../src/core/model/backend.js';
import { type Scorer } from '../../src/core/model/scorer.js';
import { loadLayersScorer } from '../../src/cli/model/layers-scorer.js';
import type { SessionStore } from '../../src/platform/storage.js';

/** storage.session stand-in with the same contract (get/set/remove of JSON-able values). */
function memoryStore(): SessionStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (keys) =>
      Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))])),
    set: async (items) => void Object.entries(items).forEach(([k, v]) => data.set(k, structuredClone(v))),
    remove: async (keys) => void keys.forEach((k) => data.delete(k)),
  };
}

const PAGE: SenderInfo = { id: 'ext', tabId: 7, frameId: 0, url: 'http://shop.example.com/catalogue' };
// User choices decide these names whatever the shipped model thinks of them, so the test does not
// depend on which model is shipped; the model still scores every name for real.
const BLOCKED = new Set(['evil-login.net', 'paypa1-verify.org', 'login-evil.github.io']);

describe('score-links in the background', () => {
  let scorer: Scorer;
  let judge: Judge;
  let paused = false;
  const store = memoryStore();
  let summaries: PageSummaries;
  let handler: ReturnType<typeof createLinkScoring>;

  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
    scorer = await loadLayersScorer(diskModelReader());
    judge = createJudge({
      scorer,
      cache: createScoreCache({ version: scorer.metadata.version }),
      context: { metadata: scorer.metadata, isPopular: () => false },
      isTrusted: () => false,
      isSessionAllowed: () => false,
      isBlocked: (site) => BLOCKED.has(site),
    });
    summaries = createPageSummaries(store);
    handler = createLinkScoring({
      summaries,
      judgeMany: async () => (urls) => judge.judgeMany(urls),
      explainer: createExplainer(
        () => readModelFiles(diskModelReader()),
        (e) => {
          throw e;
        },
      ),
      isPaused: () => paused,
    });
  });
  afterAll(() => scorer.dispose());

  it('answers only the risky hosts, with display name, reason and explanation spans', async () => {
    const reply = await handler(
      {
        pageId: 'p1',
        hosts: ['login.evil-login.net', 'news.example.com', 'paypa1-verify.org', 'xn--bcher-kva.example.com'],
        counts: [3, 1, 1, 2],
      },
      PAGE,
    );
    expect(reply.refused).toBe(0);
    expect(reply.risky.map((r) => [r.host, r.level])).toEqual([
      ['login.evil-login.net', 'dangerous'],
      ['paypa1-verify.org', 'dangerous'],
    ]);
    const [first] = reply.risky;
    expect(first!.reason?.message).toMatch(/block/);
    for (const span of first!.explanation) {
      expect(span.start).toBeGreaterThanOrEqual(0);
      expect(span.end).toBeLessThanOrEqual(first!.displayHost.length);
    }
  });

  it('keeps the page summary: counts, registrable domains, risky domains worst first, survives a restart', async () => {
    await handler(
      { pageId: 'p1', hosts: ['news.example.com', 'localhost', 'login.evil-login.net'], counts: [4, 1, 5] },
      PAGE,
    );
    const check = async (s: PageSummaries) => {
      const summary = (await s.summary(7, null))!;
      expect(summary.links).toBe(5 + 4 + 1 + 2 + 1);
      expect(summary.domains).toBe(5);
      expect(summary.registrableDomains).toBe(4); // example.com, evil-login.net, paypa1-verify.org, localhost
      expect(summary.domainsByLevel).toMatchObject({ dangerous: 2, unscorable: 1 });
      expect(Object.fromEntries(summary.risky.map((r) => [r.host, r.links]))).toEqual({
        'login.evil-login.net': 5,
        'paypa1-verify.org': 1,
      });
      // Worst first: both are dangerous, so the higher score leads.
      expect(summary.risky[0]!.score!).toBeGreaterThanOrEqual(summary.risky[1]!.score!);
    };
    await check(summaries);
    // A stopped worker starts with empty memory and reads storage.session back.
    await summaries.saved(7);
    await check(createPageSummaries(store));
    expect(summaries.riskyCount(7)).toBe(2);
    expect(summaries.riskyLevels(7)).toEqual({ dangerous: 2, suspicious: 0 });
    // The badge counts two dangerous links on a safe page: red, not the page's green.
    expect(
      withRiskyLinks(
        { state: 'safe', badge: '', color: '#188038', title: 'Snowman: shop.example.com looks safe' },
        summaries.riskyLevels(7),
      ),
    ).toMatchObject({ state: 'safe', badge: '2', color: '#c5221f' });
  });

  it('starts a new summary for a new document, and drops it when the tab navigates elsewhere', async () => {
    await handler({ pageId: 'p2', hosts: ['news.example.com'], counts: [1] }, PAGE);
    expect((await summaries.summary(7, null))!.domains).toBe(1);
    await summaries.navigated(7, 'http://shop.example.com/catalogue#top');
    expect(await summaries.summary(7, null)).not.toBeNull();
    await summaries.navigated(7, 'http://elsewhere.example.com/');
    expect(await summaries.summary(7, null)).toBeNull();
    expect(store.data.has('links:7')).toBe(false);
  });

  it('caps the distinct hosts one page can have scored, counting the refused ones', async () => {
    const tab: SenderInfo = { ...PAGE, tabId: 8 };
    const hosts = (from: number, n: number) => Array.from({ length: n }, (_, i) => `h${from + i}.example.com`);
    let refused = 0;
    for (let from = 0; from < LINK_LIMITS.hostsPerPage + 400; from += 500)
      refused += (await handler({ pageId: 'big', hosts: hosts(from, 500), counts: new Array(500).fill(1) }, tab))
        .refused;
    const summary = (await summaries.summary(8, null))!;
    expect(summary.domains).toBe(LINK_LIMITS.hostsPerPage);
    expect(refused).toBe(500);
    expect(summary.refused).toBe(refused);
    // Known hosts are still answered (count updates), new ones are not.
    expect(
      (await handler({ pageId: 'big', hosts: ['h1.example.com', 'new.example.com'], counts: [2, 1] }, tab)).refused,
    ).toBe(1);
  });

  it('budgets by domain: hosts of a new domain are judged after 5,000 decoy sub-domains of one', async () => {
    const tab: SenderInfo = { ...PAGE, tabId: 10 };
    for (let from = 0; from < LINK_LIMITS.hostsPerPage; from += 500) {
      const hosts = Array.from({ length: 500 }, (_, i) => `d${from + i}.decoy.example`);
      await handler({ pageId: 'decoys', hosts, counts: new Array(500).fill(1) }, tab);
    }
    const late = await handler(
      { pageId: 'decoys', hosts: ['one-more.decoy.example', 'login.evil-login.net'], counts: [1, 1] },
      tab,
    );
    expect(late.refused).toBe(1);
    expect(late.risky.map((v) => v.host)).toEqual(['login.evil-login.net']);
  });

  it('budgets by registrable domain: sub-domains of a private suffix are sites of their own, and cannot pool a dangerous one with decoys', async () => {
    const tab: SenderInfo = { ...PAGE, tabId: 11 };
    // 3,000 sites under github.io (a private suffix) and 2,000 hosts of one decoy domain: 5,000 hosts, 3,001 domains.
    const decoys = [
      ...Array.from({ length: 3000 }, (_, i) => `d${i}.github.io`),
      ...Array.from({ length: 2000 }, (_, i) => `h${i}.decoy-cdn.com`),
    ];
    for (let from = 0; from < decoys.length; from += 500)
      await handler({ pageId: 'private', hosts: decoys.slice(from, from + 500), counts: new Array(500).fill(1) }, tab);
    const late = await handler({ pageId: 'private', hosts: ['login-evil.github.io'], counts: [1] }, tab);
    expect(late.refused).toBe(0);
    expect(late.risky.map((v) => v.host)).toEqual(['login-evil.github.io']);
  });

  it('marks nothing on a page where protection is paused, but still counts its links', async () => {
    paused = true;
    const reply = await handler({ pageId: 'p3', hosts: ['login.evil-login.net'], counts: [1] }, { ...PAGE, tabId: 9 });
    paused = false;
    expect(reply.risky).toEqual([]);
    const summary = (await summaries.summary(9, null))!;
    expect(summary).toMatchObject({ paused: true, domains: 1 });
    expect(summaries.riskyCount(9)).toBe(0);
  });

  it('refuses senders that are not the top frame of a web page in a tab', () => {
    expect(() => checkLinkSender({ id: 'ext', frameId: 0, url: 'http://a.example/' })).toThrow(/tab/);
    expect(() => checkLinkSender({ ...PAGE, frameId: 3 })).toThrow(/top frames/);
    expect(() => checkLinkSender({ ...PAGE, url: 'chrome-extension://ext/popup/index.html' })).toThrow(/web page/);
    expect(checkLinkSender(PAGE)).toEqual({ tabId: 7, pageUrl: PAGE.url });
  });
});

describe('page summaries under concurrent batches', () => {
  it('keep the latest link count and the newest verdict, whichever judgement finishes last', async () => {
    const summaries = createPageSummaries(memoryStore());
    const record = (level: 'safe' | 'dangerous') => ({
      level,
      category: 'malicious' as const,
      score: 0.5,
      links: 0,
      registrableDomain: 'a.example',
      displayHost: 'a.example',
    });
    let releaseFirst!: () => void;
    const first = summaries.update(
      1,
      { pageId: 'p', pageUrl: 'http://x.example/', hosts: ['a.example'], counts: [1] },
      async (hosts) => {
        await new Promise<void>((resolve) => (releaseFirst = resolve));
        return {
          records: new Map(hosts.map((h) => [h, record('dangerous')])),
          startedAt: 0,
          endedAt: 10,
          paused: false,
        };
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    // A later batch (a count update after the user trusted the site) is judged first.
    await summaries.update(
      1,
      { pageId: 'p', pageUrl: 'http://x.example/', hosts: ['a.example'], counts: [5] },
      async (hosts) => ({
        records: new Map(hosts.map((h) => [h, record('safe')])),
        startedAt: 5,
        endedAt: 8,
        paused: false,
      }),
    );
    releaseFirst();
    await first;
    const summary = (await summaries.summary(1, null))!;
    expect(summary.links).toBe(5);
    expect(summary.domainsByLevel.safe).toBe(1);
    // Overlapping judging counts once: [0, 10] ∪ [5, 8].
    expect(summary.scoringMs).toBe(10);
  });
});

describe('score-links payload validation', () => {
  const ok = { pageId: 'p', hosts: ['a.example'], counts: [1] };
  it('accepts bounded arrays of strings with matching counts', () => {
    expect(validateScoreLinks(ok)).toEqual(ok);
  });
  it.each([
    ['not an object', 'x'],
    ['hosts not an array', { ...ok, hosts: 'a.example' }],
    ['a host that is not a string', { ...ok, hosts: [{ toString: () => 'a' }] }],
    ['a host longer than a DNS name', { ...ok, hosts: ['a'.repeat(254)] }],
    [
      'too many hosts in one message',
      {
        pageId: 'p',
        hosts: new Array(LINK_LIMITS.hostsPerMessage + 1).fill('a.example'),
        counts: new Array(LINK_LIMITS.hostsPerMessage + 1).fill(1),
      },
    ],
    ['counts of another length', { ...ok, counts: [1, 2] }],
    ['a count that is not a positive integer', { ...ok, counts: [0.5] }],
    ['a huge count', { ...ok, counts: [1e12] }],
    ['no page id', { hosts: [], counts: [] }],
  ])('refuses %s', (_label, payload) => {
    expect(() => validateScoreLinks(payload)).toThrow();
  });

  it('is served to content scripts, while summaries and site choices are for extension pages only', async () => {
    const handlers = Object.fromEntries(Object.keys(MESSAGES).map((k) => [k, () => 'handled'])) as unknown as Handlers;
    const dispatch = serve(handlers, { extensionId: 'ext', extensionOrigin: 'chrome-extension://ext/' });
    expect(await dispatch({ type: 'score-links', payload: ok }, PAGE)).toEqual({ ok: true, value: 'handled' });
    for (const type of ['get-page-summary', 'get-site', 'block-site', 'pause-site']) {
      expect(await dispatch({ type, payload: { tabId: 7, url: 'http://a.example/', paused: true } }, PAGE)).toEqual({
        ok: false,
        error: `${type} is accepted only from extension pages`,
        code: 'refused',
      });
    }
    expect((await dispatch({ type: 'score-links', payload: ok }, { ...PAGE, id: 'another-extension' })).ok).toBe(false);
  });
});
