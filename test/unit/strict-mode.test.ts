/**
 * Strict mode's parts on their own: the rule and its pattern, the state over a rule set and
 * storage.session (bounded, restart-safe, held navigations only), and the checking page's question
 * when judging is slow or fails.
 */
import { describe, expect, it } from 'vitest';
import { createStrictHandlers } from '../../src/background/strict-handlers.js';
import { createStrictMode } from '../../src/background/strict-mode.js';
import {
  MAX_STRICT_PASSED,
  passPrefix,
  passRule,
  prefixOfPassRule,
  STRICT_PASS_FIRST_ID,
  STRICT_RULE_ID,
  strictCatches,
  strictRule,
} from '../../src/background/strict-rules.js';
import { createWarningTokens } from '../../src/background/warning-tokens.js';
import { unavailableJudgement, type Judgement } from '../../src/background/judge.js';
import { parseDomain } from '../../src/core/domain.js';
import type { NetRules, RuleSet } from '../../src/platform/background-api.js';
import type { NetRule } from '../../src/platform/net-rules.js';
import { memorySession } from './helpers/memory-session.js';

const CHECKING = 'chrome-extension://id/checking/index.html';
const WARNING = 'chrome-extension://id/warning/index.html';

function oneSet(): RuleSet & { rules: NetRule[] } {
  const rules: NetRule[] = [];
  return {
    rules,
    list: async () => structuredClone(rules),
    async update(add, remove) {
      const kept = rules.filter((rule) => !remove.includes(rule.id));
      for (const rule of add) if (kept.some((r) => r.id === rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
      rules.splice(0, rules.length, ...kept, ...structuredClone(add));
    },
  };
}

/** Dynamic and session rule sets; `rules` are the dynamic ones (where strict mode's rule lives). */
function ruleSet(): NetRules & { rules: NetRule[]; sessionRules: NetRule[] } {
  const dynamic = oneSet();
  const session = oneSet();
  return { dynamic, session, rules: dynamic.rules, sessionRules: session.rules };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const passed = (rules: readonly NetRule[]) => rules.map(prefixOfPassRule).filter((prefix) => prefix !== null);

describe('strict rule', () => {
  it('holds web names and lets IP addresses, localhost and intranet names through (they cannot be let through by site)', () => {
    for (const url of [
      'http://example.com/',
      'https://a.b.example.co.uk:8443/x?y#z',
      'http://xn--80ak6aa92e.com',
      'http://user@example.org/',
    ])
      expect(strictCatches(url), url).toBe(true);
    for (const url of [
      'http://127.0.0.1/',
      'http://10.0.0.1:8080/x',
      'http://localhost/',
      'http://intranet/',
      'http://[::1]/',
      'ftp://example.com/',
    ])
      expect(strictCatches(url), url).toBe(false);
  });

  it("redirects top-level GETs with the original URL after the checking page's #, and is never edited", () => {
    expect(strictRule(CHECKING)).toEqual({
      id: STRICT_RULE_ID,
      priority: 1,
      action: { type: 'redirect', redirect: { regexSubstitution: `${CHECKING}#\\0` } },
      condition: { regexFilter: expect.any(String), resourceTypes: ['main_frame'], requestMethods: ['get'] },
    });
  });

  it('lets through exactly the scheme, host and port judged: no sub-domain, no other host behind userinfo', () => {
    expect(passPrefix('http://example.com/a?b#c')).toBe('http://example.com/');
    expect(passPrefix('https://shop.example.com:8443/x')).toBe('https://shop.example.com:8443/');
    expect(passPrefix('http://safe.example@evil.example/')).toBe('http://safe.example@evil.example/');
    expect(passPrefix('http://a*b@example.com/')).toBeNull();
    expect(passRule(STRICT_PASS_FIRST_ID, 'http://example.com/')).toEqual({
      id: STRICT_PASS_FIRST_ID,
      priority: 2,
      action: { type: 'allow' },
      condition: { urlFilter: '|http://example.com/', resourceTypes: ['main_frame'] },
    });
  });
});

describe('strict mode state', () => {
  it('keeps at most MAX_STRICT_PASSED prefixes let through, as session rules, dropping the oldest', async () => {
    const rules = ruleSet();
    const strict = createStrictMode(rules, CHECKING, memorySession());
    await strict.sync(true);
    for (let i = 0; i <= MAX_STRICT_PASSED; i++) await strict.pass(`http://site${i}.com/x`);
    const prefixes = passed(rules.sessionRules);
    expect(prefixes).toHaveLength(MAX_STRICT_PASSED);
    expect(prefixes).not.toContain('http://site0.com/');
    expect(new Set(rules.sessionRules.map((rule) => rule.id)).size).toBe(MAX_STRICT_PASSED);
    expect(await strict.covers('http://site0.com/')).toBe(true);
    expect(await strict.covers(`http://site${MAX_STRICT_PASSED}.com/y`)).toBe(false);
    // The hold is written once, never per site.
    expect(rules.rules).toEqual([strictRule(CHECKING)]);
  });

  it('lets through only what was judged: another port, scheme or sub-domain is still held', async () => {
    const strict = createStrictMode(ruleSet(), CHECKING, memorySession());
    await strict.sync(true);
    await strict.pass('http://example.com/a');
    expect(await strict.covers('http://example.com/b')).toBe(false);
    for (const url of ['https://example.com/', 'http://example.com:81/', 'http://www.example.com/'])
      expect(await strict.covers(url), url).toBe(true);
    await strict.passHosts(['news.example.org']);
    expect(await strict.covers('https://news.example.org/')).toBe(false);
  });

  it('holds a host again once it is ruled dangerous, so its block rule is not outranked', async () => {
    const rules = ruleSet();
    const strict = createStrictMode(rules, CHECKING, memorySession());
    await strict.sync(true);
    await strict.pass('http://example.com/');
    await strict.passHosts(['other.example.com']);
    await strict.revokeHosts(['example.com']);
    expect(passed(rules.sessionRules)).toEqual(['http://other.example.com/', 'https://other.example.com/']);
    expect(await strict.covers('http://example.com/')).toBe(true);
  });

  it('reads what was let through back from the session rules after a worker restart', async () => {
    const rules = ruleSet();
    const session = memorySession();
    const first = createStrictMode(rules, CHECKING, session);
    await first.sync(true);
    await first.pass('http://a.com/');
    const restarted = createStrictMode(rules, CHECKING, session);
    expect(await restarted.covers('http://a.com/')).toBe(false);
    expect(await restarted.covers('http://b.com/')).toBe(true);
    await restarted.pass('http://b.com/');
    expect(new Set(rules.sessionRules.map((rule) => rule.id)).size).toBe(2);
    await restarted.sync(false);
    expect(rules.rules).toEqual([]);
    expect(rules.sessionRules).toEqual([]);
  });

  it('rewrites the hold of an earlier version that kept its exceptions on disk, and drops its session rule', async () => {
    const rules = ruleSet();
    rules.rules.push({
      ...strictRule(CHECKING),
      condition: { ...strictRule(CHECKING).condition, excludedRequestDomains: ['old.com'] },
    });
    rules.sessionRules.push(strictRule(CHECKING));
    const strict = createStrictMode(rules, CHECKING, memorySession());
    expect(await strict.covers('http://old.com/')).toBe(true);
    expect(rules.rules).toEqual([strictRule(CHECKING)]);
    expect(rules.sessionRules).toEqual([]);
    await strict.pass('http://a.com/');
    await strict.forgetPassed();
    expect(await strict.covers('http://a.com/')).toBe(true);
    expect(rules.sessionRules).toEqual([]);
  });

  it("the session's first worker records the tabs the browser began before it: on the checking page or loading a held address", async () => {
    const rules = ruleSet();
    await createStrictMode(rules, CHECKING, memorySession()).sync(true);
    // A new browser session: the hold outlived the last one, storage.session did not.
    const session = memorySession();
    const tabs = [
      { tabId: 1, url: `${CHECKING}#http://restored.example/a`, complete: true },
      { tabId: 2, url: 'http://loading.example/', complete: false },
      { tabId: 3, url: 'about:blank', pendingUrl: 'http://pending.example/', complete: false },
      { tabId: 4, url: 'http://loaded.example/', complete: true },
      { tabId: 5, url: 'http://10.0.0.1/', complete: false },
      { tabId: 6, url: `${CHECKING}#javascript:alert(1)//a.example/`, complete: true },
      { tabId: 7, url: `${CHECKING}#http://navigated.example/`, complete: true },
    ];
    const first = createStrictMode(rules, CHECKING, session, { listTabs: async () => tabs });
    // A navigation this worker saw wins over what the list says of its tab.
    first.openedDirectly(7);
    expect(await first.claim(1, 'http://restored.example/a')).toBe('http://restored.example/a');
    expect(await first.claim(2, 'http://loading.example/')).toBe('http://loading.example/');
    expect(await first.claim(3, 'http://pending.example/')).toBe('http://pending.example/');
    // A page that finished loading was never held; an IP address and a script never are.
    expect(await first.claim(4, 'http://loaded.example/')).toBeNull();
    expect(await first.claim(5, 'http://10.0.0.1/')).toBeNull();
    expect(await first.claim(6, 'javascript:alert(1)//a.example/')).toBeNull();
    expect(await first.claim(7, 'http://navigated.example/')).toBeNull();
    // Used up: asked again, refused.
    expect(await first.claim(1, 'http://restored.example/a')).toBeNull();
  });

  it('only the first worker of a browser session lists tabs: a checking page a site opened later is never vouched for', async () => {
    const rules = ruleSet();
    const session = memorySession();
    await createStrictMode(rules, CHECKING, memorySession()).sync(true);
    let listed = 0;
    const tabs = (url: string) => async () => {
      listed++;
      return [{ tabId: 1, url, complete: true }];
    };
    const first = createStrictMode(rules, CHECKING, session, {
      listTabs: tabs(`${CHECKING}#http://restored.example/`),
    });
    await settle();
    // Stopped before the restored tab asked: its replacement still knows the tab.
    const second = createStrictMode(rules, CHECKING, session, { listTabs: tabs(`${CHECKING}#http://opened.example/`) });
    expect(await second.claim(1, 'http://opened.example/')).toBeNull();
    expect(await second.claim(1, 'http://restored.example/')).toBe('http://restored.example/');
    expect(listed).toBe(1);
    expect(first).toBeDefined();
  });

  it('lists nothing when the hold was off as the browser started, and vouches for no unrecorded navigation', async () => {
    const session = memorySession();
    const strict = createStrictMode(ruleSet(), CHECKING, session, {
      listTabs: async () => [{ tabId: 1, url: `${CHECKING}#http://a.example/`, complete: true }],
    });
    await strict.sync(true);
    expect(await strict.claim(1, 'http://a.example/')).toBeNull();
    expect(await strict.claim(2, 'http://a.example/')).toBeNull();
  });

  it('remembers a held navigation across a restart, matches it fragment aside, and only once', async () => {
    const rules = ruleSet();
    const session = memorySession();
    const strict = createStrictMode(rules, CHECKING, session);
    await strict.sync(true);
    strict.expect(4, 'http://example.com/a#part');
    await settle();
    const restarted = createStrictMode(rules, CHECKING, session);
    expect(await restarted.claim(4, 'http://example.com/b')).toBeNull();
    expect(await restarted.claim(4, 'http://example.com/a')).toBe('http://example.com/a#part');
    expect(await restarted.claim(4, 'http://example.com/a')).toBeNull();
  });

  it("answers a question that reached a woken worker before its tab's navigation event", async () => {
    const strict = createStrictMode(ruleSet(), CHECKING, memorySession());
    await strict.sync(true);
    const claimed = strict.claim(5, 'http://example.com/');
    await settle();
    strict.expect(5, 'http://example.com/');
    expect(await claimed).toBe('http://example.com/');
  });

  it('does not keep a navigation the rule did not hold (off, or the site let through)', async () => {
    const rules = ruleSet();
    const strict = createStrictMode(rules, CHECKING, memorySession());
    strict.expect(1, 'http://example.com/');
    await settle();
    expect(await strict.claim(1, 'http://example.com/')).toBeNull();
    await strict.sync(true);
    await strict.pass('http://example.com/');
    strict.expect(2, 'http://example.com/');
    await settle();
    expect(await strict.claim(2, 'http://example.com/')).toBeNull();
  });
});

describe('check-navigation when judging is slow or fails', () => {
  const sender = (tabId: number) => ({ id: 'id', url: `${CHECKING}#x`, tabId });
  async function handlers(judgeUrl: (url: string) => Promise<Judgement>, listed: Judgement | null = null) {
    const rules = ruleSet();
    const strict = createStrictMode(rules, CHECKING, memorySession());
    await strict.sync(true);
    const handle = createStrictHandlers({
      strict,
      judgeUrl,
      judgeListed: async () => listed,
      blockList: null,
      tokens: createWarningTokens(memorySession()),
      warningPage: WARNING,
      checkingPage: CHECKING,
      boundMs: 20,
    })['check-navigation'];
    return { strict, rules, handle };
  }
  const never = () => new Promise<Judgement>(() => undefined);

  it('lets the page through after the bound, saying why, and its site is not held again', async () => {
    const { strict, rules, handle } = await handlers(never);
    strict.expect(1, 'http://slow-example.com/');
    expect(await handle({ url: 'http://slow-example.com/' }, sender(1))).toEqual({
      action: 'forward',
      url: 'http://slow-example.com/',
      unchecked: 'slow',
    });
    expect(strict.unchecked('slow-example.com')).toBe('slow');
    expect(passed(rules.sessionRules)).toEqual(['http://slow-example.com/']);
  });

  it('still warns after the bound when the threat list names the site', async () => {
    const url = 'http://listed-example.com/';
    const listed: Judgement = {
      url,
      parsed: parseDomain(url),
      site: 'listed-example.com',
      verdict: { level: 'dangerous', category: 'phishing', score: 1, reasons: [{ kind: 'listed' }] } as never,
      sessionAllowed: false,
    };
    const { strict, handle } = await handlers(never, listed);
    strict.expect(2, url);
    const answer = await handle({ url }, sender(2));
    expect(answer.action).toBe('warn');
    expect(answer.url).toMatch(new RegExp(`^${WARNING}\\?t=[\\w-]+#http://listed-example\\.com/$`));
  });

  it('lets the page through, saying why, when judging throws or the model is not loaded', async () => {
    const failing = await handlers(() => Promise.reject(new Error('boom')));
    failing.strict.expect(3, 'http://a-example.com/');
    expect(await failing.handle({ url: 'http://a-example.com/' }, sender(3))).toMatchObject({
      action: 'forward',
      unchecked: 'failed',
    });
    const unloaded = await handlers(async (url) => unavailableJudgement(url, 'weights missing'));
    unloaded.strict.expect(4, 'http://b-example.com/');
    expect(await unloaded.handle({ url: 'http://b-example.com/' }, sender(4))).toMatchObject({
      action: 'forward',
      unchecked: 'no-verdict',
    });
  });
});
