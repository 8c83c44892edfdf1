/**
 * The guard when a decision never reached the tab (a worker stopped between the navigation event
 * and the redirect): the main frame's commit is re-checked and a page that should have been
 * stopped is sent to the warning page. The browser is the in-memory platform, which records navigations.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createGuard } from '../../src/background/guard.js';
import type { Judgement } from '../../src/background/judge.js';
import type { Runtime } from '../../src/background/runtime.js';
import { createTabRecords } from '../../src/background/tab-records.js';
import { createWarningTokens } from '../../src/background/warning-tokens.js';
import { parseDomain } from '../../src/core/domain.js';
import { fakePlatform } from '../support/fake-platform.js';
import { memorySession } from './helpers/memory-session.js';

// One recording browser for every guard below, so a test with two guards sees both.
const browser = fakePlatform();
const navigations = browser.navigations;

const PAGE = 'chrome-extension://abc/warning/index.html';
const DANGEROUS = 'http://dangerous-name.example-shop.com/login';
const SAFE = 'http://safe-name.example-shop.com/';

function judgementOf(url: string, allowed: Set<string>): Judgement {
  const parsed = parseDomain(url);
  const dangerous = url.includes('dangerous');
  const site = parsed.ok ? (parsed.registrableDomain ?? parsed.host) : null;
  return {
    url,
    parsed,
    site,
    sessionAllowed: site !== null && allowed.has(url),
    verdict: {
      level: dangerous ? 'dangerous' : 'safe',
      category: dangerous ? 'malicious' : 'benign',
      score: dangerous ? 0.999 : 0.01,
      risk: null,
      reasons: [],
    },
  };
}

function guardUnderTest(allowed = new Set<string>()) {
  const judge = {
    judge: async (url: string) => judgementOf(url, allowed),
    judgeCached: async () => null,
    judgeMany: async () => [],
  };
  const runtime = Promise.resolve({
    engine: null,
    judge,
    cachedJudge: null,
    sessionAllow: { has: () => false, add: async () => {} },
    settings: {},
  } as unknown as Runtime);
  const tokens = createWarningTokens(memorySession());
  return createGuard({
    platform: browser.api,
    runtime,
    tabs: createTabRecords(memorySession()),
    blockList: null,
    warningPage: PAGE,
    tokens,
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const commit = (tabId: number, url: string) => ({ tabId, frameId: 0, parentFrameId: -1, url });

describe('a main frame that commits without its decision', () => {
  beforeEach(() => void navigations.splice(0));

  it('is sent to the warning page when it should have been stopped (no decision in flight: a restarted worker)', async () => {
    const guard = guardUnderTest();
    guard.onCommitted(commit(4, DANGEROUS));
    await settle();
    expect(navigations).toHaveLength(1);
    expect(navigations[0]![0]).toBe(4);
    expect(navigations[0]![1]).toMatch(new RegExp(`^${PAGE}\\?t=[\\w-]+#${DANGEROUS}$`));
  });

  it('is caught at worker start when both of its events died with the previous worker (the open tabs are checked)', async () => {
    const guard = guardUnderTest(new Set(['http://dangerous-continued.example-shop.com/']));
    await guard.recheckOpenTabs([
      { tabId: 1, url: DANGEROUS },
      { tabId: 2, url: SAFE },
      { tabId: 3, url: `${PAGE}?t=x#${DANGEROUS}` },
      { tabId: 4, url: 'http://dangerous-continued.example-shop.com/' },
      { tabId: 5, url: 'chrome://newtab/' },
    ]);
    expect(navigations.map(([tabId]) => tabId)).toEqual([1]);
    expect(navigations[0]![1]).toMatch(new RegExp(`^${PAGE}\\?t=[\\w-]+#${DANGEROUS}$`));
  });

  it('leaves an open tab alone when a new navigation in it is being decided', async () => {
    const guard = guardUnderTest();
    guard.onBeforeNavigate({ tabId: 6, frameId: 0, parentFrameId: -1, url: SAFE });
    await guard.recheckOpenTabs([{ tabId: 6, url: DANGEROUS }]);
    expect(navigations).toEqual([]);
  });

  it('is left alone when safe, or when the user chose to continue to it', async () => {
    guardUnderTest().onCommitted(commit(4, SAFE));
    guardUnderTest(new Set([DANGEROUS])).onCommitted(commit(5, DANGEROUS));
    await settle();
    expect(navigations).toEqual([]);
  });

  it('is not sent twice when this worker already decided it (one redirect, not two)', async () => {
    const guard = guardUnderTest();
    guard.onBeforeNavigate(commit(6, DANGEROUS));
    guard.onCommitted(commit(6, DANGEROUS));
    await settle();
    expect(navigations).toHaveLength(1);
  });

  it('the warning page itself is never re-checked into another redirect', async () => {
    const guard = guardUnderTest();
    guard.onCommitted(commit(7, `${PAGE}?t=x#${DANGEROUS}`));
    await settle();
    expect(navigations).toEqual([]);
  });
});
