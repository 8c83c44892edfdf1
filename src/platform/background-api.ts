/**
 * What the background needs from the browser, as a handful of small interfaces (STYLE rule 2):
 * `createBackground(api)` is a function of this, `webExtensionPlatform()` implements it on
 * webextension-polyfill, and the unit tests on an in-memory copy (test/support/fake-platform.ts).
 * Each `on…` registers the one listener of its event: call it once, at the top level.
 */
import type { Envelope, SenderInfo } from '../core/messages.js';
import type { SettingsStore } from '../core/settings.js';
import type { NetRule } from './net-rules.js';
import type { NavigationEvent } from './navigation.js';
import type { SessionStore } from './storage.js';
import type { ToolbarView } from './toolbar-view.js';
import type { RequestDecision, RequestEvent } from './web-request.js';

/** The extension's own package: its addresses and files. */
export interface ExtensionPackage {
  readonly id: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  readonly origin: string;
  /** Absolute URL of a packaged file. */
  url(path: string): string;
  /** Bytes of a packaged file; rejects when it is missing. */
  read(path: string): Promise<Uint8Array>;
  /** Where the first answer's files came from (platform/early-reads.ts), for the start-up breakdown; null: read as asked. */
  readonly startFilesSource?: Promise<string> | null;
  /** Where tfjs finds its .wasm files (undefined: the backend's default, as in Node). */
  readonly wasmDirectory: string | undefined;
  /** runtime.onInstalled: `install`, `update`, or `browser_update`. */
  onInstalled(listener: (reason: string) => void): void;
}

export interface Tabs {
  /** Sends a tab to `url` (extension pages included). */
  navigate(tabId: number, url: string): Promise<void>;
  /** Replaces a tab with a new tab page (a new tab, then the old one closed). */
  replaceWithNewTabPage(tabId: number): Promise<void>;
  /**
   * Every tab with the address of its page (readable for the sites the host permissions cover and
   * the extension's own pages), the address it is loading, and whether its page finished loading.
   */
  open(): Promise<{ tabId: number; url: string; pendingUrl?: string; complete?: boolean }[]>;
  onRemoved(listener: (tabId: number) => void): void;
}

export interface Navigation {
  onBeforeNavigate(listener: (event: NavigationEvent) => void): void;
  onCommitted(listener: (event: NavigationEvent) => void): void;
  onDOMContentLoaded(listener: (event: NavigationEvent) => void): void;
}

/** Firefox's blocking webRequest: top-level requests wait for the listener's decision. */
export interface BlockingRequests {
  onFrameRequest(listener: (event: RequestEvent) => Promise<RequestDecision> | undefined): void;
}

export interface Storage {
  /** storage.local's settings entry. */
  readonly settings: SettingsStore;
  /** storage.session: survives the worker being stopped, cleared when the browser closes. */
  readonly session: SessionStore;
  /** storage.local's imported block and trust lists (background/host-lists.ts validates what it reads). */
  readonly hostLists: { load(): Promise<unknown>; save(lists: object): Promise<void> };
  /** storage.managed, the organisation's policy: {} where none is set. */
  readManaged(): Promise<unknown>;
  /** storage.onChanged: the area (`local`, `session`, `managed`) and the keys that changed. */
  onChanged(listener: (area: string, keys: readonly string[]) => void): void;
}

/** One set of declarativeNetRequest rules (dynamic: persistent; session: until the browser closes). */
export interface RuleSet {
  list(): Promise<NetRule[]>;
  update(addRules: NetRule[], removeRuleIds: number[]): Promise<void>;
}

/** Chrome's declarativeNetRequest. */
export interface NetRules {
  readonly dynamic: RuleSet;
  readonly session: RuleSet;
}

/** The toolbar button. */
export interface Toolbar {
  /** Shows `view` on one tab, or on every tab without its own state when `tabId` is undefined. */
  show(view: ToolbarView, tabId?: number): Promise<void>;
  /** Forgets what a tab shows: the browser reset it (new document) or the tab closed. */
  forget(tabId: number): void;
}

/** runtime messaging: the background answers every message with the dispatcher's envelope. */
export interface Messages {
  listen(dispatch: (message: unknown, sender: SenderInfo) => Promise<Envelope<unknown>>): void;
}

/** Everything the background touches of the browser. */
export interface BackgroundPlatform {
  readonly extension: ExtensionPackage;
  readonly tabs: Tabs;
  readonly navigation: Navigation;
  /** Firefox only (blocking webRequest); null in Chrome, which redirects from onBeforeNavigate. */
  readonly requests: BlockingRequests | null;
  readonly storage: Storage;
  /** Chrome only (declarativeNetRequest); null in Firefox. */
  readonly rules: NetRules | null;
  readonly toolbar: Toolbar;
  readonly messages: Messages;
}
