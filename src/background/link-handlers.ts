/**
 * The background's answers to the link scanner's and the popup's messages (core/link-messages.ts).
 * index.ts merges them with handlers.ts's into the one `serve()` map.
 */
import { parseDomain, type ScorableHost } from '../core/domain.js';
import { alertingFor } from '../core/sensitivity.js';
import type { LinkProtocol, SiteDetails } from '../core/link-messages.js';
import { MessageError, type Handler } from '../core/messages.js';
import {
  withBlockedSite,
  withoutBlockedSite,
  withPausedSite,
  type Settings,
  type SettingsStore,
} from '../core/settings.js';
import { logError } from '../platform/log.js';
import { alwaysAllowedSites, type BlockList } from './block-list.js';
import type { Explainer } from './explainer.js';
import type { Guard } from './guard.js';
import { siteOf } from './judge.js';
import { createLinkScoring } from './link-scoring.js';
import type { PageSummaries } from './page-summary.js';
import type { Runtime } from './runtime.js';
import type { TabRecords } from './tab-records.js';
import { unscorableVerdict } from '../core/unscorable-verdict.js';

export interface LinkHandlerDeps {
  readonly runtime: Promise<Runtime>;
  readonly guard: Guard;
  readonly tabs: TabRecords;
  readonly blockList: BlockList | null;
  readonly settingsStore: SettingsStore;
  readonly summaries: PageSummaries;
  readonly explainer: Explainer;
}

export type LinkHandlers = { readonly [K in keyof LinkProtocol]: Handler<K> };

function scorable(url: string): ScorableHost {
  if (!/^https?:/i.test(url)) throw new MessageError('only http and https pages are scored');
  const parsed = parseDomain(url);
  if (!parsed.ok) throw new MessageError(parsed.message);
  return parsed;
}

export function createLinkHandlers(deps: LinkHandlerDeps): LinkHandlers {
  const { guard, tabs, blockList, summaries, explainer } = deps;

  async function changeSettings(change: (settings: Settings) => Settings): Promise<Settings> {
    const runtime = await deps.runtime;
    runtime.settings = change(runtime.settings);
    await deps.settingsStore.save(runtime.settings);
    return runtime.settings;
  }

  const scoreLinks = createLinkScoring({
    summaries,
    explainer,
    judgeMany: async () => {
      const judge = (await deps.runtime).judge;
      return judge ? (urls) => judge.judgeMany(urls) : null;
    },
    isPaused: async (site) => (await deps.runtime).settings.pausedSites.includes(site),
    onDangerous: async (hosts) =>
      blockList?.addMany(hosts).catch((error: unknown) => logError('adding block rules for links', error)),
    badges: async (level) => {
      const { settings } = await deps.runtime;
      return settings.linkBadges && alertingFor(level, settings.sensitivity).badgeLink;
    },
  });

  return {
    'score-links': scoreLinks,

    async 'get-page-summary'({ tabId }) {
      return summaries.summary(tabId, (await tabs.get(tabId))?.main ?? null);
    },

    async 'get-site'({ url }) {
      const parsed = scorable(url);
      const site = siteOf(parsed);
      const [judgement, runtime] = await Promise.all([guard.judgeUrl(url), deps.runtime]);
      const verdict = judgement.verdict ?? unscorableVerdict(judgement.error ?? 'the model is not loaded');
      const details: SiteDetails = {
        url,
        fullHost: parsed.fullHost,
        displayHost: parsed.displayHost,
        registrableDomain: parsed.registrableDomain,
        site,
        verdict,
        explanation: judgement.verdict ? await explainer.explain(parsed, verdict.category) : [],
        modelVersion: runtime.engine?.scorer.metadata.version ?? null,
        choice: {
          trusted: runtime.settings.trustedSites.includes(site),
          blocked: runtime.settings.blockedSites.includes(site),
          paused: runtime.settings.pausedSites.includes(site),
        },
      };
      return details;
    },

    async 'block-site'({ url }) {
      const site = siteOf(scorable(url));
      await changeSettings((settings) => withBlockedSite(settings, site));
      return { site };
    },

    async 'unblock-site'({ url }) {
      const site = siteOf(scorable(url));
      await changeSettings((settings) => withoutBlockedSite(settings, site));
      // A redirect rule left from the blocked verdict would still send the site to the warning page.
      await blockList?.removeSite(site);
      return { site };
    },

    async 'pause-site'({ url, paused }) {
      const site = siteOf(scorable(url));
      const settings = await changeSettings((s) => withPausedSite(s, site, paused));
      if (paused) await blockList?.removeSite(site);
      await blockList?.syncTrusted(alwaysAllowedSites(settings, (await deps.runtime).policy));
      return { site, paused };
    },
  };
}
