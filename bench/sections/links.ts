/**
 * Links section, in real Chromium with the built extension: a page of 5,000 links over
 * 1,000 distinct domains (every tenth one DGA-looking). Measured from the page's own world, which
 * sees the badge elements appear (not what they say): DOMContentLoaded → last badge; the longest
 * main-thread task after the DOM was parsed (longtask observer: the page itself runs no script
 * then, so the tasks are the content script's and the style/layout its badges cause; a run
 * without the extension gives the baseline); the content-script bundle size; the popup's time to
 * first render, opened as a tab (the toolbar button's own popup, shown only at its load event, is
 * the `popup` section's). (Long-animation-frame attribution would split script from layout, but Chromium
 * leaves extension scripts out of it.) The machine's load average goes into the notes: on a
 * shared 2-core machine the numbers move with it.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, launchChromium, type ChromiumSession } from '../../test/e2e/harness/chromium.js';
import { extensionDir, ensureBuilt } from '../../test/e2e/harness/extension.js';
import { CHROME_DIST } from '../lib/chrome-dist.js';
import { pickE2eNames } from '../../test/e2e/harness/names.js';
import { startLinkServer, type LinkServer } from '../../test/e2e/links/pages.js';
import type { Row } from '../types.js';
import { loadAverageNote, median } from '../lib/stats.js';

const SECTION = 'links';
const DOMAINS = 1000;
const LINKS = 5000;
const ROOT = path.resolve(import.meta.dirname, '../..');
const EMPTY_PAGE = 'bench-empty.html';
/** A level page of the popup with its scripts taken out: how soon its HTML alone paints the verdict. */
const SCRIPTLESS_POPUP = 'popup/bench-scriptless.html';

/** Runs in the page's main world before its scripts: what a page can measure about itself. */
const PAGE_PROBE = `
window.__bench = { badges: 0, lastBadge: 0, longTasks: [], firstFrame: 0 };
// The end of the first frame after DOMContentLoaded (the page's own first layout and paint): the
// floor under "DOMContentLoaded → last badge", since badges can only appear in a later frame.
document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => setTimeout(() => { window.__bench.firstFrame = performance.now(); }, 0)));
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) {
    if (n.nodeType === 1 && n.localName === 'span' && n.childNodes.length === 0 && n.previousElementSibling && n.previousElementSibling.localName === 'a') {
      window.__bench.badges++;
      window.__bench.lastBadge = performance.now();
    }
  }
}).observe(document, { childList: true, subtree: true });
`;

interface PageRun {
  readonly dclToLastBadge: number;
  readonly dclToFirstFrame: number;
  readonly badges: number;
  readonly longestTask: number;
  readonly riskyLinks: number;
  readonly scoringMs: number;
}

async function measurePage(context: BrowserContext, url: string, session: ChromiumSession | null): Promise<PageRun> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    // Settled: as many badges as the background counts risky links (or, without the extension,
    // nothing new for a second), at most 30 s.
    const tabId = session
      ? await session.inExtension(
          async (wanted) => (await chrome.tabs.query({})).find((t) => t.url === wanted)?.id ?? -1,
          url,
        )
      : -1;
    const deadline = Date.now() + 30_000;
    let last = -1;
    let stableSince = Date.now();
    while (Date.now() < deadline) {
      const badges = await page.evaluate(() => (window as unknown as { __bench: { badges: number } }).__bench.badges);
      if (session) {
        const summary = await session.call('get-page-summary', { tabId });
        const risky = (summary?.linksByLevel.dangerous ?? 0) + (summary?.linksByLevel.suspicious ?? 0);
        if (summary && summary.links === LINKS && badges >= risky && badges === last && Date.now() - stableSince > 500)
          break;
      } else if (badges === last && Date.now() - stableSince > 1000) break;
      if (badges !== last) {
        last = badges;
        stableSince = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const bench = (
        window as unknown as {
          __bench: { badges: number; lastBadge: number; firstFrame: number; longTasks: [number, number][] };
        }
      ).__bench;
      return { dcl: nav.domContentLoadedEventStart, parsed: nav.domInteractive, ...bench };
    });
    const after = timing.longTasks.filter(([start]) => start >= timing.parsed);
    let riskyLinks = 0;
    let scoringMs = 0;
    if (session) {
      const summary = await session.call('get-page-summary', { tabId });
      riskyLinks = (summary?.linksByLevel.dangerous ?? 0) + (summary?.linksByLevel.suspicious ?? 0);
      scoringMs = summary?.scoringMs ?? 0;
    }
    return {
      dclToLastBadge: timing.badges > 0 ? timing.lastBadge - timing.dcl : Number.NaN,
      dclToFirstFrame: timing.firstFrame - timing.dcl,
      badges: timing.badges,
      longestTask: Math.max(0, ...after.map(([, d]) => d)),
      riskyLinks,
      scoringMs,
    };
  } finally {
    await page.close();
  }
}

