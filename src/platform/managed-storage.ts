/** storage.managed: the organisation's policy (Chrome: enterprise policy; Firefox: policies.json). */
import type { Browser } from 'webextension-polyfill';

/** The managed area's contents; {} where no policy is set or the browser has no managed storage. */
export async function readManagedStorage(browser: Browser): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    // Firefox rejects when no policy names the extension: the same as an empty policy.
    return {};
  }
}
