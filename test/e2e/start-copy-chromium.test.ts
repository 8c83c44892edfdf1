/**
 * Chromium: the files a starting worker reads first are kept in the extension's IndexedDB
 * (platform/early-reads.ts). The profile's first worker reads the package and keeps a copy; a
 * worker restarted later reads the copy; a damaged copy is not used (the package is read, the
 * dangerous name still warned) and a good copy is kept again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gotoAllowingRedirect, launchChromium, type ChromiumSession } from './harness/chromium.js';
import { hrefReaching } from './harness/driver.js';
import { launchForSuite } from './harness/scenarios.js';

const WARNING = 'warning/index.html';

interface CopyCheck {
  /** Per kept file: whether its bytes equal the package's. */
  readonly same: Record<string, boolean>;
  readonly id: string | null;
}

/** The kept copy compared byte for byte with the package's files, from an extension page. */
function keptCopy(browser: ChromiumSession): Promise<CopyCheck | null> {
  return browser.inExtension(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('snowman-start', 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore('kept');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const copy = await new Promise<{ id: string; files: Record<string, ArrayBuffer> } | undefined>(
      (resolve, reject) => {
        const get = database.transaction('kept').objectStore('kept').get('start-files');
        get.onsuccess = () => resolve(get.result as { id: string; files: Record<string, ArrayBuffer> } | undefined);
        get.onerror = () => reject(get.error);
      },
    );
    database.close();
    if (!copy) return null;
    const same: Record<string, boolean> = {};
    for (const [path, bytes] of Object.entries(copy.files)) {
      const shipped = new Uint8Array(await (await fetch(new URL(`/${path}`, location.href))).arrayBuffer());
      const kept = new Uint8Array(bytes);
      same[path] = kept.length === shipped.length && kept.every((byte, i) => byte === shipped[i]);
    }
    return { same, id: copy.id };
  }, null);
}

/** Flips one byte of the kept quick-check member, in place, under the same id. */
function damageCopy(browser: ChromiumSession): Promise<void> {
  return browser.inExtension(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('snowman-start', 1);
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const store = () => database.transaction('kept', 'readwrite').objectStore('kept');
    const copy = await new Promise<{ id: string; files: Record<string, ArrayBuffer> }>((resolve, reject) => {
      const get = store().get('start-files');
      get.onsuccess = () => resolve(get.result as { id: string; files: Record<string, ArrayBuffer> });
      get.onerror = () => reject(get.error);
    });
    const member = Object.keys(copy.files).find((path) => path.endsWith('.bin') && path.includes('ngram'))!;
    const bytes = new Uint8Array(copy.files[member]!);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await new Promise<void>((resolve, reject) => {
      const put = store().put(copy, 'start-files');
      put.onsuccess = () => resolve();
      put.onerror = () => reject(put.error);
    });
    database.close();
  }, null);
}

describe('Chromium: the start files kept in IndexedDB', () => {
  const suite = launchForSuite('chrome', (dir) => launchChromium(dir));

  /** Stops the worker, wakes it with a navigation to `host` (dangerous) and returns where the start files came from. */
  async function coldStart(page: Page, host: string): Promise<string[]> {
    await suite.browser.stopWorker();
    await gotoAllowingRedirect(page, suite.server.url(host, '/cold'));
    const href = await hrefReaching(() => page.evaluate(() => location.href), `${suite.browser.origin}${WARNING}`);
    expect(href.startsWith(`${suite.browser.origin}${WARNING}`), `${host} warned`).toBe(true);
    const stages = (await suite.browser.call('get-metrics', {})).stagesMs;
    return Object.keys(stages).filter((stage) => stage.startsWith('start files from'));
  }

  it('keeps a copy, reads it after a restart, and replaces a damaged one', async () => {
    // The profile's first worker read the package and keeps a copy of exactly those bytes.
    await expect
      .poll(() => keptCopy(suite.browser), { timeout: 20_000 })
      .toMatchObject({
        same: {
          'model/metadata-start.json': true,
          'model/lookalike-tables.bin': true,
          'model/ngram-quick.bin': true,
        },
      });
    const page = await suite.browser.context.newPage();
    expect(await coldStart(page, suite.names.dangerous[0]!)).toEqual(['start files from the kept copy']);

    await damageCopy(suite.browser);
    expect((await keptCopy(suite.browser))?.same['model/ngram-quick.bin']).toBe(false);
    expect(await coldStart(page, suite.names.dangerous[1]!)).toEqual(['start files from the package']);
    // Kept again, good, by the worker that read the package.
    await expect
      .poll(async () => (await keptCopy(suite.browser))?.same['model/ngram-quick.bin'], { timeout: 20_000 })
      .toBe(true);
    await page.close();
  }, 120_000);
});
