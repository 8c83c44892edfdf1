/**
 * Popup section, in real Chromium with the built extension: the toolbar button's own popup, opened
 * by `action.openPopup` over a small page that has finished loading (what a click on the button
 * opens, at the address the background set for that tab), read through `extension.getViews`.
 * Chrome shows that popup at its load event and paints nothing before, so its first paint is the
 * first thing the user sees: a presentation time, later than a main-thread measure would say. The
 * same level page without its scripts, set as the tab's popup and opened the same way, is the floor
 * under it; an earlier build (SNOWMAN_BENCH_BEFORE_CHROME_DIR) is opened the same way, interleaved.
 * Then Firefox ESR's toolbar popup, opened the same way (its preference for action.openPopup without
 * a click is set by the harness).
 */
import { rm, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, type ChromiumSession } from '../../test/e2e/harness/chromium.js';
import { launchFirefox } from '../../test/e2e/harness/firefox.js';
import { extensionDir, ensureBuilt } from '../../test/e2e/harness/extension.js';
import { pickE2eNames } from '../../test/e2e/harness/names.js';
import { POPUP_FIRST_FRAME_MARK } from '../../src/popup/start.js';
import { openToolbarBubbleIn, type ToolbarBubble } from '../../test/e2e/links/browsers.js';
import { startLinkServer, type LinkServer } from '../../test/e2e/links/pages.js';
import type { Row } from '../types.js';

const SECTION = 'popup';
/** The safe level page with its script taken out: what the popup's HTML alone costs. */
const SCRIPTLESS_POPUP = 'popup/bench-bubble-scriptless.html';
/**
 * The same page whose only script is one line that fills in the host from the address: what any
 * popup that shows the host in its first frame costs at least (the script is fetched before the
 * load event Chrome waits for).
 */
const ONE_LINE_POPUP = 'popup/bench-bubble-one-line.html';
const ONE_LINE_SCRIPT = 'popup/bench-bubble-one-line.js';
/** After the page has loaded: long enough for its verdict's record and toolbar to be written. */
const SETTLE_MS = 500;
const RUNS = Math.max(1, Number(process.env['SNOWMAN_BENCH_POPUP_RUNS'] ?? 11) || 11);

type Way = 'now' | 'floor' | 'one-line' | 'before';

/** The page each way opens instead of the one the toolbar's address names (null: that one). */
const PAGE_OF: Record<Way, string | null> = {
  now: null,
  floor: SCRIPTLESS_POPUP,
  'one-line': ONE_LINE_POPUP,
  before: null,
};

const loadAverage = (): string =>
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Opens a small page at `url` in `session`, waits for its toolbar address, and opens the button's
 * popup over it (on `page` instead of the address's own, with the same query, when given).
 */
async function openOver(session: ChromiumSession, url: string, page: string | null): Promise<ToolbarBubble> {
  const tab = await session.context.newPage();
  try {
    await tab.goto(url);
    const tabId = await session.inExtension(
      async (wanted) => (await chrome.tabs.query({})).find((t) => t.url === wanted)?.id ?? -1,
      url,
    );
    await session.inExtension(
      async ({ id, page }) => {
        let address = await chrome.action.getPopup({ tabId: id });
        for (let i = 0; i < 100 && !address.includes('level='); i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          address = await chrome.action.getPopup({ tabId: id });
        }
        if (page) await chrome.action.setPopup({ tabId: id, popup: address.replace(/popup\/[^?]*/, page) });
      },
      { id: tabId, page },
    );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // Only the popup itself has actions to wait for.
    return await session.inExtension(openToolbarBubbleIn, {
      id: tabId,
      actions: page === null,
      mark: POPUP_FIRST_FRAME_MARK,
    });
  } finally {
    await tab.close();
  }
}

/**
 * Firefox ESR's toolbar popup over a small loaded page on `host`, opened `RUNS` times the same way
 * (action.openPopup from an extension page, read through extension.getViews).
 */
async function firefoxBubbles(server: LinkServer, host: string, dir: string): Promise<ToolbarBubble[]> {
  const session = await launchFirefox(dir, { hosts: [host], httpPage: server.url(host, '/blank') });
  try {
    const bubbles: ToolbarBubble[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await session.browser.newPage();
      const url = server.url(host, `/?run=firefox-bubble-${i}`);
      await page.goto(url);
      const tabId = await session.inExtension(async (wanted) => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser;
        const id = (await api.tabs.query({})).find((t) => t.url === wanted)?.id ?? -1;
        for (let k = 0; k < 100 && !(await api.action.getPopup({ tabId: id })).includes('level='); k++)
          await new Promise((resolve) => setTimeout(resolve, 20));
        return id;
      }, url);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const bubble = await session.inExtension(openToolbarBubbleIn, {
        id: tabId,
        actions: true,
        mark: POPUP_FIRST_FRAME_MARK,
      });
      if (bubble.host !== host) throw new Error(`the Firefox popup showed ${JSON.stringify(bubble)}`);
      bubbles.push(bubble);
      await page.close();
    }
    return bubbles;
  } finally {
    await session.close();
  }
}

