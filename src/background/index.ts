/**
 * Background entry (Chrome service worker, Firefox event page). Every listener is registered
 * synchronously here, at the top level, so an event that wakes a stopped worker is never missed;
 * the work itself waits on the one start-up promise (STYLE rule 4).
 */
import { serve } from '../core/messages.js';
import { extensionId, extensionOrigin, extensionUrl } from '../platform/browser.js';
import { logError } from '../platform/log.js';
import { listenForMessages } from '../platform/messaging.js';
import {
  onBeforeNavigate,
  onCommitted,
  onDOMContentLoaded,
  onInstalled,
  openTabs,
  onTabRemoved,
} from '../platform/navigation.js';
import { settingsStore } from '../platform/storage.js';
import { sessionAreas } from './session-areas.js';
import { onFrameRequest } from '../platform/web-request.js';
import { forgetToolbar, showToolbar } from '../platform/action.js';
import { createBlockList } from './block-list.js';
import { loadManagedPolicy, syncPolicyRules } from './managed-policy.js';
import { onManagedChanged } from '../platform/managed-storage.js';
import { createGuard } from './guard.js';
import { createExplainer } from './explainer.js';
import { createHandlers } from './handlers.js';
import { createLinkHandlers } from './link-handlers.js';
import { createSettingsHandlers } from './settings-handlers.js';
import { withRiskyLinks } from './link-toolbar.js';
import { createPageSummaries } from './page-summary.js';
import { startRuntime } from './runtime.js';
import { createTabRecords } from './tab-records.js';
import { toolbarViewFor } from './toolbar.js';
import { warmUp } from './warm-up.js';
import { createIssuedCheck } from './warning-issued.js';
import { listedMatch } from '../core/threats/listed.js';
import { createWarningTokens } from './warning-tokens.js';
import { WARNING_PAGE_PATH } from './warning-url.js';

const warningPage = extensionUrl(WARNING_PAGE_PATH);
const start = startRuntime();
const runtime = start.ready;
const tabs = createTabRecords(sessionAreas().kept);
const blockList = __FIREFOX__ ? null : createBlockList(warningPage);
const tokens = createWarningTokens(sessionAreas().kept);
// Chrome: a listed name reaches the warning page through the packaged static rules, which carry no token.
const isIssued = createIssuedCheck(
  __FIREFOX__
    ? { tokens, blockList }
    : { tokens, blockList, isListed: async (parsed) => listedMatch(await start.threats, parsed) !== null },
);
// Link summaries: their changes refresh the toolbar through the guard's one badge setter.
// Coalesced per tab: the count is read when the refresh runs, so one queued refresh covers every
// batch that lands before it (a 1,000-domain page changes the count many times a second).
const toolbarQueued = new Set<number>();
const summaries = createPageSummaries(sessionAreas().kept, (tabId) => {
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
  runtime,
  early: start.early,
  tabs,
  blockList,
  warningPage,
  tokens,
  decorateToolbar: (tabId, view) => withRiskyLinks(view, summaries.riskyLevels(tabId)),
});

listenForMessages(
  serve(
    {
      ...createHandlers({
        runtime,
        guard,
        tabs,
        blockList,
        settingsStore: settingsStore(),
        explainer,
        isIssued,
        warningPage,
        consumeToken: tokens.consume,
      }),
      ...createLinkHandlers({ runtime, guard, tabs, blockList, settingsStore: settingsStore(), summaries, explainer }),
      ...createSettingsHandlers({ runtime, blockList, settingsStore: settingsStore() }),
    },
    {
      extensionId: extensionId(),
      extensionOrigin: extensionOrigin(),
      onError: (type, error) => logError(`message ${type}`, error),
    },
  ),
);

if (__FIREFOX__) onFrameRequest(guard.onFrameRequest);
else onBeforeNavigate(guard.onBeforeNavigate);
// First: the browser has just reset the tab's toolbar, so what we last sent it no longer shows.
onCommitted((event) => {
  if (event.frameId === 0 && event.tabId >= 0) forgetToolbar(event.tabId);
});
onCommitted(guard.onCommitted);
// A page whose navigation and commit events both died with the previous worker is caught here.
void openTabs()
  .then((open) => guard.recheckOpenTabs(open))
  .catch((error: unknown) => logError('checking open tabs', error));
onCommitted((event) => {
  if (event.frameId === 0 && event.tabId >= 0 && event.documentLifecycle !== 'prerender')
    void summaries.navigated(event.tabId, event.url).catch((error: unknown) => logError('link summary', error));
});
// Again once the document is parsed: Firefox clears a tab's own toolbar values when its parent
// process handles the top-level location change, which can land after the update sent from
// onCommitted (seen in CI: a safe page's toolbar back to the plain "Snowman" title). The stored
// record is read after the page's pending update, so this sends the new page's state, never the old one's.
onDOMContentLoaded((event) => {
  if (event.frameId !== 0 || event.tabId < 0) return;
  forgetToolbar(event.tabId);
  void guard.showRecordedToolbar(event.tabId).catch((error: unknown) => logError('toolbar', error));
});
onTabRemoved((tabId) => forgetToolbar(tabId));
onTabRemoved((tabId) => void tabs.remove(tabId).catch((error: unknown) => logError('forgetting a tab', error)));
onTabRemoved((tabId) => void summaries.remove(tabId).catch((error: unknown) => logError('forgetting a tab', error)));

onInstalled((reason) => {
  // A new extension version may ship a new model: rules from the old verdicts go.
  if (reason === 'install' || reason === 'update') {
    void blockList
      ?.clear()
      .then(async () => syncPolicyRules(blockList, await runtime))
      .catch((error: unknown) => logError('clearing block rules', error));
  }
});
// The allow rules and the policy's block rule follow the settings and the policy (either may have changed while no worker ran).
void runtime
  .then((r) => blockList && syncPolicyRules(blockList, r))
  .catch((error: unknown) => logError('policy rules', error));
onManagedChanged(() => {
  void (async () => {
    const r = await runtime;
    r.policy = await loadManagedPolicy();
    if (blockList) await syncPolicyRules(blockList, r);
  })().catch((error: unknown) => logError('managed policy', error));
});

// The default toolbar state for every tab: error when the model could not load. Once the model
// is in, the explainer reads its weights too (otherwise the first risky link of a page waits for
// them) and the link path is warmed up (warm-up.ts), after readiness so no navigation waits for it.
void runtime
  .then((r) => {
    if (r.engine && r.judge)
      return warmUp(r.engine.scorer, explainer).catch((error: unknown) => logError('warm-up', error));
    return showToolbar(toolbarViewFor(null, r.modelError));
  })
  .catch((error: unknown) => logError('toolbar', error));
