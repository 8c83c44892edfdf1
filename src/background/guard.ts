/**
 * The navigation guard. Chrome: onBeforeNavigate judges the URL and sends the tab to the warning
 * page; a dangerous host also gets a DNR redirect rule so later visits never reach it. Firefox:
 * blocking webRequest holds the top-level request until the verdict, so none ever reaches it.
 * Both: committed frames are recorded per tab and the toolbar follows the main frame.
 */
import { parseDomain } from '../core/domain.js';
import type { TabRecord } from '../core/messages.js';
import type { BackgroundPlatform } from '../platform/background-api.js';
import { logError } from '../platform/log.js';
import type { NavigationEvent } from '../platform/navigation.js';
import type { ToolbarView } from '../platform/toolbar-view.js';
import type { RequestDecision, RequestEvent } from '../platform/web-request.js';
import type { BlockList } from './block-list.js';
import { ruleCatches } from './block-rules.js';
import { markStage, recordDecision } from './metrics.js';
import {
  frameRecordOf,
  isListed,
  judgedSafe,
  mainFrameRecordOf,
  shouldInterrupt,
  sourceOf,
  unavailableJudgement,
  type Judgement,
} from './judge.js';
import { createQuickTakeover, isQuick } from './quick-takeover.js';
import type { PendingWork } from './pending-work.js';
import type { Runtime } from './runtime.js';
import type { TabRecords } from './tab-records.js';
import { toolbarViewFor } from './toolbar.js';
import { targetOfWarningUrl, warningUrl } from './warning-url.js';
import type { WarningTokens } from './warning-tokens.js';
import type { StrictMode } from './strict-mode.js';
import { strictCatches } from './strict-rules.js';

export interface GuardDeps {
  /** The browser: tab navigation and the toolbar. */
  readonly platform: Pick<BackgroundPlatform, 'tabs' | 'toolbar'>;
  readonly runtime: Promise<Runtime>;
  /** The same runtime before the model has loaded: names scored earlier this session are answered from it. */
  readonly early?: Promise<Runtime>;
  /** The same runtime once the quick check or the model can judge a new name (runtime.ts). */
  readonly quick?: Promise<Runtime>;
  /** Starts reading a URL's stored score while the start-up runs (runtime.ts). */
  readonly prefetchScore?: (url: string) => void;
  /** Resolves once the threat list can answer for a URL's host (the early answers consult it). */
  readonly prepareThreats?: (url: string) => Promise<void>;
  readonly tabs: TabRecords;
  /** Chrome's DNR rules; null in Firefox. */
  readonly blockList: BlockList | null;
  /** Absolute URL of the warning page. */
  readonly warningPage: string;
  /** One-time tokens for the warnings the guard shows (warning-tokens.ts). */
  readonly tokens?: WarningTokens;
  /** Counts the decisions taken before the model is in (the model's start waits for them: runtime.ts). */
  readonly pending?: PendingWork;
  /** Adds what else the toolbar should say about the tab (link-toolbar.ts: risky linked domains). */
  readonly decorateToolbar?: (tabId: number, view: ToolbarView) => ToolbarView;
  /** Strict first-visit mode (Chrome): navigations it holds are decided on the checking page. */
  readonly strict?: StrictMode | null;
  /** Absolute URL of the checking page (strict mode). */
  readonly checkingPage?: string;
}

/** Speculative loads (prerender) the user has not asked for: never interrupted or recorded. */
function isSpeculative(event: NavigationEvent): boolean {
  return event.documentLifecycle === 'prerender';
}

function isWebUrl(url: string): boolean {
  return url.startsWith('http:') || url.startsWith('https:');
}

/** A tab's id and the address of the page it shows. */
export interface OpenTab {
  readonly tabId: number;
  readonly url: string;
}

