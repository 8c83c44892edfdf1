/**
 * webNavigation and tabs: the navigation events the guard listens to, and the tab operations it
 * performs. Fields only Chrome sends (frameType, documentLifecycle) are optional here.
 */
import { ext } from './browser.js';

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

type NavigationListener = (event: NavigationEvent) => void;

/** webNavigation.onBeforeNavigate (call at top level). */
export function onBeforeNavigate(listener: NavigationListener): void {
  ext().webNavigation.onBeforeNavigate.addListener(listener as never);
}

/** webNavigation.onCommitted (call at top level). */
export function onCommitted(listener: NavigationListener): void {
  ext().webNavigation.onCommitted.addListener(listener as never);
}

/** webNavigation.onDOMContentLoaded (call at top level). */
export function onDOMContentLoaded(listener: NavigationListener): void {
  ext().webNavigation.onDOMContentLoaded.addListener(listener as never);
}

/** tabs.onRemoved (call at top level). */
export function onTabRemoved(listener: (tabId: number) => void): void {
  ext().tabs.onRemoved.addListener((tabId) => listener(tabId));
}

/** Every tab with the address of its page (readable for the sites the host permissions cover). */
export async function openTabs(): Promise<{ tabId: number; url: string }[]> {
  const tabs = await ext().tabs.query({});
  return tabs.flatMap((tab) =>
    tab.id === undefined || tab.url === undefined ? [] : [{ tabId: tab.id, url: tab.url }],
  );
}

/** Navigates a tab (extension pages included). */
export async function navigateTab(tabId: number, url: string): Promise<void> {
  await ext().tabs.update(tabId, { url });
}

/** Replaces a tab with a new tab page (a new tab, then the old one closed). */
export async function replaceWithNewTabPage(tabId: number): Promise<void> {
  const tab = await ext().tabs.get(tabId);
  await ext().tabs.create({
    active: true,
    ...(tab.windowId === undefined ? {} : { windowId: tab.windowId }),
    index: tab.index,
  });
  await ext().tabs.remove(tabId);
}

/** runtime.onInstalled (call at top level): install, update, or browser update. */
export function onInstalled(listener: (reason: string) => void): void {
  ext().runtime.onInstalled.addListener((details) => listener(details.reason));
}

/** storage.onChanged for storage.local (call at top level). */
export function onLocalStorageChanged(listener: (keys: readonly string[]) => void): void {
  ext().storage.onChanged.addListener((changes, area) => {
    if (area === 'local') listener(Object.keys(changes));
  });
}
