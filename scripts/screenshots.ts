/**
 * README screenshots of the built Chrome extension, light and dark: the warning page, the popup
 * on a warning tab and the options page. Run explicitly (`npm run screenshots`, which builds
 * first); tests never write tracked files. `--out DIR` writes elsewhere (default docs/screenshots).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/harness/chromium.js';
import { REPO_ROOT } from './lib/data-pool.js';

const outFlag = process.argv.indexOf('--out');
const OUT = outFlag === -1 ? path.join(REPO_ROOT, 'docs/screenshots') : path.resolve(process.argv[outFlag + 1] ?? '.');
const LOOKALIKE = 'http://login.paypal-account-verify-secure-login.com/signin';
const MACHINE = 'http://6rhxo55zbka52ztj0wyuhvauvz.info/';

async function shoot(page: Page, name: string, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForTimeout(100);
  await page.screenshot({ path: path.join(OUT, `${name}-${scheme}.png`), fullPage: true });
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const session = await launchChromium(path.join(REPO_ROOT, 'dist/chrome'));
  try {
    let page: Page | undefined;
    for (const [name, url] of [['warning-dga', MACHINE], ['warning', LOOKALIKE]] as const) {
      await page?.close();
      page = await session.context.newPage();
      await page.setViewportSize({ width: 900, height: 760 });
      await page.goto(`${session.origin}warning/index.html#${url}`);
      await page.locator('button.back').waitFor();
      for (const scheme of ['light', 'dark'] as const) await shoot(page, name, scheme);
    }
    if (!page) return;
    await page.locator('details.more summary').click();
    await page.locator('button.trust').click();
    await shoot(page, 'warning-trust-confirm', 'light');
    const tabId = await session.inExtension(async (prefix) => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
      return (await api.tabs.query({})).find((t) => t.url?.startsWith(prefix))?.id ?? -1;
    }, `${session.origin}warning/`);
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`${session.origin}popup/index.html?tab=${tabId}`);
    await popup.locator('#site-name').waitFor();
    await popup.waitForTimeout(300);
    for (const scheme of ['light', 'dark'] as const) await shoot(popup, 'popup', scheme);
    const options = await session.context.newPage();
    await options.setViewportSize({ width: 900, height: 900 });
    await options.goto(`${session.origin}options/index.html`);
    await options.waitForTimeout(300);
    for (const scheme of ['light', 'dark'] as const) await shoot(options, 'options', scheme);
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await session.close();
  }
}

await main();
