/**
 * What the popup's first script (first.ts) started and showed, handed to the second (main.ts):
 * every request is made once, as early as it can be, and the verdict the first script rendered is
 * carried on rather than built again.
 */
import type { ModelStatus, PageSummary, SiteDetails } from '../core/messages.js';
import type { PopupTab } from '../platform/popup-api.js';
import type { PopupState } from './site-view.js';
import type { TabPage } from './tab-page.js';

/** The first view: the tab, and the state and site section the first script rendered for it. */
export interface FirstView {
  /** Null when the tab could not be read. */
  readonly tab: PopupTab | null;
  readonly page: TabPage;
  /** The background's answer for the page (get-site), asked as soon as the tab was known. */
  readonly site: Promise<SiteDetails> | null;
  readonly state: PopupState;
  readonly node: HTMLElement;
}

export interface PopupStart {
  /** The tab named in the popup's address (`?tab=`), or null for the active tab. */
  readonly knownTab: number | null;
  /** Opened from the toolbar, over the page (not as a page of its own, as the tests open it). */
  readonly fromToolbar: boolean;
  readonly status: Promise<ModelStatus>;
  /** Asked at once for a known tab; otherwise main.ts asks once the tab is known. */
  readonly summary: Promise<PageSummary | null> | undefined;
  readonly first: Promise<FirstView>;
}

/** The User Timing mark the popup sets once its first frame is done on the main thread. */
export const POPUP_FIRST_FRAME_MARK = 'snowman:popup-first-frame';

/** The popup's state before anything is known. */
export const EMPTY_POPUP: PopupState = {
  host: null,
  site: null,
  siteError: null,
  summary: null,
  status: null,
  notice: null,
  busy: false,
};

type StartHolder = { snowmanPopupStart?: PopupStart };

/** Leaves `start` for the popup's second script. */
export function publishStart(start: PopupStart): void {
  (globalThis as StartHolder).snowmanPopupStart = start;
}

/** What the first script started; throws when it did not run (the page loads it first). */
export function takeStart(): PopupStart {
  const start = (globalThis as StartHolder).snowmanPopupStart;
  if (!start) throw new Error('popup: first.js did not run before main.js');
  return start;
}
