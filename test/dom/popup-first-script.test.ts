/**
 * The popup's first script on a level page: before the popup's first frame it renders the
 * toolbar's snapshot and nothing else (no request, no second script), so that frame is not pushed
 * back; after it, it asks for everything and starts main.js once the tab's view is known.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { catalogues as readCatalogues, inlineStyles } from '../../build.mjs';
import { popupLevelPage } from '../../scripts/popup-pages.mjs';
import english from '../../_locales/en/messages.json';
import { catalogueReader } from '../../src/core/message-catalogue.js';
import type { PopupPlatform } from '../../src/platform/popup-api.js';
import { POPUP_FIRST_FRAME_MARK } from '../../src/popup/start.js';
import { NO_FRAME_FALLBACK_MS } from '../../src/ui/after-first-frame.js';

const calls: string[] = [];
let answerTab: (tab: { id: number; url: string }) => void = () => undefined;

/** A platform that records what is asked, answers the tab only when the test says so, and has no background. */
const platform: PopupPlatform = {
  send: async (message) => {
    calls.push(`send ${(message as { type: string }).type}`);
    throw new Error('no background here');
  },
  extensionVersion: () => '1.0.0',
  warningPage: 'chrome-extension://id/warning/index.html',
  tab: (id) => {
    calls.push(`tab ${id}`);
    return new Promise((resolve) => (answerTab = resolve));
  },
  navigate: async () => undefined,
  tellContent: async () => undefined as never,
  recorded: async (id) => {
    calls.push(`recorded ${id}`);
    return null;
  },
  onSessionChanged: () => undefined,
};

vi.mock('../../src/platform/popup-api.js', () => ({ popupPlatform: () => platform }));

const ADDRESS = '?tab=3&via=toolbar&level=safe&category=benign&host=b.example.com&site=2&risk=120';

async function openLevelPage(): Promise<void> {
  const dir = path.resolve(__dirname, '../../src/popup');
  const html = await (inlineStyles as (h: string, d: string) => Promise<string>)(
    await readFile(path.join(dir, 'index.html'), 'utf8'),
    dir,
  );
  const catalogues = await (readCatalogues as () => Promise<Record<string, Record<string, { message: string }>>>)();
  const page = popupLevelPage(html, 'safe', catalogues['en']!, 'en');
  const happyDOM = (
    window as unknown as {
      happyDOM: { setURL(url: string): void; settings: { handleDisabledFileLoadingAsSuccess: boolean } };
    }
  ).happyDOM;
  happyDOM.setURL(`chrome-extension://id/popup/safe.en.html${ADDRESS}`);
  // main.js is looked for in the DOM, not run: its element counts, its loading would only log.
  happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
  // The body as parsed, without running its script: the test imports it instead.
  document.documentElement.innerHTML = new DOMParser()
    .parseFromString(page, 'text/html')
    .documentElement.innerHTML.replace(/<script[^>]*><\/script>/g, '');
}

const secondScript = (): Element | null => document.querySelector('script[src="main.js"]');

describe('popup first script', () => {
  let frames: (() => void)[];
  beforeEach(async () => {
    calls.length = 0;
    frames = [];
    performance.clearMarks();
    // Timers only: the performance timeline stays real, for the mark.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    // A fresh first.js for each test; the catalogue goes to the fresh copy of its i18n module.
    vi.resetModules();
    (await import('../../src/platform/i18n.js')).useMessageSource(catalogueReader(english));
    await openLevelPage();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('renders the snapshot and asks nothing until the first frame is painted, then asks and starts main.js', async () => {
    await import('../../src/popup/first.js');
    // The snapshot, from the address alone.
    expect(document.getElementById('site-name')!.textContent).toBe('b.example.com');
    expect(document.getElementById('site-verdict')!.textContent).toBe('Looks safe');
    expect(calls).toEqual([]);
    expect(secondScript()).toBeNull();

    // The frame: its requestAnimationFrame callback, then the task after it.
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['recorded 3', 'tab 3', 'send get-status', 'send get-page-summary']);
    expect(secondScript()).toBeNull();
    // The frame is marked for the browser's performance tools.
    expect(performance.getEntriesByName(POPUP_FIRST_FRAME_MARK)).toHaveLength(1);

    // main.js once the tab's view is known.
    answerTab({ id: 3, url: 'https://b.example.com/' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toContain('send get-site');
    await vi.waitFor(() => expect(secondScript()).not.toBeNull());
  });

  it('does not wait for a frame that never comes (a popup kept hidden)', async () => {
    await import('../../src/popup/first.js');
    await vi.advanceTimersByTimeAsync(NO_FRAME_FALLBACK_MS - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['recorded 3', 'tab 3', 'send get-status', 'send get-page-summary']);
    // No frame, no mark saying there was one.
    expect(performance.getEntriesByName(POPUP_FIRST_FRAME_MARK)).toHaveLength(0);
  });
});
