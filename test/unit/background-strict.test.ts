/**
 * Strict first-visit mode inside the whole background (createBackground on the in-memory platform,
 * real model): its session rule follows the setting and the policy; a held navigation is decided
 * by the checking page's question, never by the guard's own tab redirect; the checking page
 * forwards only what the extension held in that tab. Sites are made dangerous by the user's block list.
 */
import { describe, expect, it } from 'vitest';
import { contentSender, FAKE_ORIGIN, pageSender } from '../support/fake-platform.js';
import { eventually, settle, startBackground, storedSettings, valueOf } from '../support/background-under-test.js';
import { prefixOfPassRule, STRICT_RULE_ID } from '../../src/background/strict-rules.js';
import type { NavigationCheck, SiteDetails } from '../../src/core/messages.js';
import type { NetRule } from '../../src/platform/net-rules.js';

const CHECKING = `${FAKE_ORIGIN}checking/index.html`;
const WARNING = `${FAKE_ORIGIN}warning/index.html`;
const BLOCKED = 'http://login.blocked-example.com/account';
const SAFE = 'http://example.com/page?q=1';
const strictOn = storedSettings({ strictFirstVisit: true, blockedSites: ['blocked-example.com'] });
const checkingSender = (tabId: number, url: string) => pageSender(`checking/index.html#${url}`, tabId);
const check = (url: string) => ({ type: 'check-navigation', payload: { url } });
const strictRule = (rules: readonly NetRule[]) => rules.find((rule) => rule.id === STRICT_RULE_ID);
/** The address prefixes strict mode's session allow rules let through. */
const passed = (rules: readonly NetRule[]) => rules.map(prefixOfPassRule).filter((prefix) => prefix !== null);

