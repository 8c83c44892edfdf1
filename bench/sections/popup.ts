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
import path from 'node:path';
import { launchChromium, type ChromiumSession } from '../../test/e2e/harness/chromium.js';
import { launchFirefox } from '../../test/e2e/harness/firefox.js';
import { extensionDir, ensureBuilt } from '../../test/e2e/harness/extension.js';
import { pickE2eNames } from '../../test/e2e/harness/names.js';
import { POPUP_FIRST_FRAME_MARK } from '../../src/popup/start.js';
import { openToolbarBubble, toolbarAddressIn, type ToolbarBubble } from '../../test/e2e/links/browsers.js';
import { startLinkServer, type LinkServer } from '../../test/e2e/links/pages.js';
import { loadAverageNote, median } from '../lib/stats.js';
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

/** Each way's rows, in the rows' words. */
const LABEL: Record<Way, string> = {
  now: "the toolbar button's popup over a small loaded page",
  floor: 'its level page without its script, opened the same way (floor)',
  'one-line': 'its level page with a one-line script that fills in the host, opened the same way',
  before: "before: the toolbar button's popup over a small loaded page",
};

/** What runs code in an extension page of either browser's session. */
interface ExtensionPages {
  inExtension<T, A>(fn: (arg: A) => Promise<T>, arg: A): Promise<T>;
}

/**
 * Opens a small page at `url` (`newTab` gives it a tab), waits for its toolbar address, and opens
 * the button's popup over it: on `page` instead of the address's own, with the same query, when given.
 */
async function openOver(
  session: ExtensionPages,
  newTab: () => Promise<{ goto(url: string): Promise<unknown>; close(): Promise<void> }>,
  url: string,
  page: string | null = null,
): Promise<ToolbarBubble> {
  const tab = await newTab();
  try {
    await tab.goto(url);
    const tabId = await session.inExtension(async (wanted) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return (await api.tabs.query({})).find((t) => t.url === wanted)?.id ?? -1;
    }, url);
    const address = await session.inExtension(toolbarAddressIn, tabId);
    if (page)
      await session.inExtension(({ id, popup }) => chrome.action.setPopup({ tabId: id, popup }), {
        id: tabId,
        popup: address.replace(/popup\/[^?]*/, page),
      });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // Only the popup itself has actions to wait for.
    return await openToolbarBubble(session, tabId, page === null);
  } finally {
    await tab.close();
  }
}

/** The rows for `runs` of one way: its first frame on the main thread (where it marks one) and its presented first paint. */
function bubbleRows(
  label: string,
  runs: readonly ToolbarBubble[],
  notes: { shows: string; target?: boolean; extra?: string },
): Row[] {
  const of = (key: keyof ToolbarBubble['times']): number => median(runs.map((b) => b.times[key]));
  const rounded = (key: keyof ToolbarBubble['times']): number => Math.round(of(key) * 10) / 10;
  const timeline = `load event ${of('load').toFixed(0)} ms${Number.isNaN(of('visible')) ? '' : `, shown ${of('visible').toFixed(0)} ms`}; median of ${runs.length}`;
  const note = (...parts: (string | undefined)[]): string => [...parts, loadAverageNote()].filter(Boolean).join('; ');
  const rows: Row[] = [];
  // A page without the mark (the floor, an earlier build) has no main-thread row.
  if (!Number.isNaN(of('firstFrame')))
    rows.push({
      section: SECTION,
      metric: `${label}: first frame done`,
      value: rounded('firstFrame'),
      unit: 'ms',
      note: note(
        `the end of its first frame on the main thread (${POPUP_FIRST_FRAME_MARK}), ${notes.shows} in it, from its navigation start; ${timeline}`,
        notes.target ? 'target ≤ 80 ms (first render)' : undefined,
      ),
    });
  rows.push({
    section: SECTION,
    metric: `${label}: first paint`,
    value: rounded('firstPaint'),
    unit: 'ms',
    note: note(
      `first contentful paint (presented: after the compositor and the display), ${notes.shows} in it; ${timeline}`,
      notes.target ? 'target ≤ 100 ms (verdict shown)' : undefined,
      notes.extra,
    ),
  });
  return rows;
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
        const session = sessions[way]!;
        const url = server.url(host, `/?run=bubble-${way}-${i}`);
        const bubble = await openOver(session, () => session.context.newPage(), url, PAGE_OF[way]);
        if (bubble.verdict === null || (way !== 'floor' && bubble.host !== host))
          throw new Error(`the ${way} popup showed ${JSON.stringify(bubble)}`);
        bubbles.set(way, [...(bubbles.get(way) ?? []), bubble]);
      }
    }
    const rows = ways.flatMap((way) =>
      bubbleRows(LABEL[way], bubbles.get(way)!, {
        shows: way === 'floor' ? 'verdict' : 'verdict and host',
        target: way === 'now',
        ...(way === 'before' ? { extra: 'SNOWMAN_BENCH_BEFORE_CHROME_DIR build, interleaved' } : {}),
      }),
    );
    // Firefox ESR's toolbar popup, opened the same way (the harness sets its preference for
    // action.openPopup without a click).
    const firefoxDir = await extensionDir('firefox', names);
    const firefox = await launchFirefox(firefoxDir.dir, { hosts: [host], httpPage: server.url(host, '/blank') });
    try {
      const runs: ToolbarBubble[] = [];
      for (let i = 0; i < RUNS; i++) {
        const bubble = await openOver(firefox, () => firefox.browser.newPage(), server.url(host, `/?run=firefox-${i}`));
        if (bubble.host !== host) throw new Error(`the Firefox popup showed ${JSON.stringify(bubble)}`);
        runs.push(bubble);
      }
      rows.push(...bubbleRows(`Firefox: ${LABEL.now}`, runs, { shows: 'verdict and host' }));
    } finally {
      await firefox.close();
      await firefoxDir.dispose();
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
