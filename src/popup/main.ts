/**
 * The toolbar popup: the current site, the page's links, the user's choices and the model's
 * status. Opened from the toolbar it shows the tab its address names (the background sets the
 * address per tab), or the active tab; `popup/index.html?tab=<id>` shows that tab (the e2e tests
 * open it like this). The page's first script (first.ts) has asked for
 * everything, shown the verdict and then run this one, which carries on from there: the actions,
 * links and status, and the background's answers as they come.
 */
import { summaryStorageKey, type PageSummary, type SiteDetails } from '../core/messages.js';
import { request } from '../core/messages.js';
import { popupPlatform } from '../platform/popup-api.js';
import { buildReport, reportFileName, reportText } from '../ui/report.js';
import { copyText, saveText } from '../ui/save-text.js';
import { t } from '../platform/i18n.js';
import { logError } from '../platform/log.js';
import { failureWords } from '../ui/failure-words.js';
import { adoptSiteSection } from './site-view.js';
import { EMPTY_POPUP, takeStart } from './start.js';
import { renderPopup, type PopupActions, type PopupState } from './view.js';

const platform = popupPlatform();
const sendToBackground = platform.send;
const root = document.getElementById('app')!;
let state: PopupState = EMPTY_POPUP;
let tabId: number | null = null;
let url: string | null = null;

function update(change: Partial<PopupState>): void {
  state = { ...state, ...change };
  // Rebuilding the DOM must not throw keyboard users back to the start.
  const focused = document.activeElement?.id;
  renderPopup(document, root, state, actions);
  if (focused) document.getElementById(focused)?.focus();
}

/** A failure in the user's words; its English text goes to the console. */
function failed(context: string, error: unknown): string {
  logError(context, error);
  return failureWords(error);
}

async function refreshSite(asked?: Promise<SiteDetails> | null): Promise<void> {
  if (url === null) return update({ siteError: t('popup_no_web_page') });
  try {
    const site = await (asked ?? request(sendToBackground, 'get-site', { url }));
    update({ site, siteError: null, provisional: false });
  } catch (error) {
    update({ site: null, siteError: t('popup_not_scored', failed('get-site', error)), provisional: false });
  }
}

async function refreshSummary(asked?: Promise<PageSummary | null>): Promise<void> {
  if (tabId === null) return;
  const summary = await (asked ?? request(sendToBackground, 'get-page-summary', { tabId })).catch(() => null);
  update({ summary });
}

async function refreshStatus(status = request(sendToBackground, 'get-status', {})): Promise<void> {
  update({ status: await status.catch(() => null) });
}

/** Tells the page's content script to ask again (badges follow the new choice). */
async function rescan(): Promise<void> {
  if (tabId === null) return;
  await platform.tellContent(tabId, { type: 'rescan' }).catch(() => undefined);
}

/** On a warning tab, opens the stopped site once the user's choice lets it through (trusted or paused). */
async function openIfLetThrough(): Promise<void> {
  const site = await request(sendToBackground, 'get-site', { url: url! });
  if (tabId === null || !(site.choice.trusted || site.choice.paused)) return;
  await platform.navigate(tabId, url!);
  update({ warned: false });
}

/** Runs one user action: background call, then badges and popup brought up to date. */
function act(run: () => Promise<string>): void {
  update({ busy: true, notice: null });
  run()
    .then(async (notice) => {
      await rescan();
      if (state.warned) await openIfLetThrough();
      update({ notice });
      await refreshSite();
    })
    .catch((error: unknown) => update({ notice: t('popup_action_failed', failed('action', error)) }))
    .finally(() => update({ busy: false }));
}

function report(): ReturnType<typeof buildReport> {
  if (!state.site) throw new Error('no site to report');
  return buildReport(state.site, state.status, platform.extensionVersion());
}

const actions: PopupActions = {
  trust: () =>
    act(async () => t('popup_trusted', (await request(sendToBackground, 'trust-site-here', { url: url! })).site)),
  untrust: () =>
    act(
      async () => (
        await request(sendToBackground, 'untrust-site', { site: state.site!.site }),
        t('popup_untrusted', state.site!.site)
      ),
    ),
  block: () => act(async () => t('popup_blocked', (await request(sendToBackground, 'block-site', { url: url! })).site)),
  unblock: () =>
    act(async () => t('popup_unblocked', (await request(sendToBackground, 'unblock-site', { url: url! })).site)),
  pause: (paused) =>
    act(async () => {
      const { site } = await request(sendToBackground, 'pause-site', { url: url!, paused });
      return paused ? t('popup_paused', site) : t('popup_resumed', site);
    }),
  copyReport() {
    copyText(reportText(report())).then(
      () => update({ notice: t('popup_report_copied') }),
      (error: unknown) => {
        logError('copying the report', error);
        update({ notice: t('popup_report_copy_failed') });
      },
    );
  },
  saveReport() {
    const made = report();
    saveText(document, reportFileName(made), reportText(made));
    update({ notice: t('popup_report_saved') });
  },
  reveal(host) {
    if (tabId === null) return;
    platform
      .tellContent(tabId, { type: 'reveal-host', host })
      .then((reply) => {
        const revealed = reply.revealed;
        // From the toolbar the popup covers the page: close it so the ringed link can be seen.
        if (revealed && takeStart().fromToolbar) window.close();
        else update({ notice: revealed ? t('popup_link_shown') : t('popup_link_gone') });
      })
      .catch(() => update({ notice: t('popup_page_unreachable') }));
  },
};

async function main(): Promise<void> {
  const start = takeStart();
  const first = await start.first;
  // The first script's state and verdict are this script's starting point: kept, not rebuilt.
  state = first.state;
  adoptSiteSection(document, first.state, first.node);
  update({});
  if (!first.tab) return;
  tabId = first.tab.id;
  url = first.page.url;
  platform.onSessionChanged((keys) => {
    if (tabId !== null && keys.includes(summaryStorageKey(tabId))) void refreshSummary();
  });
  await Promise.all([
    refreshStatus(start.status),
    refreshSite(first.site),
    refreshSummary(first.tab.id === start.knownTab ? start.summary : undefined),
  ]);
}

void main();
