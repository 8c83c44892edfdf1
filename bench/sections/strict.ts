/**
 * Strict first-visit mode, in real Chromium with dist/chrome: what it adds to a first visit on a
 * warm worker. Navigations to fresh safe names (never judged before, so strict mode holds each one
 * on the checking page), alternating strict off and on in the same run so load on the machine hits
 * both alike; each timed from `goto` to the site's own document loaded under its real address.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../test/e2e/harness/chromium.js';
import { ensureBuilt } from '../../test/e2e/harness/extension.js';
import { startTestServer } from '../../test/e2e/harness/server.js';
import type { Row } from '../types.js';
import { CHROME_DIST } from '../lib/chrome-dist.js';

const SECTION = 'strict';
const DIST = CHROME_DIST;
const NAVIGATIONS = 30;
const WARM_UP = 3;
/** Ordinary words: names the model judges safe, fresh for every navigation. */
const WORDS = ['bakery', 'garden', 'dental', 'plumbing', 'bookshop', 'florist', 'cycling', 'pottery'];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** ms from the start of the navigation until `url` itself has loaded in `page`; `held` gets when the checking page committed. */
async function timeVisit(page: Page, url: string, held: number[]): Promise<number> {
  const started = performance.now();
  const onCommit = (frame: { url(): string }): void => {
    if (frame === page.mainFrame() && frame.url().startsWith('chrome-extension:'))
      held.push(performance.now() - started);
  };
  page.on('framenavigated', onCommit);
  await page.goto(url, { waitUntil: 'load' }).catch((error: Error) => {
    // The checking page's forward replaces the navigation playwright waited on.
    if (!/ERR_ABORTED|interrupted by another navigation/.test(error.message)) throw error;
  });
  await page.waitForURL(url, { waitUntil: 'load', timeout: 10_000 });
  page.off('framenavigated', onCommit);
  return performance.now() - started;
}

export async function run(): Promise<Row[]> {
  await ensureBuilt();
  const server = await startTestServer();
  const session = await launchChromium(path.resolve(DIST));
  try {
    const page = await session.context.newPage();
    const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
    const held: number[] = [];
    /** Strict-on first visits that never showed the checking page (let through before their request started). */
    let unheld = 0;
    /** goto → the site's load of the strict-on visits that did go through the checking page. */
    const heldTimes: number[] = [];
    let n = 0;
    const fresh = (): string => {
      const word = WORDS[n % WORDS.length]!;
      return server.url(`${word}-${n++}-strictbench.com`, '/');
    };
    for (let i = 0; i < WARM_UP + NAVIGATIONS; i++) {
      for (const mode of ['off', 'on'] as const) {
        await session.call('set-preferences', { strictFirstVisit: mode === 'on' });
        const commits: number[] = [];
        const ms = await timeVisit(page, fresh(), commits);
        if (i >= WARM_UP) times[mode].push(ms);
        if (i >= WARM_UP && mode === 'on') {
          if (commits[0] === undefined) unheld++;
          else {
            held.push(commits[0]);
            heldTimes.push(ms);
          }
        }
      }
    }
    await session.call('set-preferences', { strictFirstVisit: false });
    const off = [...times.off].sort((a, b) => a - b);
    const on = [...times.on].sort((a, b) => a - b);
    const note = `${NAVIGATIONS} fresh safe names each, off and on alternating, warm worker; goto → the site's load`;
    return [
      { section: SECTION, metric: 'first visit, strict off, p50', value: percentile(off, 50), unit: 'ms', note },
      { section: SECTION, metric: 'first visit, strict off, p95', value: percentile(off, 95), unit: 'ms' },
      { section: SECTION, metric: 'first visit, strict on, p50', value: percentile(on, 50), unit: 'ms' },
      { section: SECTION, metric: 'first visit, strict on, p95', value: percentile(on, 95), unit: 'ms' },
      {
        section: SECTION,
        metric: 'strict mode added latency p50',
        value: percentile(on, 50) - percentile(off, 50),
        unit: 'ms',
        note: 'p50 on − p50 off; target ≤ 30',
      },
      {
        section: SECTION,
        metric: 'strict on: goto → checking page committed, p50',
        value:
          held.length === 0
            ? Number.NaN
            : percentile(
                held.sort((a, b) => a - b),
                50,
              ),
        unit: 'ms',
        note: `${held.length} navigations; the rest is the question, the answer and the forward's own load`,
      },
      {
        section: SECTION,
        metric: 'strict on, held visits only: added latency p50',
        value:
          heldTimes.length === 0
            ? Number.NaN
            : percentile(
                [...heldTimes].sort((a, b) => a - b),
                50,
              ) - percentile(off, 50),
        unit: 'ms',
        note: `${heldTimes.length} visits through the checking page: p50 of theirs − p50 off`,
      },
      {
        section: SECTION,
        metric: 'strict on: first visits never held (let through before the request)',
        value: Math.round((100 * unheld) / NAVIGATIONS),
        unit: '%',
        note: `${unheld} of ${NAVIGATIONS}: judged at the navigation's start and let through by a session rule in time`,
      },
      {
        section: SECTION,
        metric: 'strict mode added latency p95',
        value: percentile(on, 95) - percentile(off, 95),
        unit: 'ms',
        note: 'p95 on − p95 off',
      },
    ];
  } finally {
    await session.close();
    await server.close();
  }
}