describe('strict first-visit mode (Chrome)', () => {
  it('is off by default; turning it on adds the lasting redirect to the checking page, off removes it', async () => {
    const bg = await startBackground();
    await settle();
    expect(strictRule(bg.dynamicRules)).toBeUndefined();
    valueOf(await bg.send({ type: 'set-preferences', payload: { strictFirstVisit: true } }, pageSender()));
    expect(strictRule(bg.dynamicRules)).toMatchObject({
      action: { type: 'redirect', redirect: { regexSubstitution: `${CHECKING}#\\0` } },
      condition: { resourceTypes: ['main_frame'], requestMethods: ['get'] },
    });
    valueOf(await bg.send({ type: 'set-preferences', payload: { strictFirstVisit: false } }, pageSender()));
    expect(strictRule(bg.dynamicRules)).toBeUndefined();
  });

  it('is put back at start from the stored setting, and the policy overrides the user', async () => {
    const bg = await startBackground({ settings: strictOn });
    await eventually(() => expect(strictRule(bg.dynamicRules)).toBeDefined());
    const forced = await startBackground({ managed: { strictFirstVisit: true } });
    await eventually(() => expect(strictRule(forced.dynamicRules)).toBeDefined());
    const barred = await startBackground({ settings: strictOn, managed: { strictFirstVisit: false } });
    await settle();
    expect(strictRule(barred.dynamicRules)).toBeUndefined();
  });

  it('a held safe navigation is forwarded once, and its site is let through from then on', async () => {
    const bg = await startBackground({ settings: strictOn });
    await eventually(() => expect(strictRule(bg.dynamicRules)).toBeDefined());
    bg.fire.beforeNavigate(3, SAFE);
    const answer = valueOf<NavigationCheck>(await bg.send(check(SAFE), checkingSender(3, SAFE)));
    expect(answer).toEqual({ action: 'forward', url: SAFE });
    expect(passed(bg.sessionRules)).toEqual(['http://example.com/']);
    // The hold itself never changes: it is written to disk, the ways through are not.
    expect(strictRule(bg.dynamicRules)?.condition.excludedRequestDomains).toBeUndefined();
    // Used up: the same page asking again (or a copy of it) gets nothing.
    expect(await bg.send(check(SAFE), checkingSender(3, SAFE))).toMatchObject({ ok: false });
    await settle();
    expect(bg.navigations).toEqual([]);
  });

  it('an extension update keeps the hold and forgets the sites let through (the new model judges them again)', async () => {
    const bg = await startBackground({ settings: strictOn });
    await eventually(() => expect(strictRule(bg.dynamicRules)).toBeDefined());
    bg.fire.beforeNavigate(3, SAFE);
    valueOf(await bg.send(check(SAFE), checkingSender(3, SAFE)));
    expect(passed(bg.sessionRules)).toEqual(['http://example.com/']);
    bg.fire.installed('update');
    await eventually(() => expect(passed(bg.sessionRules)).toEqual([]));
    await settle();
    expect(strictRule(bg.dynamicRules)).toBeDefined();
  });

  it("sites judged safe before the click (a page's links, a navigation judged at once) are let through", async () => {
    const bg = await startBackground({ settings: strictOn });
    await eventually(() => expect(strictRule(bg.dynamicRules)).toBeDefined());
    const links = { pageId: 'p1', hosts: ['news.example.org', 'login.blocked-example.com'], counts: [1, 1] };
    valueOf(await bg.send({ type: 'score-links', payload: links }, contentSender(2, 'http://example.net/')));
    await eventually(() =>
      expect(passed(bg.sessionRules)).toEqual(['http://news.example.org/', 'https://news.example.org/']),
    );
    bg.fire.beforeNavigate(2, 'http://example.net:8080/next');
    await eventually(() =>
      expect(passed(bg.sessionRules)).toEqual([
        'http://news.example.org/',
        'https://news.example.org/',
        'http://example.net:8080/',
      ]),
    );
  });

  it('a held dangerous navigation gets a warning address with a token from the checking page, not a tab redirect', async () => {
    const bg = await startBackground({ settings: strictOn });
    await eventually(() => expect(strictRule(bg.dynamicRules)).toBeDefined());
    bg.fire.beforeNavigate(4, BLOCKED);
    const answer = valueOf<NavigationCheck>(await bg.send(check(BLOCKED), checkingSender(4, BLOCKED)));
    expect(answer.action).toBe('warn');
    expect(answer.url).toMatch(new RegExp(`^${WARNING}\\?t=[\\w-]+#${BLOCKED.replace(/[.?/]/g, '\\$&')}$`));
    // The token works on the warning page of that tab: Continue is accepted.
    const token = new URL(answer.url).searchParams.get('t')!;
    valueOf(
      await bg.send({ type: 'allow-session', payload: { url: BLOCKED, token } }, pageSender('warning/index.html', 4)),
    );
    await settle();
    expect(bg.navigations).toEqual([]);
    expect(passed(bg.sessionRules)).toEqual([]);
  });

  it('a navigation the rule did not hold (a POST) is stopped when it commits', async () => {
    const bg = await startBackground({ settings: strictOn });
    await eventually(() => expect(strictRule(bg.dynamicRules)).toBeDefined());
    bg.fire.beforeNavigate(5, BLOCKED);
    await settle();
    expect(bg.navigations).toEqual([]);
    bg.fire.committed(5, BLOCKED);
    await eventually(() => expect(bg.navigations.map(([tab]) => tab)).toEqual([5]));
    expect(bg.navigations[0]![1]).toMatch(new RegExp(`^${WARNING}\\?t=`));
  });

  it('forwards nothing a page asks for itself: another address, another tab, another sender, not http(s)', async () => {
    const bg = await startBackground({ settings: strictOn });
    await eventually(() => expect(strictRule(bg.dynamicRules)).toBeDefined());
    bg.fire.beforeNavigate(6, SAFE);
    const refused = [
      await bg.send(check('http://other-example.com/'), checkingSender(6, 'http://other-example.com/')),
      await bg.send(check(SAFE), checkingSender(7, SAFE)),
      await bg.send(check(SAFE), pageSender('warning/index.html', 6)),
      await bg.send(check('javascript:alert(1)//example.com/'), checkingSender(6, 'javascript:alert(1)')),
    ];
    for (const reply of refused) expect(reply).toMatchObject({ ok: false });
    // The real navigation is still forwarded: the refusals used nothing up.
    expect(valueOf<NavigationCheck>(await bg.send(check(SAFE), checkingSender(6, SAFE))).action).toBe('forward');
  });

  it('a site let through and then blocked is held again: its next visit is warned from the checking page', async () => {
    const bg = await startBackground({ settings: strictOn });
    await eventually(() => expect(strictRule(bg.dynamicRules)).toBeDefined());
    bg.fire.beforeNavigate(8, SAFE);
    valueOf(await bg.send(check(SAFE), checkingSender(8, SAFE)));
    expect(passed(bg.sessionRules)).toEqual(['http://example.com/']);
    valueOf(await bg.send({ type: 'block-site', payload: { url: SAFE } }, pageSender()));
    // Its way through would outrank the block rule: gone with the change of settings.
    expect(passed(bg.sessionRules)).toEqual([]);
    bg.fire.beforeNavigate(8, SAFE);
    const answer = valueOf<NavigationCheck>(await bg.send(check(SAFE), checkingSender(8, SAFE)));
    expect(answer.action).toBe('warn');
    await settle();
    expect(bg.navigations).toEqual([]);
  });

  it('a tab the browser restored before any worker ran is judged from the checking page; one a site opened is not', async () => {
    // A new browser session: the hold outlived the last one; the browser lists the restored tabs.
    const hold = (await startBackground({ settings: strictOn })).dynamicRules;
    await settle();
    const bg = await startBackground({
      settings: strictOn,
      dynamicRules: hold,
      openTabs: [
        { tabId: 11, url: `${CHECKING}#${SAFE}`, complete: true },
        { tabId: 12, url: BLOCKED, complete: false },
      ],
    });
    const ask = (tabId: number, url: string) => bg.send(check(url), checkingSender(tabId, url));
    expect(valueOf<NavigationCheck>(await ask(11, SAFE))).toEqual({ action: 'forward', url: SAFE });
    expect(valueOf<NavigationCheck>(await ask(12, BLOCKED)).action).toBe('warn');
    // No navigation event for tab 13 reached the worker and the browser did not list it: a page
    // opened its checking page (Chromium sends no event for that). Refused.
    expect(await ask(13, 'http://other-example.com/')).toMatchObject({ ok: false });
    // The tab navigated to the checking page itself: refused.
    bg.fire.beforeNavigate(15, `${CHECKING}#http://other-example.com/`);
    expect(await ask(15, 'http://other-example.com/')).toMatchObject({ ok: false });
  });

  it("fails open when the model cannot load, and the popup's view of the site says why", async () => {
    const bg = await startBackground({ settings: strictOn, files: { 'model/weights.bin': null } });
    await eventually(() => expect(strictRule(bg.dynamicRules)).toBeDefined());
    bg.fire.beforeNavigate(10, SAFE);
    const answer = valueOf<NavigationCheck>(await bg.send(check(SAFE), checkingSender(10, SAFE)));
    expect(answer).toEqual({ action: 'forward', url: SAFE, unchecked: 'no-verdict' });
    const site = valueOf<SiteDetails>(await bg.send({ type: 'get-site', payload: { url: SAFE } }, pageSender()));
    expect(site.unchecked).toBe('no-verdict');
  });
});

describe('strict first-visit mode (Firefox)', () => {
  it('has no rule and no checking page: blocking webRequest already holds every first request', async () => {
    const bg = await startBackground({ browser: 'firefox', settings: strictOn });
    await settle();
    expect(await bg.send(check(SAFE), checkingSender(1, SAFE))).toMatchObject({ ok: false });
  });
});