/**
 * How the popup is opened for a tab showing the benched page: `tab` as the tests open it
 * (`popup/index.html?tab=N`); `unrecorded` the same after removing the verdict the background
 * recorded for the tab (storage.session), so it waits for get-site as it did before it read that
 * record; `toolbar` at exactly the address `action.getPopup({tabId})` gives, which is what the
 * toolbar opens; `quiet` the same over a small page that has finished loading (nothing else
 * running: the issue's "quiet machine"), where the others open it while the 5,000-link page is
 * still being laid out and badged. `scriptless` and `scriptless-quiet` open the level page without
 * its scripts in the same two conditions: the floor under each toolbar row, measured beside it.
 */
type PopupWay = 'tab' | 'unrecorded' | 'toolbar' | 'quiet' | 'scriptless' | 'scriptless-quiet';

/** Ways that open the page the toolbar's address names (or its scriptless copy) over a small, loaded page. */
const QUIET_WAYS: readonly PopupWay[] = ['quiet', 'scriptless-quiet'];
const SCRIPTLESS_WAYS: readonly PopupWay[] = ['scriptless', 'scriptless-quiet'];
/** After the small page has loaded: long enough for its verdict's record and toolbar to be written. */
const QUIET_SETTLE_MS = 500;
/** What the toolbar popup is opened over, in the rows' words. */
const OVER = {
  quiet: 'over a small loaded page',
  loading: 'over the 5,000-link page still loading',
} as const;

interface PopupTimes {
  readonly firstRender: number;
  readonly host: number;
  readonly verdict: number;
  /** First contentful paint (presentation time), for reference. */
  readonly fcp: number;
}

/** Popup openings per way (and per build); SNOWMAN_BENCH_POPUP_RUNS asks for more on a noisy machine. */
const POPUP_RUNS = Math.max(1, Number(process.env['SNOWMAN_BENCH_POPUP_RUNS'] ?? 5) || 5);

/**
 * A build whose toolbar address names no tab looks up the active tab of its window, which from
 * the toolbar is the page under it; opened as a page of its own, that would be the popup itself.
 * So that one query is answered with the benched tab, by a real tabs.query (the same round trip).
 */
const ACTIVE_TAB_STAND_IN = (tabId: number): string => `
  if (!new URLSearchParams(location.search).has('tab')) {
    const query = chrome.tabs.query.bind(chrome.tabs);
    chrome.tabs.query = (info, ...rest) =>
      info && info.active ? query({}).then((tabs) => tabs.filter((tab) => tab.id === ${tabId})) : query(info, ...rest);
  }`;

/**
 * When each part of the popup was first *painted*, ms from navigation start: the DOM can hold an
 * element before anything paints (a level page has its verdict at parse), so insertion times would
 * flatter it. An element counts as painted at the end of the first frame after it appeared: the
 * task after that frame's requestAnimationFrame, once its style, layout and paint are done on the
 * main thread. The same measure for every row and every build; first-contentful-paint (a
 * presentation time, later still in headless software compositing) is reported beside it, not
 * mixed in.
 */
