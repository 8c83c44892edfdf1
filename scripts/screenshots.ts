/**
 * README screenshots of the built Chrome extension, light and dark: the warning page (and its
 * Always-trust confirmation), the popup on a page with risky links and on a warning tab, a page
 * with badged links and the options page. Run explicitly (`npm run screenshots`, which builds
 * first); tests never write tracked files. `--out DIR` writes elsewhere (default docs/screenshots).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/harness/chromium.js';
import { startLinkServer } from '../test/e2e/links/pages.js';
import { REPO_ROOT } from './lib/data-pool.js';

const outFlag = process.argv.indexOf('--out');
const OUT = outFlag === -1 ? path.join(REPO_ROOT, 'docs/screenshots') : path.resolve(process.argv[outFlag + 1] ?? '.');
/** Names the shipped model flags (test/fixtures/extension-flagged.txt); the first is also a lookalike. */
const LOOKALIKE = 'login.paypal-account-verify-secure-login.com';
const MACHINE = '6rhxo55zbka52ztj0wyuhvauvz.info';
/** Ordinary names it leaves alone (test/fixtures/extension-benign.txt). */
const NEWS = 'greenvalleybakery.com';
const OTHER = 'mountainviewlibrary.org';
const SCHEMES = ['light', 'dark'] as const;

async function shoot(page: Page, name: string, scheme: 'light' | 'dark', fullPage = true): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(OUT, `${name}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage });
}

async function open(context: BrowserContext, url: string, width: number, height: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(url).catch(() => undefined);
  return page;
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const server = await startLinkServer();
  const session = await launchChromium(path.join(REPO_ROOT, 'dist/chrome'));
  const { context, origin } = session;
  const tabOf = (prefix: string) =>
    session.inExtension(async (wanted) => {
      const api = (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }
      ).chrome;
      return (await api.tabs.query({})).find((t) => t.url?.startsWith(wanted))?.id ?? -1;
    }, prefix);
  try {
    // A page with badged links, and the popup for it.
    const news = await open(context, server.url(NEWS, `/links?to=${LOOKALIKE},${OTHER},${MACHINE}`), 900, 520);
    await news.waitForTimeout(2500);
    // The test page has no dark style of its own: one shot.
    await shoot(news, 'badged-page', 'light', false);
    const popup = await open(context, `${origin}popup/index.html?tab=${await tabOf(server.url(NEWS, '/'))}`, 360, 600);
    await popup.locator('#risky-list').waitFor();
    for (const scheme of SCHEMES) await shoot(popup, 'popup-page', scheme);

    // The warning page, the popup on its tab, and the Always-trust confirmation.
    const warning = await open(context, server.url(LOOKALIKE, '/signin'), 900, 760);
    await warning.locator('button.back').waitFor();
    for (const scheme of SCHEMES) await shoot(warning, 'warning', scheme);
    const onWarning = await open(
      context,
      `${origin}popup/index.html?tab=${await tabOf(`${origin}warning/`)}`,
      360,
      600,
    );
    await onWarning.locator('.warned').waitFor();
    for (const scheme of SCHEMES) await shoot(onWarning, 'popup', scheme);
    await warning.locator('details.more summary').click();
    await warning.locator('button.trust').click();
    await shoot(warning, 'warning-trust-confirm', 'light');

    const options = await open(context, `${origin}options/index.html`, 900, 900);
    await options.locator('#sensitivity-balanced').waitFor();
    for (const scheme of SCHEMES) await shoot(options, 'options', scheme);
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await session.close();
    await server.close();
  }
}

await main();
