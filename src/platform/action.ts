/**
 * The toolbar button: icon, badge, tooltip and, per tab, the popup's address; per tab or as the
 * default for all tabs.
 *
 * Speed: a page's link batches refresh the toolbar many times a second, and in a Chrome service
 * worker `setIcon({path})` is the costliest call the background makes (Chrome's binding fetches,
 * decodes and redraws every size in the worker on each call: 20–100 ms of worker time, which
 * delays the replies to the link scanner). So each tab's last view is remembered and only the
 * parts that changed are sent, and Chrome gets icons as ImageData decoded once per worker.
 */
import type { Action, Browser } from 'webextension-polyfill';
import type { Toolbar } from './background-api.js';
import type { ToolbarState, ToolbarView } from './toolbar-view.js';

export const ICON_SIZES = [16, 32, 48, 128] as const;
/** The toolbar draws 16 px icons at scale 1 and 2: Chrome picks from these. */
const TOOLBAR_SIZES = [16, 32] as const;

/** Package paths of one state's icons, keyed by size. */
export function iconPaths(state: ToolbarState): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const size of ICON_SIZES) paths[String(size)] = `/icons/${state}-${size}.png`;
  return paths;
}

type IconData = Record<string, ImageData>;

async function decode(browser: Browser, state: ToolbarState): Promise<IconData | null> {
  const data: IconData = {};
  for (const size of TOOLBAR_SIZES) {
    const blob = await (await fetch(browser.runtime.getURL(`icons/${state}-${size}.png`))).blob();
    const bitmap = await createImageBitmap(blob);
    const context = new OffscreenCanvas(size, size).getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, size, size);
    data[String(size)] = context.getImageData(0, 0, size, size);
  }
  return data;
}

/** The toolbar over `browser.action`; one per worker (it remembers what each tab shows). */
export function createToolbar(browser: Browser): Toolbar {
  const action: Action.Static = browser.action;
  const decoded = new Map<ToolbarState, Promise<IconData | null>>();
  /** What was last sent per tab (key -1: the default for all tabs). */
  const shown = new Map<number, ToolbarView>();
  /** Icon calls per tab run in order: a state whose icons are still decoding must not land after a later one. */
  const iconQueue = new Map<number, Promise<unknown>>();

  /** Chrome: the state's icons as ImageData, decoded once per worker (null: use paths). Firefox handles paths in its parent process. */
  function iconData(state: ToolbarState): Promise<IconData | null> {
    if (__FIREFOX__ || typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap !== 'function')
      return Promise.resolve(null);
    let icons = decoded.get(state);
    if (!icons) {
      icons = decode(browser, state).catch(() => null);
      decoded.set(state, icons);
    }
    return icons;
  }

  function setIcon(key: number, state: ToolbarState, target: { tabId?: number }): Promise<void> {
    const run = async (): Promise<void> => {
      const imageData = await iconData(state);
      if (imageData) await action.setIcon({ ...target, imageData } as never);
      else await action.setIcon({ ...target, path: iconPaths(state) });
    };
    const next = (iconQueue.get(key) ?? Promise.resolve()).then(run, run);
    const settled = next.catch(() => undefined);
    iconQueue.set(key, settled);
    void settled.then(() => iconQueue.get(key) === settled && iconQueue.delete(key));
    return next;
  }

  return {
    // The browser resets a tab's own toolbar values when its main frame commits a new document.
    forget: (tabId) => void shown.delete(tabId),
    async show(view, tabId) {
      const key = tabId ?? -1;
      const target = tabId === undefined ? {} : { tabId };
      const before = shown.get(key);
      shown.set(key, view);
      const calls: Promise<unknown>[] = [];
      if (before?.state !== view.state) calls.push(setIcon(key, view.state, target));
      if (before?.badge !== view.badge) calls.push(action.setBadgeText({ ...target, text: view.badge }));
      if (before?.color !== view.color) calls.push(action.setBadgeBackgroundColor({ ...target, color: view.color }));
      if (before?.title !== view.title) calls.push(action.setTitle({ ...target, title: view.title }));
      if (tabId !== undefined && view.popup !== undefined && before?.popup !== view.popup)
        calls.push(action.setPopup({ tabId, popup: view.popup }));
      try {
        await Promise.all(calls);
      } catch (error) {
        // Unknown state now: the next view is sent whole.
        if (shown.get(key) === view) shown.delete(key);
        throw error;
      }
    },
  };
}