export interface Guard {
  judgeUrl(url: string): Promise<Judgement>;
  onBeforeNavigate(event: NavigationEvent): void;
  onFrameRequest(event: RequestEvent): Promise<RequestDecision> | undefined;
  onCommitted(event: NavigationEvent): void;
  /**
   * At worker start: the pages already open are checked like a commit, because a worker stopped
   * with both the navigation and the commit event still queued leaves no event to recover from.
   */
  recheckOpenTabs(open: readonly OpenTab[]): Promise<void>;
  showTabToolbar(tabId: number, record: TabRecord | null): Promise<void>;
  /** showTabToolbar with the tab's record as stored (after any pending update of it). */
  showRecordedToolbar(tabId: number): Promise<void>;
}

export function createGuard(deps: GuardDeps): Guard {
  const { tabs, blockList, warningPage } = deps;
  const navigateTab = (tabId: number, url: string): Promise<void> => deps.platform.tabs.navigate(tabId, url);

  /**
   * Tabs whose navigation this worker is deciding (or sending to the warning page), by URL: the
   * main frame's commit re-checks its verdict only when no decision for it is in flight here (a
   * worker stopped mid-decision, or an event never delivered, leaves this empty).
   */
  const stopping = new Map<number, string>();
  /** Tabs with a main-frame event in this worker: their open page is no longer the one to check at start. */
  const navigated = new Set<number>();

  /** The warning page's address for `url` in `tabId`, with a token only the extension can issue. */
  async function issuedWarningUrl(tabId: number, url: string, site: string | null): Promise<string> {
    // A token that cannot be stored still leaves the warning shown (its page then offers no way past it).
    const token =
      deps.tokens && site !== null && tabId >= 0
        ? await deps.tokens.issue(tabId, site).catch((error: unknown) => void logError('warning token', error))
        : undefined;
    return warningUrl(warningPage, url, token ?? undefined);
  }

  /**
   * Unscorable names are answered at once, without waiting for the model; so are names scored
   * earlier this session when the worker has just restarted (their scores are in session storage).
   */
  async function judgeUrl(url: string): Promise<Judgement> {
    const parsed = parseDomain(url);
    const answered = parsed.ok ? await (deps.pending?.during(judgeEarly(url)) ?? judgeEarly(url)) : null;
    if (answered) answeredEarly.add(answered);
    if (answered) return answered;
    const runtime = parsed.ok ? await deps.runtime : null;
    if (runtime && !runtime.judge) return unavailableJudgement(url, runtime.modelError ?? 'the model is not loaded');
    if (runtime?.judge) return runtime.judge.judge(url);
    return unavailableJudgement(url, '');
  }

  /** The answer without the full model (listed, cached, or the quick check), or null to wait for it. */
  async function judgeEarly(url: string): Promise<Judgement | null> {
    if (deps.early) {
      deps.prefetchScore?.(url);
      const [early] = await Promise.all([deps.early, deps.prepareThreats?.(url)]);
      // A listed name needs no model: answered as soon as the list is read (Firefox holds the request meanwhile).
      const listed = early.judge ? null : (early.cachedJudge?.judgeListed(url) ?? null);
      if (listed) return listed;
      if (!early.judge && early.cachedJudge) {
        const cached = await early.cachedJudge.judgeCached(url);
        if (cached) return cached;
      }
      // A new name while the model starts: the quick check answers; the full model takes over (quick-takeover.ts).
      const quick = deps.quick && !early.judge ? await deps.quick : null;
      if (quick && !quick.judge && quick.modelError === undefined && quick.quickJudge)
        return quick.quickJudge.judge(url);
    }
    return null;
  }

  /** Judgements given before the model was in: acting on them is pending work too (the model's start waits). */
  const answeredEarly = new WeakSet<Judgement>();
  const actingOn = <T>(judgement: Judgement, act: () => Promise<T>): Promise<T> =>
    deps.pending && answeredEarly.has(judgement) ? deps.pending.during(act()) : act();

  async function stopTopLevel(
    tabId: number,
    url: string,
    speculative: boolean,
    startedAt: number,
    held: Promise<boolean>,
  ): Promise<void> {
    const judgement = await judgeUrl(url);
    // Judged safe: let it through strict mode's hold at once. Landing before the request starts (a
    // session rule takes about a millisecond; a warm verdict a fraction of one) it is not held at
    // all; otherwise the checking page finds the way open when it forwards.
    const passing =
      deps.strict && !speculative && strictCatches(url) && judgedSafe(judgement) ? deps.strict.pass(url) : undefined;
    // Strict mode's rule sent a GET to the checking page, which asks for the verdict and goes on
    // from there; a POST it let through commits, and the commit's re-check stops it.
    if (await held.catch(() => false)) {
      if (stopping.get(tabId) === url) stopping.delete(tabId);
      recordDecision(startedAt, sourceOf(judgement));
      await passing;
      return;
    }
    await passing;
    await actingOn(judgement, () => stopIfNeeded(tabId, url, speculative, startedAt, judgement));
  }

  async function stopIfNeeded(
    tabId: number,
    url: string,
    speculative: boolean,
    startedAt: number,
    judgement: Judgement,
  ): Promise<void> {
    if (!shouldInterrupt(judgement) || !judgement.parsed.ok) {
      if (stopping.get(tabId) === url) stopping.delete(tabId);
      recordDecision(startedAt, sourceOf(judgement));
      return;
    }
    // Chrome's static threat ruleset redirected this navigation before it left: nothing to add.
    if (blockList !== null && isListed(judgement)) {
      recordDecision(startedAt, sourceOf(judgement));
      return;
    }
    const host = judgement.parsed.host;
    const ruled = blockList !== null && (await blockList.has(host)) && ruleCatches(host, url);
    // Only dangerous names get a lasting redirect rule: a suspicious one warns under Strict only, which the user may turn off.
    const adding =
      judgement.verdict?.level !== 'dangerous'
        ? undefined
        : isQuick(judgement)
          ? void takeover.ruleOnceConfirmed(url).catch((error: unknown) => logError('adding a block rule', error))
          : blockList?.add(host).catch((error: unknown) => logError('adding a block rule', error));
    // With a rule already in place DNR has redirected this navigation before it left.
    if ((ruled || speculative) && stopping.get(tabId) === url) stopping.delete(tabId);
    const redirecting =
      !ruled && !speculative
        ? issuedWarningUrl(tabId, url, judgement.site).then((page) => navigateTab(tabId, page))
        : undefined;
    recordDecision(startedAt, sourceOf(judgement));
    await redirecting;
    await adding;
  }

  /**
   * A main frame committed on a web page: if this worker had no decision in flight for it, the
   * verdict may never have been acted on (the worker stopped between the navigation event and the
   * redirect), so a page that should have been stopped is sent to the warning page now.
   */
  async function recheckCommitted(tabId: number, url: string, judgement: Judgement): Promise<void> {
    if (stopping.get(tabId) === url) return;
    if (!shouldInterrupt(judgement) || !judgement.parsed.ok) return;
    if (judgement.verdict?.level === 'dangerous')
      void blockList?.add(judgement.parsed.host).catch((error: unknown) => logError('adding a block rule', error));
    await navigateTab(tabId, await issuedWarningUrl(tabId, url, judgement.site));
  }

  async function showTabToolbar(tabId: number, record: TabRecord | null): Promise<void> {
    const runtime = await deps.runtime;
    const view = toolbarViewFor(record?.main ?? null, runtime.judge ? undefined : runtime.modelError, tabId);
    await deps.platform.toolbar.show(deps.decorateToolbar ? deps.decorateToolbar(tabId, view) : view, tabId);
  }

  const takeover = createQuickTakeover({
    runtime: deps.runtime,
    tabs,
    blockList,
    judgeUrl,
    recheck: recheckCommitted,
    showToolbar: showTabToolbar,
  });

  return {
    judgeUrl,
    showTabToolbar,
    showRecordedToolbar: async (tabId) => showTabToolbar(tabId, await tabs.get(tabId)),
    onBeforeNavigate(event) {
      markStage('first navigation event');
      if (event.frameId === 0) navigated.add(event.tabId);
      if (event.frameId !== 0) return;
      // A link or a script opened the checking page itself: nothing there is this tab's held navigation.
      if (deps.strict && deps.checkingPage !== undefined && event.url.startsWith(deps.checkingPage))
        deps.strict.openedDirectly(event.tabId);
      const parsed = parseDomain(event.url);
      if (!parsed.ok) return;
      const speculative = isSpeculative(event);
      if (!speculative) stopping.set(event.tabId, event.url);
      // Asked now, in event order: a site let through after this navigation started did not stop its rule.
      let held = Promise.resolve(false);
      if (deps.strict && !speculative && isWebUrl(event.url) && strictCatches(event.url)) {
        deps.strict.expect(event.tabId, event.url);
        held = deps.strict.covers(event.url);
      }
      // A prerendered dangerous page is not shown, but its host is ruled so activating it cannot load it again.
      void stopTopLevel(event.tabId, event.url, speculative, performance.now(), held).catch((error: unknown) =>
        logError('navigation guard', error),
      );
    },
    onFrameRequest(event) {
      if (event.type !== 'main_frame' || !parseDomain(event.url).ok) return undefined;
      const startedAt = performance.now();
      return judgeUrl(event.url).then(
        (judgement) =>
          actingOn(judgement, async (): Promise<RequestDecision> => {
            const decision = shouldInterrupt(judgement)
              ? { redirectUrl: await issuedWarningUrl(event.tabId, event.url, judgement.site) }
              : undefined;
            recordDecision(startedAt, sourceOf(judgement));
            return decision;
          }),
        (error: unknown) => {
          logError('request guard', error);
          return undefined;
        },
      );
    },
    async recheckOpenTabs(open) {
      await Promise.all(
        open
          .filter(({ tabId, url }) => tabId >= 0 && isWebUrl(url) && parseDomain(url).ok)
          .map(async ({ tabId, url }) => {
            const judgement = await judgeUrl(url);
            // A navigation that started meanwhile is this worker's to decide.
            if (!navigated.has(tabId)) await recheckCommitted(tabId, url, judgement);
          }),
      ).catch((error: unknown) => logError('checking open tabs', error));
    },
    onCommitted(event) {
      if (isSpeculative(event) || event.tabId < 0) return;
      if (event.frameId === 0) navigated.add(event.tabId);
      // The checking page stands for its target, as the warning page does.
      const target =
        targetOfWarningUrl(warningPage, event.url) ??
        (deps.checkingPage === undefined ? null : targetOfWarningUrl(deps.checkingPage, event.url)) ??
        event.url;
      if (event.frameId !== 0 && !isWebUrl(target)) return;
      const judged = judgeUrl(target);
      const frame = judged.then(event.frameId === 0 ? mainFrameRecordOf : frameRecordOf);
      if (event.frameId === 0) {
        const onWarning = target !== event.url;
        if (!onWarning && isWebUrl(event.url)) {
          void judged
            .then((judgement) => recheckCommitted(event.tabId, event.url, judgement))
            .catch((error: unknown) => logError('re-checking a page', error));
        }
        void judged
          .then((judgement) => (isQuick(judgement) ? takeover.afterCommit(event.tabId, event.url, target) : undefined))
          .catch((error: unknown) => logError('replacing a quick verdict', error));
        // The decision for this tab is settled: the warning page or another page has committed.
        if (onWarning || stopping.get(event.tabId) !== event.url) stopping.delete(event.tabId);
        void tabs
          .mainFrame(event.tabId, frame)
          .then((record) => showTabToolbar(event.tabId, record))
          .catch((error: unknown) => logError('recording a page', error));
      } else {
        void tabs.subframe(event.tabId, frame).catch((error: unknown) => logError('recording a frame', error));
      }
    },
  };
}
