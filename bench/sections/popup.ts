/**
 * Popup section, in real Chromium with the built extension: the toolbar button's own popup, opened
 * by `action.openPopup` over a small page that has finished loading (what a click on the button
 * opens, at the address the background set for that tab), read through `extension.getViews`.
 * Chrome shows that popup at its load event and paints nothing before, so its first paint is the
 * first thing the user sees: a presentation time, later than a main-thread measure would say. The
 * same level page without its scripts, set as the tab's popup and opened the same way, is the floor
 * under it; an earlier build (SNOWMAN_BENCH_BEFORE_CHROME_DIR) is opened the same way, interleaved.
 */
import { rm, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, type ChromiumSession } from '../../test/e2e/harness/chromium.js';
import { extensionDir, ensureBuilt } from '../../test/e2e/harness/extension.js';
import { pickE2eNames } from '../../test/e2e/harness/names.js';
import { openToolbarBubbleIn, type ToolbarBubble } from '../../test/e2e/links/browsers.js';
import { startLinkServer, type LinkServer } from '../../test/e2e/links/pages.js';
import type { Row } from '../types.js';

const SECTION = 'popup';
/** The safe level page with its script taken out: what the popup's HTML alone costs. */
const SCRIPTLESS_POPUP = 'popup/bench-bubble-scriptless.html';
/** After the page has loaded: long enough for its verdict's record and toolbar to be written. */
const SETTLE_MS = 500;
const RUNS = Math.max(1, Number(process.env['SNOWMAN_BENCH_POPUP_RUNS'] ?? 11) || 11);

type Way = 'now' | 'floor' | 'before';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Opens a small page on `host` in `session`, waits for its toolbar address, and opens the button's popup over it. */
async function openOver(session: ChromiumSession, url: string, scriptless: boolean): Promise<ToolbarBubble> {
  const page = await session.context.newPage();
  try {
    await page.goto(url);
    const tabId = await session.inExtension(
      async (wanted) => (await chrome.tabs.query({})).find((t) => t.url === wanted)?.id ?? -1,
      url,
    );
    await session.inExtension(
      async ({ id, floor }) => {
        let address = await chrome.action.getPopup({ tabId: id });
        for (let i = 0; i < 100 && !address.includes('level='); i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          address = await chrome.action.getPopup({ tabId: id });
        }
        // The floor: the same address on the level page without its script.
        if (floor) await chrome.action.setPopup({ tabId: id, popup: address.replace(/popup\/[^?]*/, floor) });
      },
      { id: tabId, floor: scriptless ? SCRIPTLESS_POPUP : null },
    );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return await session.inExtension(openToolbarBubbleIn, { id: tabId, actions: !scriptless });
  } finally {
    await page.close();
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
    sessions.now = await launchChromium(ext.dir);
    sessions.floor = sessions.now;
    if (beforeDir !== undefined) sessions.before = await launchChromium(path.resolve(beforeDir));
    const ways = (Object.keys(sessions) as Way[]).filter((way) => sessions[way]);
    const bubbles = new Map<Way, ToolbarBubble[]>();
    for (let i = 0; i < RUNS; i++) {
      // Each way goes first in turn, so none gains from its place in the round.
      const order = [...ways.slice(i % ways.length), ...ways.slice(0, i % ways.length)];
      for (const way of order) {
        const bubble = await openOver(sessions[way]!, server.url(host, `/?run=bubble-${way}-${i}`), way === 'floor');
        if (bubble.verdict === null || (way !== 'floor' && bubble.host !== host))
          throw new Error(`the ${way} popup showed ${JSON.stringify(bubble)}`);
        bubbles.set(way, [...(bubbles.get(way) ?? []), bubble]);
      }
    }
    const load = `load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`;
    const rows: Row[] = [];
    const label: Record<Way, string> = {
      now: "the toolbar button's popup over a small loaded page",
      floor: 'its level page without its script, opened the same way (floor)',
      before: "before: the toolbar button's popup over a small loaded page",
    };
    for (const way of ways) {
      const runs = bubbles.get(way)!;
      const of = (key: keyof ToolbarBubble['times']): number => median(runs.map((b) => b.times[key]));
      rows.push({
        section: SECTION,
        metric: `${label[way]}: first paint`,
        value: Math.round(of('firstPaint') * 10) / 10,
        unit: 'ms',
        note: [
          `first contentful paint from its navigation start, verdict${way === 'floor' ? '' : ' and host'} in it; load event ${of('load').toFixed(0)} ms, shown ${of('visible').toFixed(0)} ms; median of ${runs.length}`,
          way === 'now' ? 'target ≤ 80 ms (first render), ≤ 100 ms (verdict shown)' : '',
          way === 'before' ? 'SNOWMAN_BENCH_BEFORE_CHROME_DIR build, interleaved' : '',
          load,
        ]
          .filter(Boolean)
          .join('; '),
      });
    }
    return rows;
  } finally {
    await sessions.now?.close();
    await sessions.before?.close();
    await server?.close();
    await rm(path.join(ext.dir, SCRIPTLESS_POPUP), { force: true });
    await ext.dispose();
  }
}

declare const chrome: import('webextension-polyfill').Browser;
