/**
 * The popup's first script: small, so it is fetched, compiled and run before anything else. Opened
 * from the toolbar, its address carries the tab and what the toolbar shows for it (the background
 * sets it per tab: core/popup-snapshot.ts), on a page whose HTML already shows that level's verdict
 * (scripts/popup-pages.mjs); it fills in the rest of the snapshot at once, before any answer, and
 * does nothing else until the popup's first frame has been painted: Chrome shows the popup at its
 * load event and paints nothing while it is hidden, so work started earlier only delays that
 * frame. Then it asks for the tab, the verdict the background recorded for it (storage.session: one
 * read, no wait for the worker or the model) and the background's answers, brings the verdict up to
 * date as soon as the tab and the record are known, and runs main.ts, which carries on from there
 * (actions, links, status, report) with the requests already in flight (start.ts).
 */
import { firstValue } from '../core/first-value.js';
import { readPopupAddress } from '../core/popup-snapshot.js';
import { request, type ModelStatus, type PageSummary, type TabRecord } from '../core/messages.js';
import { popupPlatform, type PopupTab } from '../platform/popup-api.js';
import { t } from '../platform/i18n.js';
import { firstFramePainted } from '../ui/after-first-frame.js';
import { localizePage } from '../ui/localize-page.js';
import { hostnameOf, recordedDetails } from './recorded-site.js';
import { adoptBuiltSection, siteSectionFor, type PopupState } from './site-view.js';
import { snapshotDetails, snapshotFits, snapshotForPage } from './snapshot-site.js';
import { EMPTY_POPUP, POPUP_FIRST_FRAME_MARK, publishStart, type FirstView } from './start.js';
import { tabPage } from './tab-page.js';

const platform = popupPlatform();
const address = readPopupAddress(location.search);
const knownTab = address.tabId;

/** The popup's requests, made together. */
interface Asked {
  readonly tab: Promise<PopupTab | null>;
  /** The record of the tab the address names (null without one). */
  readonly recorded: Promise<TabRecord | null> | null;
  readonly status: Promise<ModelStatus>;
  readonly summary: Promise<PageSummary | null> | undefined;
}

function askEverything(): Asked {
  const recorded = knownTab === null ? null : platform.recorded(knownTab);
  const tab = platform.tab(knownTab);
  // What does not depend on the tab's address is asked at once, while the tab is looked up: each
  // message is a round trip to the background, and waiting for tabs.get first added one more.
  const status = request(platform.send, 'get-status', {});
  const summary = knownTab === null ? undefined : request(platform.send, 'get-page-summary', { tabId: knownTab });
  for (const asked of [status, summary, recorded]) asked?.catch(() => undefined);
  return { tab, recorded, status, summary };
}

/** Replaces the page's shell with the site section for `state` (the popup's first render), or brings that section up to date. */
function show(state: PopupState): HTMLElement {
  const node = siteSectionFor(document, state);
  const app = document.getElementById('app')!;
  if (app.firstElementChild !== node || app.childElementCount !== 1) app.replaceChildren(node);
  return node;
}

async function firstView(asked: Asked): Promise<FirstView> {
  const tab = await asked.tab.catch(() => null);
  if (!tab) {
    const state = { ...EMPTY_POPUP, siteError: t('popup_no_tab') };
    return { tab, page: { url: null, warned: false }, site: null, state, node: show(state) };
  }
  const page = tabPage(tab.url, platform.warningPage);
  const site = page.url === null ? null : request(platform.send, 'get-site', { url: page.url });
  site?.catch(() => undefined);
  const record = tab.id === knownTab && asked.recorded ? asked.recorded : platform.recorded(tab.id);
  // Whichever comes first: the record is usually quicker, but a storage.session read can lag
  // behind a warm worker's answer, and the answer is the verdict itself rather than a stand-in.
  const answered = await firstValue([
    record.then((r) => {
      const early = recordedDetails(r, page.url);
      return early ? { site: early, provisional: true } : null;
    }),
    site?.then((answer) => ({ site: answer, provisional: false })) ?? Promise.resolve(null),
  ]);
  // Neither has come: the toolbar's snapshot stays, if it is about this page.
  const known = answered ?? (snapshot && offered && snapshotFits(offered, page.url) ? snapshot : null);
  const state: PopupState = {
    ...EMPTY_POPUP,
    host: page.url === null ? null : hostnameOf(page.url),
    warned: page.warned,
    siteError: page.url === null ? t('popup_no_web_page') : null,
    // A recorded verdict stays provisional until the background answers (main.ts): its answer always wins.
    ...(known ?? {}),
  };
  return { tab, page, site, state, node: show(state) };
}

/**
 * Runs the popup's second script, main.js: only once the verdict is shown, so its fetching,
 * compiling and first render never come before the answers the verdict waits for.
 */
function runRest(): void {
  const script = document.createElement('script');
  script.src = 'main.js';
  document.body.append(script);
}

// The shell (index.html; on a level page, with the verdict built in) is the placeholder until the
// first render: the snapshot's verdict at once, or what the tab and its record say; later renders
// change only the parts that differ.
localizePage(document);
// A level page's built-in verdict stands only for a snapshot of its own level: an address that
// disagrees with its page (or was refused) shows the placeholder until the tab's record or the
// background answers, never the page's level.
const builtLevel = adoptBuiltSection(document);
const offered = snapshotForPage(address.site, builtLevel);
const snapshot = offered ? { site: snapshotDetails(offered), provisional: true } : null;
if (snapshot) show({ ...EMPTY_POPUP, ...snapshot });
else if (builtLevel !== null) show(EMPTY_POPUP);
void firstFramePainted().then((frame) => {
  // For the browser's performance tools (and the bench): when the popup's first frame was done on the main thread.
  if (frame === 'painted') performance.mark(POPUP_FIRST_FRAME_MARK);
  const asked = askEverything();
  const first = firstView(asked);
  const { status, summary } = asked;
  publishStart({ knownTab, fromToolbar: address.fromToolbar || knownTab === null, status, summary, first });
  void first.finally(runRest);
});
