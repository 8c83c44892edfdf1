/**
 * The navigation guard inside the whole background (createBackground on the in-memory platform,
 * real model): what a navigation does to the tab, the DNR rules and the toolbar, in both browsers.
 * Sites are made dangerous by the user's block list, which needs no particular model.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_ORIGIN, pageSender } from '../support/fake-platform.js';
import { eventually, settle, startBackground, storedSettings, valueOf } from '../support/background-under-test.js';
import type { TabRecord } from '../../src/core/messages.js';
import { recordedDetails } from '../../src/popup/recorded-site.js';

const WARNING = `${FAKE_ORIGIN}warning/index.html`;
const BLOCKED = 'http://login.blocked-example.com/account';
const OTHER_BLOCKED = 'http://other-blocked-example.com/';
const SAFE = 'http://example.com/';
const settings = storedSettings({ blockedSites: ['blocked-example.com', 'other-blocked-example.com'] });
const warningFor = (url: string) => new RegExp(`^${WARNING}\\?t=[\\w-]+#${url.replace(/[.?/]/g, '\\$&')}$`);

describe('background guard (Chrome)', () => {
  it('sends a dangerous navigation to the warning page with a one-time token, and rules its host', async () => {
    const bg = await startBackground({ settings });
    bg.fire.beforeNavigate(3, BLOCKED);
    await eventually(() => expect(bg.navigations).toHaveLength(1));
    expect(bg.navigations[0]![0]).toBe(3);
    expect(bg.navigations[0]![1]).toMatch(warningFor(BLOCKED));
    await eventually(() =>
      expect(bg.dynamicRules.map((rule) => rule.condition.regexFilter ?? '')).toContainEqual(
        expect.stringContaining('login\\.blocked-example\\.com'),
      ),
    );
  });

  it('lets a safe name through, and a site the user trusted although blocked', async () => {
    const bg = await startBackground({ settings });
    valueOf(await bg.send({ type: 'trust-site-here', payload: { url: BLOCKED } }, pageSender()));
    bg.fire.beforeNavigate(4, BLOCKED);
    bg.fire.beforeNavigate(5, SAFE);
    bg.fire.beforeNavigate(6, OTHER_BLOCKED);
    await eventually(() => expect(bg.navigations.map(([tab]) => tab)).toContain(6));
    await settle();
    expect(bg.navigations.map(([tab]) => tab)).toEqual([6]);
  });

  it('ignores subframes and prerendered pages before they navigate', async () => {
    const bg = await startBackground({ settings });
    bg.fire.beforeNavigate(7, BLOCKED, { frameId: 2, parentFrameId: 0 });
    bg.fire.beforeNavigate(8, BLOCKED, { documentLifecycle: 'prerender' });
    await settle();
    expect(bg.navigations).toEqual([]);
  });

  it('records a committed page and shows its verdict on the toolbar, after forgetting the old one', async () => {
    const bg = await startBackground();
    bg.fire.committed(9, SAFE);
    await eventually(() => expect(bg.toolbar.get(9)?.state).toBe('safe'));
    expect(bg.calls.indexOf('forget 9')).toBeGreaterThanOrEqual(0);
    expect(bg.calls.indexOf('forget 9')).toBeLessThan(bg.calls.indexOf('show 9 safe'));
    const record = valueOf<{ main: { host: string; level: string } }>(
      await bg.send({ type: 'get-tab-state', payload: { tabId: 9 } }),
    );
    expect(record.main).toMatchObject({ host: 'example.com', level: 'safe' });
  });

  it('records the main frame with its whole verdict and names, which the popup renders before the background answers', async () => {
    const bg = await startBackground({ settings });
    bg.fire.committed(9, BLOCKED);
    await eventually(() => expect(bg.toolbar.get(9)?.state).toBe('dangerous'));
    const record = valueOf<TabRecord>(await bg.send({ type: 'get-tab-state', payload: { tabId: 9 } }));
    expect(record.main?.site).toMatchObject({
      displayHost: 'login.blocked-example.com',
      registrableDomain: 'blocked-example.com',
      site: 'blocked-example.com',
      verdict: { level: 'dangerous', reasons: [{ kind: 'user-blocked' }] },
    });
    const early = recordedDetails(record, BLOCKED);
    expect(early).toMatchObject({ displayHost: 'login.blocked-example.com', verdict: { level: 'dangerous' } });
    // Another page in the tab since: the record is not that page's verdict.
    expect(recordedDetails(record, 'http://other-example.com/')).toBeNull();
    bg.fire.committed(9, 'http://blocked-example.com/', { frameId: 3, parentFrameId: 0 });
    await settle();
    const withFrame = valueOf<TabRecord>(await bg.send({ type: 'get-tab-state', payload: { tabId: 9 } }));
    expect(withFrame.frames.every((frame) => frame.site === undefined)).toBe(true);
  });
});

describe('background guard (Firefox)', () => {
  it('holds a dangerous top-level request and redirects it to the warning page with a token', async () => {
    const bg = await startBackground({ browser: 'firefox', settings });
    const decision = await bg.fire.frameRequest(3, BLOCKED);
    expect(decision?.redirectUrl).toMatch(warningFor(BLOCKED));
    expect(bg.dynamicRules).toEqual([]);
  });

  it('lets a safe request and every subframe request through', async () => {
    const bg = await startBackground({ browser: 'firefox', settings });
    expect(await bg.fire.frameRequest(3, SAFE)).toBeUndefined();
    expect(bg.fire.frameRequest(3, BLOCKED, 'sub_frame')).toBeUndefined();
  });

  it('registers exactly one listener for each event it uses', async () => {
    const firefox = await startBackground({ browser: 'firefox' });
    expect(firefox.registered().sort()).toEqual(
      ['committed', 'domContentLoaded', 'frameRequest', 'installed', 'message', 'storageChanged', 'tabRemoved'].sort(),
    );
    const chrome = await startBackground();
    expect(chrome.registered()).toContain('beforeNavigate');
    expect(chrome.registered()).not.toContain('frameRequest');
  });
});