export async function run(): Promise<Row[]> {
  await ensureBuilt();
  const names = await pickE2eNames();
  const host = names.benign[0]!;
  const ext = await extensionDir('chrome', names);
  const beforeDir = process.env['SNOWMAN_BENCH_BEFORE_CHROME_DIR'];
  let server: LinkServer | undefined;
  const sessions: Partial<Record<Way, ChromiumSession>> = {};
  try {
    server = await startLinkServer();
    const levelPage = await readFile(path.join(ext.dir, 'popup/safe.en.html'), 'utf8');
    await writeFile(path.join(ext.dir, SCRIPTLESS_POPUP), levelPage.replace(/<script[^>]*><\/script>/g, ''));
    await writeFile(
      path.join(ext.dir, ONE_LINE_POPUP),
      levelPage.replace(/<script[^>]*><\/script>/g, `<script src="${path.basename(ONE_LINE_SCRIPT)}" defer></script>`),
    );
    await writeFile(
      path.join(ext.dir, ONE_LINE_SCRIPT),
      "document.getElementById('site-name').textContent = new URLSearchParams(location.search).get('host');\n" +
        // The same mark as the popup's, at the same moment: the end of its first frame on the main thread.
        `requestAnimationFrame(() => setTimeout(() => performance.mark('${POPUP_FIRST_FRAME_MARK}'), 0));\n`,
    );
    sessions.now = await launchChromium(ext.dir);
    sessions.floor = sessions.now;
    sessions['one-line'] = sessions.now;
    if (beforeDir !== undefined) sessions.before = await launchChromium(path.resolve(beforeDir));
    const ways = (Object.keys(sessions) as Way[]).filter((way) => sessions[way]);
    const bubbles = new Map<Way, ToolbarBubble[]>();
    for (let i = 0; i < RUNS; i++) {
      // Each way goes first in turn, so none gains from its place in the round.
      const order = [...ways.slice(i % ways.length), ...ways.slice(0, i % ways.length)];
      for (const way of order) {
        const bubble = await openOver(sessions[way]!, server.url(host, `/?run=bubble-${way}-${i}`), PAGE_OF[way]);
        if (bubble.verdict === null || (way !== 'floor' && bubble.host !== host))
          throw new Error(`the ${way} popup showed ${JSON.stringify(bubble)}`);
        bubbles.set(way, [...(bubbles.get(way) ?? []), bubble]);
      }
    }
    const load = loadAverage();
    const rows: Row[] = [];
    const label: Record<Way, string> = {
      now: "the toolbar button's popup over a small loaded page",
      floor: 'its level page without its script, opened the same way (floor)',
      'one-line': 'its level page with a one-line script that fills in the host, opened the same way',
      before: "before: the toolbar button's popup over a small loaded page",
    };
    for (const way of ways) {
      const runs = bubbles.get(way)!;
      const of = (key: keyof ToolbarBubble['times']): number => median(runs.map((b) => b.times[key]));
      const shows = `verdict${way === 'floor' ? '' : ' and host'}`;
      // A page without the mark (the floor, an earlier build) has no main-thread row.
      if (!Number.isNaN(of('firstFrame')))
        rows.push({
          section: SECTION,
          metric: `${label[way]}: first frame done`,
          value: Math.round(of('firstFrame') * 10) / 10,
          unit: 'ms',
          note: [
            `the end of its first frame on the main thread (${POPUP_FIRST_FRAME_MARK}), ${shows} in it, from its navigation start; load event ${of('load').toFixed(0)} ms, shown ${of('visible').toFixed(0)} ms; median of ${runs.length}`,
            way === 'now' ? 'target ≤ 80 ms (first render)' : '',
            load,
          ]
            .filter(Boolean)
            .join('; '),
        });
      rows.push({
        section: SECTION,
        metric: `${label[way]}: first paint`,
        value: Math.round(of('firstPaint') * 10) / 10,
        unit: 'ms',
        note: [
          `first contentful paint (presented: after the compositor and the display), ${shows} in it; load event ${of('load').toFixed(0)} ms, shown ${of('visible').toFixed(0)} ms; median of ${runs.length}`,
          way === 'now' ? 'target ≤ 100 ms (verdict shown)' : '',
          way === 'before' ? 'SNOWMAN_BENCH_BEFORE_CHROME_DIR build, interleaved' : '',
          load,
        ]
          .filter(Boolean)
          .join('; '),
      });
    }
    const firefox = await extensionDir('firefox', names);
    try {
      const runs = await firefoxBubbles(server, host, firefox.dir);
      const of = (key: keyof ToolbarBubble['times']): number => median(runs.map((b) => b.times[key]));
      rows.push(
        {
          section: SECTION,
          metric: "Firefox: the toolbar button's popup over a small loaded page: first frame done",
          value: Math.round(of('firstFrame') * 10) / 10,
          unit: 'ms',
          note: `the end of its first frame on the main thread (${POPUP_FIRST_FRAME_MARK}), verdict and host in it, from its navigation start; load event ${of('load').toFixed(0)} ms; median of ${runs.length}; ${loadAverage()}`,
        },
        {
          section: SECTION,
          metric: "Firefox: the toolbar button's popup over a small loaded page: first paint",
          value: Math.round(of('firstPaint') * 10) / 10,
          unit: 'ms',
          note: `first contentful paint, from its navigation start; median of ${runs.length}`,
        },
      );
    } finally {
      await firefox.dispose();
    }
    return rows;
  } finally {
    await sessions.now?.close();
    await sessions.before?.close();
    await server?.close();
    for (const file of [SCRIPTLESS_POPUP, ONE_LINE_POPUP, ONE_LINE_SCRIPT])
      await rm(path.join(ext.dir, file), { force: true });
    await ext.dispose();
  }
}

declare const chrome: import('webextension-polyfill').Browser;
