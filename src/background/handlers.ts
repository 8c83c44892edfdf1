/** The background's answers to the site, warning and diagnostics messages of the contract (core/messages.ts). */
import { parseDomain, type ScorableHost } from '../core/domain.js';
import {
  MessageError,
  type Handlers,
  type ModelStatus,
  type SenderInfo,
  type SiteDetails,
  type UncheckedReason,
} from '../core/messages.js';
import { withTrustedSite, withoutTrustedSite } from '../core/settings.js';
import type { BackgroundPlatform } from '../platform/background-api.js';
import { logError } from '../platform/log.js';
import type { BlockList } from './block-list.js';
import type { Explainer } from './explainer.js';
import type { Guard } from './guard.js';
import { metrics } from './metrics.js';
import { frameRecordOf, siteOf } from './judge.js';
import type { Runtime } from './runtime.js';
import type { SettingsService } from './settings-service.js';
import type { TabRecords } from './tab-records.js';
import type { HostLists } from './host-lists.js';
import { deciderOf } from '../core/site-decider.js';
import { toolbarViewFor } from './toolbar.js';
import { unscorableVerdict } from '../core/unscorable-verdict.js';

export interface HandlerDeps {
  /** The browser: the toolbar and the sender's tab. */
  readonly platform: Pick<BackgroundPlatform, 'tabs' | 'toolbar'>;
  readonly runtime: Promise<Runtime>;
  /** The model's start-up state (runtime.ts fills it in). */
  readonly status: ModelStatus;
  readonly guard: Guard;
  readonly tabs: TabRecords;
  readonly blockList: BlockList | null;
  /** Every change to the user's settings goes through it (serialised; the allow rules follow). */
  readonly settings: SettingsService;
  /** The highlighted part of a site's name in the popup and on the warning page. */
  readonly explainer?: Explainer;
  /** Whether the extension itself issued the warning a page shows (warning-issued.ts). */
  readonly isIssued: (url: string, token: string | undefined, tabId: number | undefined) => Promise<boolean>;
  /** Absolute URL of the warning page: its messages are held to the warnings the extension issued. */
  readonly warningPage: string;
  /** The file an imported list came from (host-lists.ts); none when lists cannot be imported. */
  readonly listSource?: HostLists['source'];
  /** Uses up a warning's token once the user acted on it. */
  readonly consumeToken: (token: string) => Promise<void>;
  /** Why strict mode let a site open unjudged this session (strict-mode.ts), if it did. */
  readonly unchecked?: (site: string) => UncheckedReason | undefined;
}

/** The messages served here; link-handlers.ts and settings-handlers.ts serve the others. */
export type BaseHandlers = Pick<
  Handlers,
  | 'get-status'
  | 'get-site'
  | 'allow-session'
  | 'trust-site'
  | 'untrust-site'
  | 'list-trusted'
  | 'open-new-tab-page'
  | 'get-tab-state'
  | 'get-metrics'
>;

/** Only http(s) names that can be scored can be continued to or trusted. */
function scorable(url: string): ScorableHost {
  if (!/^https?:/i.test(url))
    throw new MessageError('only http and https addresses can be opened from here', 'not-web-address');
  const parsed = parseDomain(url);
  if (!parsed.ok) throw new MessageError(parsed.message, 'not-web-address');
  return parsed;
}

export function createHandlers(deps: HandlerDeps): BaseHandlers {
  const { guard, tabs, blockList } = deps;

  /**
   * From the warning page (web accessible, so any site can open it), Continue and Always trust act
   * only on a warning the extension issued for the sender's tab. The popup and options pages are
   * not web accessible: only the user opens them.
   */
  async function issuedSite(url: string, token: string | undefined, sender: SenderInfo): Promise<string> {
    const site = siteOf(scorable(url));
    const fromWarningPage = sender.url === undefined || sender.url.startsWith(deps.warningPage);
    if (fromWarningPage && !(await deps.isIssued(url, token, sender.tabId)))
      throw new MessageError(
        'Snowman did not show this warning, so it cannot let this site through from here',
        'not-issued',
      );
    if (token !== undefined) await deps.consumeToken(token);
    return site;
  }

  return {
    'get-status': () => ({ ...deps.status }),

    async 'get-site'({ url, token }, sender) {
      const parsed = scorable(url);
      const site = siteOf(parsed);
      const [judgement, issued, runtime] = await Promise.all([
        guard.judgeUrl(url),
        deps.isIssued(url, token, sender.tabId),
        deps.runtime,
      ]);
      // Asked from a tab (the warning page): its toolbar shows the verdict of the site it warns about.
      if (sender.tabId !== undefined) {
        void deps.platform.toolbar
          .show(toolbarViewFor(frameRecordOf(judgement), judgement.error), sender.tabId)
          .catch((e: unknown) => logError('toolbar', e));
      }
      const verdict =
        judgement.verdict ??
        unscorableVerdict(judgement.error ?? 'the model is not loaded', undefined, 'model-not-loaded');
      const details: SiteDetails = {
        url,
        fullHost: parsed.fullHost,
        displayHost: parsed.displayHost,
        registrableDomain: parsed.registrableDomain,
        site,
        verdict,
        explanation: judgement.verdict && deps.explainer ? await deps.explainer.explain(parsed, verdict.category) : [],
        modelVersion: runtime.engine?.scorer.metadata.version ?? null,
        choice: {
          trusted: runtime.settings.trustedSites.includes(site),
          blocked: runtime.settings.blockedSites.includes(site),
          paused: runtime.settings.pausedSites.includes(site),
        },
        decidedBy: deciderOf(verdict, deps.listSource),
        issued,
      };
      const unchecked = deps.unchecked?.(site);
      return unchecked === undefined ? details : { ...details, unchecked };
    },

    async 'allow-session'({ url, token }, sender) {
      const site = await issuedSite(url, token, sender);
      const runtime = await deps.runtime;
      await Promise.all([runtime.sessionAllow.add(site), blockList?.allowForSession(site)]);
      return { site };
    },

    async 'trust-site'({ url, token }, sender) {
      const site = await issuedSite(url, token, sender);
      await deps.settings.change((s) => withTrustedSite(s, site));
      await blockList?.removeSite(site);
      return { site };
    },

    async 'untrust-site'({ site }) {
      const settings = await deps.settings.change((s) => withoutTrustedSite(s, site.toLowerCase()));
      return { trustedSites: settings.trustedSites };
    },

    async 'list-trusted'() {
      return { trustedSites: (await deps.runtime).settings.trustedSites };
    },

    async 'open-new-tab-page'(_payload, sender) {
      if (sender.tabId === undefined) throw new MessageError('open-new-tab-page needs a sender tab');
      await deps.platform.tabs.replaceWithNewTabPage(sender.tabId);
      return {};
    },

    'get-tab-state': ({ tabId }) => tabs.get(tabId),

    async 'get-metrics'() {
      await deps.runtime;
      return metrics();
    },
  };
}
