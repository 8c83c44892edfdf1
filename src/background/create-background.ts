/**
 * The background as a function of the browser (STYLE rule 2): everything it touches comes in
 * through `api`, so the same code runs in the worker (index.ts) and in unit tests on an in-memory
 * platform. Every listener is registered synchronously, one per event, so an event that wakes a
 * stopped worker is never missed and the modules it concerns run in the order written here; the
 * work itself waits on the one start-up promise (STYLE rule 4).
 */
import { serve } from '../core/messages.js';
import { listedMatch } from '../core/threats/listed.js';
import type { BackgroundPlatform } from '../platform/background-api.js';
import { logError, logWarning } from '../platform/log.js';
import { createHostLists } from './host-lists.js';
import { createHostListHandlers } from './host-list-handlers.js';
import { siteOf } from './judge.js';
import type { NavigationEvent } from '../platform/navigation.js';
import { createBlockList } from './block-list.js';
import { createExplainer } from './explainer.js';
import { createGuard } from './guard.js';
import { createHandlers } from './handlers.js';
import { createLinkHandlers } from './link-handlers.js';
import { withRiskyLinks } from './link-toolbar.js';
import { loadManagedPolicy, syncPolicyRules } from './managed-policy.js';
import { markStage } from './metrics.js';
import { createPendingWork } from './pending-work.js';
import { createPageSummaries } from './page-summary.js';
import { startRuntime, type Runtime } from './runtime.js';
import { splitSession } from './session-areas.js';
import { createSettingsHandlers } from './settings-handlers.js';
import { createSettingsService } from './settings-service.js';
import { createTabRecords } from './tab-records.js';
import { toolbarViewFor } from './toolbar.js';
import { warmUp } from './warm-up.js';
import { createIssuedCheck } from './warning-issued.js';
import { createWarningTokens } from './warning-tokens.js';
import { WARNING_PAGE_PATH } from './warning-url.js';
import { strictFirstVisitOn } from '../core/managed-policy.js';
import { MessageError } from '../core/messages.js';
import { createStrictHandlers, type StrictHandlers } from './strict-handlers.js';
import { withStrictRevocation } from './strict-block-list.js';
import { createStrictMode, type StrictMode } from './strict-mode.js';
import { CHECKING_PAGE_PATH } from './strict-rules.js';

/** A running background: its one start-up promise, for whoever needs to wait on it (tests). */
export interface Background {
  /** Settled once the model has loaded or failed to; never rejects. */
  readonly ready: Promise<Runtime>;
}

/** Runs `steps` in order; one failing step is logged and never keeps the later ones from running. */
function inOrder<E>(context: string, steps: readonly ((event: E) => void)[]): (event: E) => void {
  return (event) => {
    for (const step of steps) {
      try {
        step(event);
      } catch (error) {
        logError(context, error);
      }
    }
  };
}

const isTopFrame = (event: NavigationEvent): boolean => event.frameId === 0 && event.tabId >= 0;

/** Firefox holds every top-level request until judged (blocking webRequest): no checking page there. */
const NO_STRICT_HANDLERS: StrictHandlers = {
  'check-navigation': () => {
    throw new MessageError('this browser holds requests itself; the checking page is not used');
  },
};

/** Strict mode's rule follows the setting and the policy. */
function syncStrict(strict: StrictMode | null, runtime: Runtime): Promise<void> {
  return strict ? strict.sync(strictFirstVisitOn(runtime.settings, runtime.policy)) : Promise.resolve();
}

