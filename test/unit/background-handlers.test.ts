/**
 * The background's message handlers behind the one dispatcher, on the in-memory platform: who may
 * send what, and what the answers do to the browser.
 */
import { describe, expect, it } from 'vitest';
import { contentSender, FAKE_ORIGIN, pageSender } from '../support/fake-platform.js';
import { eventually, startBackground, storedSettings, valueOf } from '../support/background-under-test.js';

const BLOCKED = 'http://blocked-example.com/';
const settings = storedSettings({ blockedSites: ['blocked-example.com'] });
const WARNING_PAGE = 'warning/index.html';

describe('background message handlers', () => {
  it('refuses a message from another extension, and a privileged one from a content script', async () => {
    const bg = await startBackground();
    expect(await bg.send({ type: 'get-status', payload: {} }, { id: 'another-extension', url: FAKE_ORIGIN })).toEqual({
      ok: false,
      error: 'sender is not this extension',
      code: 'refused',
    });
    const fromPage = await bg.send(
      { type: 'trust-site-here', payload: { url: BLOCKED } },
      contentSender(2, 'http://attacker.example/'),
    );
    expect(fromPage).toMatchObject({ ok: false, error: expect.stringMatching(/only from extension pages/) });
    expect(bg.local.get('settings')).toBeUndefined();
  });

  it('answers get-status once the model is in', async () => {
    const bg = await startBackground();
    const status = valueOf<{ state: string; modelVersion: string }>(await bg.send({ type: 'get-status', payload: {} }));
    expect(status.state).toBe('ready');
    expect(status.modelVersion).toBe(bg.runtime.engine?.scorer.metadata.version);
  });

  it('lets the warning page continue only with the token the guard issued for that tab (Firefox: no rule to prove it)', async () => {
    const bg = await startBackground({ browser: 'firefox', settings });
    const warning = await bg.fire.frameRequest(5, BLOCKED);
    const token = new URL(warning!.redirectUrl).searchParams.get('t')!;
    const forged = await bg.send(
      { type: 'allow-session', payload: { url: BLOCKED, token: 'forged' } },
      pageSender(WARNING_PAGE, 5),
    );
    expect(forged).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not show this warning/),
      code: 'not-issued',
    });
    const otherTab = await bg.send(
      { type: 'allow-session', payload: { url: BLOCKED, token } },
      pageSender(WARNING_PAGE, 6),
    );
    expect(otherTab).toMatchObject({ ok: false });
    expect(
      valueOf(await bg.send({ type: 'allow-session', payload: { url: BLOCKED, token } }, pageSender(WARNING_PAGE, 5))),
    ).toEqual({ site: 'blocked-example.com' });
    // Continue lets the site through for the session, and the token is used up.
    expect(await bg.fire.frameRequest(5, BLOCKED)).toBeUndefined();
    const again = await bg.send(
      { type: 'allow-session', payload: { url: BLOCKED, token } },
      pageSender(WARNING_PAGE, 5),
    );
    expect(again).toMatchObject({ ok: false });
  });

  it('Chrome: Continue adds a session allow rule for the site', async () => {
    const bg = await startBackground({ settings });
    bg.fire.beforeNavigate(5, BLOCKED);
    await eventually(() => expect(bg.navigations).toHaveLength(1));
    const token = new URL(bg.navigations[0]![1]).searchParams.get('t')!;
    valueOf(await bg.send({ type: 'allow-session', payload: { url: BLOCKED, token } }, pageSender(WARNING_PAGE, 5)));
    expect(bg.sessionRules.map((rule) => [rule.action.type, rule.condition.requestDomains])).toEqual([
      ['allow', ['blocked-example.com']],
    ]);
  });

  it('get-site names who decided a site: the organisation, or an imported list by file and date', async () => {
    const bg = await startBackground({ managed: { blockedDomains: ['org-only-example.com'] } });
    const org = valueOf<{ decidedBy: unknown }>(
      await bg.send({ type: 'get-site', payload: { url: 'http://www.org-only-example.com/' } }),
    );
    expect(org.decidedBy).toEqual({ kind: 'organisation' });
    valueOf(
      await bg.send({
        type: 'import-host-list',
        payload: { list: 'block', fileName: 'corp.txt', text: 'listed-only-example.com\n' },
      }),
    );
    const listed = valueOf<{ decidedBy: { importedAt: string } }>(
      await bg.send({ type: 'get-site', payload: { url: 'http://a.listed-only-example.com/' } }),
    );
    expect(listed.decidedBy).toEqual({
      kind: 'list',
      list: 'block',
      fileName: 'corp.txt',
      importedAt: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(listed.decidedBy.importedAt))).toBe(false);
    const neither = valueOf<{ decidedBy: unknown }>(await bg.send({ type: 'get-site', payload: { url: BLOCKED } }));
    expect(neither.decidedBy).toBeNull();
  });

  it('get-site from the warning page says whether the extension issued the warning, and shows its verdict on that tab', async () => {
    const bg = await startBackground({ settings });
    const unasked = valueOf<{ issued: boolean; verdict: { level: string } }>(
      await bg.send({ type: 'get-site', payload: { url: BLOCKED } }, pageSender(WARNING_PAGE, 8)),
    );
    expect(unasked).toMatchObject({ issued: false, verdict: { level: 'dangerous' }, choice: { blocked: true } });
    await eventually(() => expect(bg.toolbar.get(8)?.state).toBe('dangerous'));
    bg.fire.beforeNavigate(8, BLOCKED);
    await eventually(() => expect(bg.navigations).toHaveLength(1));
    const token = new URL(bg.navigations[0]![1]).searchParams.get('t')!;
    const issued = valueOf<{ issued: boolean }>(
      await bg.send({ type: 'get-site', payload: { url: BLOCKED, token } }, pageSender(WARNING_PAGE, 8)),
    );
    expect(issued.issued).toBe(true);
  });

  it('block-site persists the choice and the next navigation to the site is stopped', async () => {
    const bg = await startBackground();
    valueOf(await bg.send({ type: 'block-site', payload: { url: 'http://example.org/' } }));
    expect(bg.local.get('settings')).toMatchObject({ blockedSites: ['example.org'] });
    bg.fire.beforeNavigate(3, 'http://www.example.org/page');
    await eventually(() => expect(bg.navigations.map(([tab]) => tab)).toEqual([3]));
  });

  it('open-new-tab-page replaces the sender tab, and needs one', async () => {
    const bg = await startBackground();
    valueOf(await bg.send({ type: 'open-new-tab-page', payload: {} }, pageSender(WARNING_PAGE, 12)));
    expect(bg.replacedTabs).toEqual([12]);
    expect(await bg.send({ type: 'open-new-tab-page', payload: {} }, pageSender(WARNING_PAGE))).toMatchObject({
      ok: false,
    });
  });
});
