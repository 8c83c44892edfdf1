import { describe, expect, it } from 'vitest';
import { withRiskyLinks } from '../../src/background/link-toolbar.js';
import { BADGE_COLORS, toolbarViewFor } from '../../src/background/toolbar.js';
import { createToolbar } from '../../src/platform/action.js';
import type { FrameRecord } from '../../src/core/messages.js';
import { catalogueReader } from '../../src/core/message-catalogue.js';
import { useMessageSource } from '../../src/platform/i18n.js';
import english from '../../_locales/en/messages.json';
import german from '../../_locales/de/messages.json';

const frame = (over: Partial<FrameRecord>): FrameRecord => ({
  url: 'http://a.com/',
  host: 'a.com',
  level: 'safe',
  category: 'benign',
  score: 0.01,
  ...over,
});

describe('toolbar view', () => {
  it('gives every state its icon, badge and a tooltip that says why, in words rather than a score', () => {
    expect(toolbarViewFor(frame({ level: 'dangerous', category: 'dga', score: 0.999 }))).toMatchObject({
      state: 'dangerous',
      badge: '!',
      title: 'Snowman: a.com looks dangerous: its name looks machine-generated, the way malware names its servers',
    });
    expect(toolbarViewFor(frame({ level: 'suspicious', category: 'malicious', score: 0.95 }))).toMatchObject({
      state: 'suspicious',
      badge: '?',
      title: expect.stringMatching(/suspicious: its name looks like the names of phishing/),
    });
    expect(toolbarViewFor(frame({}))).toMatchObject({ state: 'safe', badge: '', title: 'Snowman: a.com looks safe' });
    expect(toolbarViewFor(frame({ level: 'unscorable', host: 'localhost', score: null }))).toMatchObject({
      state: 'unscored',
      title: expect.stringMatching(/not checked/),
    });
    expect(toolbarViewFor(null)).toMatchObject({ state: 'unscored' });
    expect(toolbarViewFor(frame({ level: 'error', score: null }))).toMatchObject({
      state: 'error',
      title: expect.stringMatching(/could not check/),
    });
  });

  it('a model that failed to load shows the error state in words, the technical reason left to the popup', () => {
    const view = toolbarViewFor(frame({}), 'weights.bin: HTTP 404');
    expect(view).toMatchObject({ state: 'error', badge: 'off' });
    expect(view.title).toMatch(/not checking sites: its model could not be loaded\. Pages load normally/);
    expect(view.title).not.toMatch(/weights\.bin|HTTP/);
  });
});

describe('toolbar with risky links', () => {
  const safe = toolbarViewFor(frame({}));

  it('a safe page with suspicious links has an amber count, with dangerous links a red one; the icon stays the page’s', () => {
    const amber = withRiskyLinks(safe, { dangerous: 0, suspicious: 22 });
    expect(amber).toMatchObject({ state: 'safe', badge: '22', color: BADGE_COLORS.suspicious });
    expect(amber.title).toBe(
      'Snowman: a.com looks safe\n22 linked sites look risky (22 suspicious). Open Snowman to see them.',
    );
    expect(withRiskyLinks(safe, { dangerous: 1, suspicious: 3 })).toMatchObject({
      badge: '4',
      color: BADGE_COLORS.dangerous,
      title: expect.stringMatching(/4 linked sites look risky \(1 dangerous, 3 suspicious\)/),
    });
    expect(withRiskyLinks(safe, { dangerous: 1, suspicious: 0 }).title).toMatch(
      /1 linked site looks risky \(1 dangerous\)/,
    );
    expect(
      withRiskyLinks(toolbarViewFor(frame({ level: 'dangerous', category: 'dga' })), { dangerous: 0, suspicious: 2 })
        .color,
    ).toBe(BADGE_COLORS.dangerous);
    expect(withRiskyLinks(safe, { dangerous: 0, suspicious: 1234 }).badge).toBe('999+');
  });

  it('no risky links, or the error state, leave the view alone', () => {
    expect(withRiskyLinks(safe, { dangerous: 0, suspicious: 0 })).toBe(safe);
    const error = toolbarViewFor(null, 'boom');
    expect(withRiskyLinks(error, { dangerous: 5, suspicious: 0 })).toBe(error);
  });
});

describe('the popup’s address per tab', () => {
  const recorded = frame({
    host: 'login.a.com',
    level: 'dangerous',
    category: 'malicious',
    site: {
      displayHost: 'login.a.com',
      registrableDomain: 'a.com',
      site: 'a.com',
      verdict: { level: 'dangerous', category: 'malicious', score: 0.99, risk: 0.995, reasons: [] },
    },
  });

  it('names the tab and carries the verdict the toolbar shows; a link count leaves it as it is', () => {
    const view = toolbarViewFor(recorded, undefined, 7);
    expect(view.popup).toBe(
      'popup/dangerous.en.html?tab=7&via=toolbar&level=dangerous&category=malicious&host=login.a.com&site=2&risk=995',
    );
    expect(withRiskyLinks(view, { dangerous: 3, suspicious: 0 }).popup).toBe(view.popup);
    expect(toolbarViewFor(null, undefined, 7).popup).toBe('popup/index.html?tab=7&via=toolbar');
    // A model that could not load: the toolbar shows no verdict, and neither does the address.
    expect(toolbarViewFor(recorded, 'boom', 7).popup).toBe('popup/index.html?tab=7&via=toolbar');
    // The page of the catalogue the browser reads: the German one in German.
    useMessageSource(catalogueReader(german));
    try {
      expect(toolbarViewFor(recorded, undefined, 7).popup).toMatch(/^popup\/dangerous\.de\.html\?tab=7&/);
    } finally {
      useMessageSource(catalogueReader(english));
    }
    // The default of all tabs keeps the manifest's popup.
    expect(toolbarViewFor(recorded).popup).toBeUndefined();
  });

  it('is sent with the rest of the toolbar, only when it changed, and again once the browser reset the tab', async () => {
    const calls: string[] = [];
    const record =
      (name: string) =>
      async (details: { tabId?: number; popup?: string }): Promise<void> =>
        void calls.push(`${name} ${details.tabId ?? '-'} ${details.popup ?? ''}`.trim());
    const browser = {
      action: {
        setIcon: record('icon'),
        setBadgeText: record('badge'),
        setBadgeBackgroundColor: record('color'),
        setTitle: record('title'),
        setPopup: record('popup'),
      },
      runtime: { getURL: (path: string) => `ext://${path}` },
    };
    const toolbar = createToolbar(browser as never);
    const view = toolbarViewFor(recorded, undefined, 7);
    await toolbar.show(view, 7);
    expect(calls.filter((call) => call.startsWith('popup'))).toEqual([`popup 7 ${view.popup}`]);
    await toolbar.show(withRiskyLinks(view, { dangerous: 2, suspicious: 0 }), 7);
    expect(calls.filter((call) => call.startsWith('popup'))).toHaveLength(1);
    toolbar.forget(7);
    await toolbar.show(view, 7);
    expect(calls.filter((call) => call.startsWith('popup'))).toHaveLength(2);
    await toolbar.show(toolbarViewFor(null), undefined);
    expect(calls.filter((call) => call.startsWith('popup'))).toHaveLength(2);
  });
});
