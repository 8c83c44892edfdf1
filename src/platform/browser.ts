/**
 * The extension API object, and the extension's own addresses. Firefox has `browser` (promises);
 * Chrome's MV3 `chrome` returns promises for every API used here, so no polyfill is bundled.
 */
import type { Browser } from 'webextension-polyfill';

/** The WebExtension API of the running browser. Throws outside an extension (e.g. in Node tests). */
export function ext(): Browser {
  const g = globalThis as { browser?: Browser; chrome?: Browser };
  const api = g.browser ?? g.chrome;
  if (!api?.runtime?.id) throw new Error('not running inside a browser extension');
  return api;
}

/** Absolute URL of a file in the extension package. */
export function extensionUrl(path: string): string {
  return ext().runtime.getURL(path);
}

/** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
export function extensionOrigin(): string {
  return ext().runtime.getURL('');
}

export function extensionId(): string {
  return ext().runtime.id;
}

/** Errors that only mean the extension was reloaded or the tab went away: expected, not logged. */
export function isExpectedError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Extension context invalidated|No tab with id|Invalid tab ID|Receiving end does not exist|tab was closed/i.test(
    text,
  );
}
