/**
 * The browser's own extension API object, for the page-side facades (popup-api.ts, content-api.ts,
 * warning-api.ts, options-api.ts). Firefox has `browser`; Chrome's MV3 `chrome` returns promises
 * for every call the pages make, so the pages do without webextension-polyfill's 10 KB (it would
 * break the warning and options page budgets); the background uses it (webext-platform.ts).
 */
import type { Browser } from 'webextension-polyfill';

/** The WebExtension API of the running browser. Throws outside an extension (e.g. in Node tests). */
export function ext(): Browser {
  const g = globalThis as { browser?: Browser; chrome?: Browser };
  const api = g.browser ?? g.chrome;
  if (!api?.runtime?.id) throw new Error('not running inside a browser extension');
  return api;
}

/** The extension's version, from its manifest. */
export function extensionVersion(): string {
  return ext().runtime.getManifest().version;
}