/** Starts the background on `api` and registers its listeners; call once, at the top level. */
export function createBackground(api: BackgroundPlatform): Background {
  const warningPage = api.extension.url(WARNING_PAGE_PATH);
  const session = splitSession(api.storage.session);
  // Firefox has no DNR rules (api.rules is null there): the define lets esbuild drop the rule code from its bundle.
  const checkingPage = api.extension.url(CHECKING_PAGE_PATH);
  const strict =
    !__FIREFOX__ && api.rules
      ? createStrictMode(api.rules, checkingPage, session.kept, { listTabs: () => api.tabs.open() })
      : null;
  const blockList =
    !__FIREFOX__ && api.rules ? withStrictRevocation(createBlockList(api.rules, warningPage), strict) : null;
  const hostLists = createHostLists({
    store: api.storage.hostLists,
    rules: blockList,
    warningPage,
    onProblem: (problem) => logWarning(problem),
  });
  // The decisions the quick check takes while the model waits to start (runtime.ts, guard.ts).
  const pending = createPendingWork();
  const start = startRuntime({
    extension: api.extension,
    storage: api.storage,
    session,
    hostLists,
    prefetchModelFiles: typeof __MODEL_PREFETCH__ === 'undefined' ? [] : __MODEL_PREFETCH__,
    // Work that follows a decision (a redirect, a token) joins as the decision settles: look again a task later.
    modelMayStart: async () => {
      do {
        await pending.idle();
        await new Promise((resolve) => setTimeout(resolve, 0));
      } while (pending.busy());
    },
  });
  const runtime = start.ready;
  const tabs = createTabRecords(session.kept);
  const tokens = createWarningTokens(session.kept);
  // Chrome: a listed name reaches the warning page through the packaged static rules, which carry
  // no token; so do the policy's and the imported block list's rules.
  const isIssued = createIssuedCheck(
    blockList
      ? {
          tokens,
          blockList,
          isListed: async (parsed) =>
            listedMatch(await start.threats, parsed) !== null ||
            (await start.early).policy.blockedDomains.includes(siteOf(parsed)) ||
            hostLists.current().browserBlock.match(parsed.host) !== null,
        }
      : { tokens, blockList },
  );
  // Link summaries: their changes refresh the toolbar through the guard's one badge setter.
  // Coalesced per tab: the count is read when the refresh runs, so one queued refresh covers every
  // batch that lands before it (a 1,000-domain page changes the count many times a second).
  const toolbarQueued = new Set<number>();
  const summaries = createPageSummaries(session.kept, (tabId) => {
    if (toolbarQueued.has(tabId)) return;
    toolbarQueued.add(tabId);
    // Not guard.showRecordedToolbar: the flag clears once the record is read, before the count is,
    // so a batch landing while the toolbar calls run queues a refresh of its own.
    void tabs
      .get(tabId)
      .then((record) => {
        toolbarQueued.delete(tabId);
        return guard.showTabToolbar(tabId, record);
      })
      .catch((error: unknown) => {
        toolbarQueued.delete(tabId);
        logError('toolbar', error);
      });
  });
  const explainer = createExplainer(
    async () => {
      const { engine, modelError } = await runtime;
      if (!engine) throw new Error(modelError ?? 'the model is not loaded');
      return engine.files;
    },
    (error) => logError('explanations', error),
  );
  const guard = createGuard({
    platform: api,
    runtime,
    early: start.early,
    quick: start.quick,
    prepareThreats: start.prepareThreats,
    prefetchScore: start.prefetchScore,
    pending,
    tabs,
    blockList,
    warningPage,
    tokens,
    decorateToolbar: (tabId, view) => withRiskyLinks(view, summaries.riskyLevels(tabId)),
    strict,
    checkingPage,
  });
  const settings = createSettingsService({
    runtime,
    store: api.storage.settings,
    blockList,
    // A way through strict mode's hold outranks the block rules: new choices (a site blocked) judge afresh.
    afterChange: async (r) => {
      await syncStrict(strict, r);
      await strict?.forgetPassed();
    },
  });

  api.messages.listen(
    serve(
      {
        ...createHandlers({
          platform: api,
          runtime,
          status: start.status,
          guard,
          tabs,
          blockList,
          settings,
          explainer,
          isIssued,
          warningPage,
          consumeToken: tokens.consume,
          listSource: hostLists.source,
          ...(strict ? { unchecked: strict.unchecked } : {}),
        }),
        ...createLinkHandlers({ runtime, tabs, blockList, settings, summaries, explainer, strict }),
        ...createSettingsHandlers({ blockList, settings, hostLists }),
        ...createHostListHandlers(hostLists),
        ...(strict
          ? createStrictHandlers({
              strict,
              judgeUrl: guard.judgeUrl,
              judgeListed: async (url) => {
                const [early] = await Promise.all([start.early, start.prepareThreats(url)]);
                return early.cachedJudge?.judgeListed(url) ?? null;
              },
              blockList,
              tokens,
              warningPage,
              checkingPage,
            })
          : NO_STRICT_HANDLERS),
      },
      {
        extensionId: api.extension.id,
        extensionOrigin: api.extension.origin,
        onError: (type, error) => logError(`message ${type}`, error),
      },
    ),
  );

  if (api.requests) api.requests.onFrameRequest(guard.onFrameRequest);
  else api.navigation.onBeforeNavigate(guard.onBeforeNavigate);

  api.navigation.onCommitted(
    inOrder('page committed', [
      // First: the browser has just reset the tab's toolbar, so what we last sent it no longer shows.
      (event) => isTopFrame(event) && api.toolbar.forget(event.tabId),
      // Then the guard records the page (and re-checks it), which shows the toolbar afresh.
      guard.onCommitted,
      // Last: the link summary starts over for the new document.
      (event) => {
        if (isTopFrame(event) && event.documentLifecycle !== 'prerender')
          void summaries.navigated(event.tabId, event.url).catch((error: unknown) => logError('link summary', error));
      },
    ]),
  );
  // Again once the document is parsed: Firefox clears a tab's own toolbar values when its parent
  // process handles the top-level location change, which can land after the update sent from
  // onCommitted (seen in CI: a safe page's toolbar back to the plain "Snowman" title). The stored
  // record is read after the page's pending update, so this sends the new page's state, never the old one's.
  api.navigation.onDOMContentLoaded((event) => {
    if (!isTopFrame(event)) return;
    api.toolbar.forget(event.tabId);
    void guard.showRecordedToolbar(event.tabId).catch((error: unknown) => logError('toolbar', error));
  });
  api.tabs.onRemoved(
    inOrder('tab closed', [
      (tabId: number) => api.toolbar.forget(tabId),
      (tabId) => void tabs.remove(tabId).catch((error: unknown) => logError('forgetting a tab', error)),
      (tabId) => void summaries.remove(tabId).catch((error: unknown) => logError('forgetting a tab', error)),
    ]),
  );

  // A page whose navigation and commit events both died with the previous worker is caught here.
  void api.tabs
    .open()
    .then((open) => guard.recheckOpenTabs(open))
    .catch((error: unknown) => logError('checking open tabs', error));

  api.extension.onInstalled((reason) => {
    // A new extension version may ship a new model: rules from the old verdicts go.
    if (reason === 'install' || reason === 'update') {
      void strict?.forgetPassed().catch((error: unknown) => logError('strict mode', error));
      void blockList
        ?.clear()
        .then(async () => {
          await syncPolicyRules(blockList, await runtime);
          await hostLists.syncRules();
        })
        .catch((error: unknown) => logError('clearing block rules', error));
    }
  });
  // The allow rules and the policy's block rule follow the settings and the policy (either may have changed while no worker ran).
  void runtime
    .then((r) => blockList && syncPolicyRules(blockList, r))
    .catch((error: unknown) => logError('policy rules', error));
  // Strict mode's rule follows the setting and the policy, either of which may have changed while no worker ran.
  void start.early.then((r) => syncStrict(strict, r)).catch((error: unknown) => logError('strict mode', error));
  api.storage.onChanged((area) => {
    if (area !== 'managed') return;
    void (async () => {
      const r = await runtime;
      r.policy = await loadManagedPolicy(api.storage.readManaged);
      if (blockList) await syncPolicyRules(blockList, r);
      await syncStrict(strict, r);
    })().catch((error: unknown) => logError('managed policy', error));
  });

  // The default toolbar state for every tab: error when the model could not load. Once the model
  // is in, the explainer reads its weights too (otherwise the first risky link of a page waits for
  // them) and the link path is warmed up (warm-up.ts), after readiness so no navigation waits for it.
  void runtime
    .then((r) => {
      if (r.engine && r.judge)
        return warmUp(r.engine.scorer, explainer).catch((error: unknown) => logError('warm-up', error));
      return api.toolbar.show(toolbarViewFor(null, r.modelError));
    })
    .catch((error: unknown) => logError('toolbar', error));

  markStage('listeners registered');
  void api.extension.startFilesSource?.then(
    (source) => markStage(`start files from the ${source}`),
    () => undefined,
  );
  return { ready: runtime };
}