const POPUP_PROBE = `
  window.__popup = { seen: {}, framed: {} };
  const painted = (key) => {
    const p = window.__popup;
    if (p.seen[key] !== undefined) return;
    p.seen[key] = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { p.framed[key] = performance.now(); };
      channel.port2.postMessage(null);
    });
  };
  new MutationObserver(() => {
    const name = document.getElementById('site-name');
    if (name) painted('name');
    // The tab's own host, not the placeholder shown before tabs.get answers.
    if (name && name.textContent && name.textContent !== '…') painted('host');
    if (document.getElementById('site-verdict')) painted('verdict');
  }).observe(document, { childList: true, subtree: true, characterData: true });`;

/** The probe's paint times, once each part and the first contentful paint are in. */
async function paintTimes(popup: Page, scriptless: boolean): Promise<PopupTimes> {
  // A page without scripts never shows the tab's host: its name keeps the placeholder.
  const keys = scriptless ? ['name', 'verdict'] : ['name', 'host', 'verdict'];
  await popup.waitForFunction((keys) => {
    const p = (window as unknown as { __popup: { framed: Record<string, number> } }).__popup;
    return (
      keys.every((key) => p.framed[key] !== undefined) &&
      performance.getEntriesByName('first-contentful-paint').length > 0
    );
  }, keys);
  // No named functions inside evaluate: tsx would wrap them in a helper the page does not have.
  const [firstRender, host, verdict, fcp] = await popup.evaluate(() => {
    const p = (window as unknown as { __popup: { framed: Record<string, number> } }).__popup;
    return [
      ...['name', 'host', 'verdict'].map((key) => p.framed[key] ?? Number.NaN),
      performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
    ];
  });
  return { firstRender: firstRender!, host: host!, verdict: verdict!, fcp: fcp! };
}

async function popupFirstRender(session: ChromiumSession, url: string, way: PopupWay): Promise<PopupTimes> {
  const page: Page = await session.context.newPage();
  await page.goto(url);
  const tabId = await session.inExtension(
    async (wanted) => (await chrome.tabs.query({})).find((t) => t.url === wanted)?.id ?? -1,
    url,
  );
  // The record is written once the page's verdict is in (and the toolbar, with the popup's
  // address, right after it); wait for it, then keep or drop it.
  const address = await session.inExtension(
    async ({ id, keep }) => {
      const key = `tab:${id}`;
      for (let i = 0; i < 100 && !(await chrome.storage.session.get(key))[key]; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      if (!keep) await chrome.storage.session.remove(key);
      // A build that sets the address per tab sets it with the toolbar, right after the record.
      let popup = await chrome.action.getPopup({ tabId: id });
      for (let i = 0; i < 50 && popup.includes('tab=') && !popup.includes('level='); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        popup = await chrome.action.getPopup({ tabId: id });
      }
      return popup;
    },
    { id: tabId, keep: way !== 'unrecorded' },
  );
  if (QUIET_WAYS.includes(way)) await new Promise((resolve) => setTimeout(resolve, QUIET_SETTLE_MS));
  const scriptless = SCRIPTLESS_WAYS.includes(way);
  const popup = await session.context.newPage();
  await popup.addInitScript(`${POPUP_PROBE}${ACTIVE_TAB_STAND_IN(tabId)}`);
  await popup.goto(
    scriptless
      ? `${session.origin}${SCRIPTLESS_POPUP}`
      : way === 'toolbar' || way === 'quiet'
        ? address
        : `${session.origin}popup/index.html?tab=${tabId}`,
  );
  const times = await paintTimes(popup, scriptless);
  await popup.close();
  await page.close();
  return times;
}

/**
 * The warning page for a dangerous name, opened as Chrome opens it (the extension URL with the
 * target after `#`): first contentful paint (the "Checking this address…" line) and the moment the
 * verdict's headline is in the DOM (after get-site answered), ms from navigation start.
 */
async function warningFirstPaint(
  session: ChromiumSession,
  target: string,
): Promise<{ firstPaint: number; verdict: number }> {
  const page = await session.context.newPage();
  await page.addInitScript(`
    window.__warning = {};
    new MutationObserver(() => {
      const h1 = document.querySelector('h1');
      if (!window.__warning.verdict && h1 && /site$/.test(h1.textContent || '')) window.__warning.verdict = performance.now();
    }).observe(document, { childList: true, subtree: true });`);
  await page.goto(`${session.origin}warning/index.html#${target}`);
  await page.waitForSelector('button.back');
  const times = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
    verdict: (window as unknown as { __warning: { verdict: number } }).__warning.verdict,
  }));
  await page.close();
  return times;
}

