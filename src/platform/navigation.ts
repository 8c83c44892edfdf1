/**
 * webNavigation and tabs: the navigation events the guard listens to, and the tab operations it
 * performs. Fields only Chrome sends (frameType, documentLifecycle) are optional here.
 */
import type { Browser } from 'webextension-polyfill';
import type { Navigation, Tabs } from './background-api.js';

export interface NavigationEvent {
  readonly tabId: number;
  readonly frameId: number;
  readonly parentFrameId: number;
  readonly url: string;
  /** Chrome: `outermost_frame`, `fenced_frame` or `sub_frame`. */
  readonly frameType?: string;
  /** Chrome: `prerender` for speculative loads the user has not asked for. */
  readonly documentLifecycle?: string;
}

/** webNavigation's events of `browser`. */
export function navigationEvents(browser: Browser): Navigation {
  const events = browser.webNavigation;
  return {
    onBeforeNavigate: (listener) => events.onBeforeNavigate.addListener(listener as never),
    onCommitted: (listener) => events.onCommitted.addListener(listener as never),
    onDOMContentLoaded: (listener) => events.onDOMContentLoaded.addListener(listener as never),
  };
}

/** The tab operations of `browser`. */
export function tabOperations(browser: Browser): Tabs {
  const tabs = browser.tabs;
  return {
    async navigate(tabId, url) {
      await tabs.update(tabId, { url });
    },
    async replaceWithNewTabPage(tabId) {
      const tab = await tabs.get(tabId);
      await tabs.create({
        active: true,
        ...(tab.windowId === undefined ? {} : { windowId: tab.windowId }),
        index: tab.index,
      });
      await tabs.remove(tabId);
    },
    async open() {
      const all = await tabs.query({});
      return all.flatMap((tab) =>
        tab.id === undefined || tab.url === undefined
          ? []
          : [
              {
                tabId: tab.id,
                url: tab.url,
                ...(tab.pendingUrl === undefined ? {} : { pendingUrl: tab.pendingUrl }),
                complete: tab.status === 'complete',
              },
            ],
      );
    },
    onRemoved: (listener) => tabs.onRemoved.addListener((tabId) => listener(tabId)),
  };
}
