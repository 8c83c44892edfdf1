/** The popup's view of the browser: its tab, the background, and the tab's content script. */
import {
  parseRevealReply,
  tabRecordStorageKey,
  type ContentCommand,
  type ContentReplies,
  type TabRecord,
  type Transport,
} from '../core/messages.js';
import { ext, extensionVersion } from './browser.js';
import { sendToBackground } from './messaging.js';

export interface PopupTab {
  readonly id: number;
  readonly url: string | null;
}

export interface PopupPlatform {
  /** To the background (core/messages `request`). */
  readonly send: Transport;
  extensionVersion(): string;
  /** Absolute URL of the warning page, to recognise a tab that shows it. */
  readonly warningPage: string;
  /** Tab `id`, or the active tab of the current window when `id` is null. */
  tab(id: number | null): Promise<PopupTab | null>;
  navigate(tabId: number, url: string): Promise<void>;
  /** Sends a command to the tab's content script and checks its reply; rejects when the page has none. */
  tellContent<C extends ContentCommand>(tabId: number, command: C): Promise<ContentReplies[C['type']]>;
  /** What the background recorded about the tab's page (storage.session; no round trip to the worker). */
  recorded(tabId: number): Promise<TabRecord | null>;
  /** storage.session changed these keys. */
  onSessionChanged(listener: (keys: readonly string[]) => void): void;
}

/** The popup's platform in the running browser. */
export function popupPlatform(): PopupPlatform {
  const browser = ext();
  return {
    send: sendToBackground,
    extensionVersion,
    warningPage: browser.runtime.getURL('warning/index.html'),
    async tab(id) {
      const tab =
        id !== null ? await browser.tabs.get(id) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      return tab?.id === undefined ? null : { id: tab.id, url: tab.url ?? null };
    },
    async navigate(tabId, url) {
      await browser.tabs.update(tabId, { url });
    },
    async tellContent(tabId, command) {
      const reply: unknown = await browser.tabs.sendMessage(tabId, command);
      return (command.type === 'reveal-host' ? parseRevealReply(reply) : undefined) as never;
    },
    async recorded(tabId) {
      const key = tabRecordStorageKey(tabId);
      const value: unknown = (await browser.storage.session.get(key))[key];
      return typeof value === 'object' && value !== null ? (value as TabRecord) : null;
    },
    onSessionChanged(listener) {
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'session') listener(Object.keys(changes));
      });
    },
  };
}