/**
 * An empty extension page (no script, no style) from navigation start to DOMContentLoaded: what
 * any extension page costs before its own code runs, the floor under the popup's figures.
 */
async function emptyExtensionPage(session: ChromiumSession): Promise<number> {
  const page = await session.context.newPage();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${session.origin}${EMPTY_PAGE}?run=${i}`);
    times.push(
      await page.evaluate(
        () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
      ),
    );
  }
  await page.close();
  return median(times);
}

export async function run(): Promise<Row[]> {
  await ensureBuilt();
  const rows: Row[] = [];
  const bundle = await readFile(path.join(ROOT, 'dist/chrome/content/links.js'));
  rows.push({
    section: SECTION,
    metric: 'content script bundle',
    value: Math.round((bundle.length / 1024) * 10) / 10,
    unit: 'KB',
    note: `minified; ${(gzipSync(bundle).length / 1024).toFixed(1)} KB gzipped; target ≤ 30 KB`,
  });

  const names = await pickE2eNames();
  // A name the shipped model (or the test-only thresholds) leaves alone hosts the page.
  const host = names.benign[0]!;
  // SNOWMAN_BENCH_CHROME_DIR benches another build as it is (a build of main, for a before row).
  const ext = process.env['SNOWMAN_BENCH_CHROME_DIR']
    ? { dir: CHROME_DIST, dispose: async () => {} }
    : await extensionDir('chrome', names);
  // SNOWMAN_BENCH_BEFORE_CHROME_DIR: an earlier build whose popup is opened the same ways, interleaved.
  const beforeDir = process.env['SNOWMAN_BENCH_BEFORE_CHROME_DIR'];
  const thresholdNote = names.thresholds
    ? `test-only thresholds ${JSON.stringify(names.thresholds)} (untrained model)`
    : undefined;
  let server: LinkServer | undefined;
  let session: ChromiumSession | undefined;
  let before: ChromiumSession | undefined;
  try {
    server = await startLinkServer();
    // Removed again in `finally`: the build itself ships no such page.
    await writeFile(path.join(ext.dir, EMPTY_PAGE), '<!doctype html><title>empty</title>');
    // A build without level pages (SNOWMAN_BENCH_CHROME_DIR on an older one) has no such row.
    const levelPage = await readFile(path.join(ext.dir, 'popup/dangerous.en.html'), 'utf8').catch(() => null);
    if (levelPage !== null)
      await writeFile(
        path.join(ext.dir, SCRIPTLESS_POPUP),
        levelPage.replace(/<script[^>]*><\/script>|<link rel="preload"[^>]*>/g, ''),
      );
    session = await launchChromium(ext.dir);
    await session.context.addInitScript(PAGE_PROBE);
    const runs: PageRun[] = [];
    for (let i = 0; i < 3; i++)
      runs.push(
        await measurePage(
          session.context,
          server.url(host, `/many?domains=${DOMAINS}&links=${LINKS}&run=${i}`),
          session,
        ),
      );
    // Interleaved, so every way (and the earlier build) meets the same machine load; medians of POPUP_RUNS each.
    before = beforeDir === undefined ? undefined : await launchChromium(path.resolve(beforeDir));
    const ways: readonly PopupWay[] = [
      'tab',
      'unrecorded',
      'toolbar',
      'quiet',
      ...(levelPage === null ? [] : (['scriptless', 'scriptless-quiet'] as const)),
    ];
    const popupRuns = new Map<string, PopupTimes[]>();
    for (let i = 0; i < POPUP_RUNS; i++) {
      // Each build goes first every other round, so neither gains from its place in the round.
      const builds = [['now', session] as const, ['before', before] as const];
      for (const [build, browser] of i % 2 === 0 ? builds : builds.reverse()) {
        if (!browser) continue;
        // The scriptless copy is written into this build's directory only.
        for (const way of build === 'now' ? ways : ways.filter((w) => !SCRIPTLESS_WAYS.includes(w))) {
          const url = QUIET_WAYS.includes(way)
            ? server.url(host, `/?run=popup-${build}-${way}-${i}`)
            : server.url(host, `/many?domains=${DOMAINS}&links=${LINKS}&run=popup-${build}-${way}-${i}`);
          const key = `${build} ${way}`;
          popupRuns.set(key, [...(popupRuns.get(key) ?? []), await popupFirstRender(browser, url, way)]);
        }
      }
    }
    await before?.close();
    before = undefined;
    const medianOf = (key: string): PopupTimes | null => {
      const runs = popupRuns.get(key);
      return runs
        ? {
            firstRender: median(runs.map((r) => r.firstRender)),
            host: median(runs.map((r) => r.host)),
            verdict: median(runs.map((r) => r.verdict)),
            fcp: median(runs.map((r) => r.fcp)),
          }
        : null;
    };
    const popup = medianOf('now tab')!;
    const popupUnrecorded = medianOf('now unrecorded')!;
    const toolbar = medianOf('now toolbar')!;
    const quiet = medianOf('now quiet')!;
    const floor = { loading: medianOf('now scriptless'), quiet: medianOf('now scriptless-quiet') };
    const earlier = {
      tab: medianOf('before tab'),
      toolbar: medianOf('before toolbar'),
      quiet: medianOf('before quiet'),
    };
    const warning = await warningFirstPaint(session, server.url(names.dangerous[0]!, '/bench'));
    const emptyPage = await emptyExtensionPage(session);
    await session.close();
    session = undefined;

    // Baseline: the same page in the same browser without the extension.
    const bare = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * 127.0.0.1'],
    });
    const bareContext = await bare.newContext();
    await bareContext.addInitScript(PAGE_PROBE);
    const baseline = await measurePage(
      bareContext,
      server.url(host, `/many?domains=${DOMAINS}&links=${LINKS}&run=bare`),
      null,
    );
    await bare.close();

    const [cold, ...warm] = runs;
    const load = loadAverageNote();
    const note = (text: string): string => [text, load, thresholdNote].filter(Boolean).join('; ');
    rows.push(
      {
        section: SECTION,
        metric: 'DOMContentLoaded → last badge (cold cache)',
        value: cold!.dclToLastBadge,
        unit: 'ms',
        note: note(
          `${cold!.badges} badges for ${cold!.riskyLinks} risky links; background scoring ${cold!.scoringMs} ms; target ≤ 300 ms`,
        ),
      },
      {
        section: SECTION,
        metric: 'DOMContentLoaded → last badge (warm cache)',
        value: median(warm.map((r) => r.dclToLastBadge)),
        unit: 'ms',
        note: note(`median of ${warm.length} reloads`),
      },
      {
        section: SECTION,
        metric: 'longest main-thread task after parsing',
        value: Math.max(...runs.map((r) => r.longestTask)),
        unit: 'ms',
        note: note(
          `longtask observer, worst of ${runs.length} runs, script plus the style/layout badges cause; without the extension: ${baseline.longestTask.toFixed(0)} ms; target ≤ 50 ms`,
        ),
      },
      {
        section: SECTION,
        metric: 'page without extension: DOMContentLoaded → first frame',
        value: baseline.dclToFirstFrame,
        unit: 'ms',
        note: note("the page's own first layout and paint; badges cannot appear earlier"),
      },
      {
        section: SECTION,
        metric: 'popup: first render',
        value: popup.firstRender,
        unit: 'ms',
        note: note(
          `#site-name painted, from navigation start of popup/index.html?tab=N, median of ${POPUP_RUNS}; target ≤ 80 ms`,
        ),
      },
      {
        section: SECTION,
        metric: 'popup: host shown',
        value: popup.host,
        unit: 'ms',
        note: "the tab's host in #site-name painted, after tabs.get answered",
      },
      {
        section: SECTION,
        metric: 'popup: verdict shown',
        value: popup.verdict,
        unit: 'ms',
        note: 'painted; popup/index.html?tab=N: from the verdict the background recorded in storage.session (one read, no message)',
      },
      {
        section: SECTION,
        metric: 'popup: verdict shown, nothing recorded',
        value: popupUnrecorded.verdict,
        unit: 'ms',
        note: `the tab's record removed first: waits for get-site, as before the record was read; first render ${popupUnrecorded.firstRender.toFixed(0)} ms`,
      },
      {
        section: SECTION,
        metric: `popup at the toolbar's address, opened as a tab, ${OVER.quiet}: first render`,
        value: quiet.firstRender,
        unit: 'ms',
        note: note(
          `at the address action.getPopup gives for the tab (what the toolbar opens), ${QUIET_SETTLE_MS} ms after the page loaded, median of ${POPUP_RUNS}; target ≤ 80 ms on a quiet machine`,
        ),
      },
      {
        section: SECTION,
        metric: `popup at the toolbar's address, opened as a tab, ${OVER.quiet}: verdict shown`,
        value: quiet.verdict,
        unit: 'ms',
        note: `painted (end of its first frame); the level page holds it in its HTML; host shown ${quiet.host.toFixed(0)} ms; first contentful paint ${quiet.fcp.toFixed(0)} ms; target ≤ 100 ms`,
      },
      {
        section: SECTION,
        metric: `popup at the toolbar's address, opened as a tab, ${OVER.loading}: first render`,
        value: toolbar.firstRender,
        unit: 'ms',
        note: note(
          `the same address, opened as soon as the page's verdict is recorded, while the page is laid out and its links judged and badged; median of ${POPUP_RUNS}`,
        ),
      },
      {
        section: SECTION,
        metric: `popup at the toolbar's address, opened as a tab, ${OVER.loading}: verdict shown`,
        value: toolbar.verdict,
        unit: 'ms',
        note: `painted; first contentful paint ${toolbar.fcp.toFixed(0)} ms`,
      },
      ...(['quiet', 'loading'] as const).flatMap((condition) => {
        const times = floor[condition];
        return times
          ? [
              {
                section: SECTION,
                metric: `popup level page without its scripts, ${OVER[condition]}: verdict shown`,
                value: times.verdict,
                unit: 'ms',
                note: note(
                  `popup/dangerous.en.html without first.js, interleaved with the toolbar rows in the same condition: the floor under them, median of ${POPUP_RUNS}`,
                ),
              },
            ]
          : [];
      }),
      ...(['tab', 'toolbar', 'quiet'] as const).flatMap((way) => {
        const times = earlier[way];
        return times
          ? [
              {
                section: SECTION,
                metric: `before: popup ${way === 'tab' ? '?tab=N' : `at the toolbar's address, opened as a tab, ${OVER[way === 'toolbar' ? 'loading' : 'quiet']}`}: verdict shown`,
                value: times.verdict,
                unit: 'ms',
                note: note(
                  `SNOWMAN_BENCH_BEFORE_CHROME_DIR build, interleaved with the rows above; first render ${times.firstRender.toFixed(0)} ms, first contentful paint ${times.fcp.toFixed(0)} ms`,
                ),
              },
            ]
          : [];
      }),
      {
        section: SECTION,
        metric: 'warning page: first paint',
        value: Math.round(warning.firstPaint * 10) / 10,
        unit: 'ms',
        note: note('first contentful paint from navigation start of warning/index.html#<dangerous name>'),
      },
      {
        section: SECTION,
        metric: 'warning page: verdict shown',
        value: Math.round(warning.verdict * 10) / 10,
        unit: 'ms',
        note: 'the headline in the DOM, after get-site answered (worker warm)',
      },
      {
        section: SECTION,
        metric: 'empty extension page: DOMContentLoaded',
        value: emptyPage,
        unit: 'ms',
        note: note('from navigation start, median of 3; no script or style: the floor under the popup'),
      },
    );
    return rows;
  } finally {
    await session?.close();
    await before?.close();
    await server?.close();
    await rm(path.join(ext.dir, EMPTY_PAGE), { force: true });
    await rm(path.join(ext.dir, SCRIPTLESS_POPUP), { force: true });
    await ext.dispose();
  }
}

declare const chrome: import('webextension-polyfill').Browser;
