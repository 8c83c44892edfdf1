/**
 * The background's answers to the link scanner's and the popup's messages (core/messages.ts).
 * index.ts merges them with handlers.ts's into the one `serve()` map.
 */
import { parseDomain, type ScorableHost } from '../core/domain.js';
import { alertingFor } from '../core/sensitivity.js';
import { MessageError, type Handlers } from '../core/messages.js';
import { withBlockedSite, withoutBlockedSite, withPausedSite } from '../core/settings.js';
import { logError } from '../platform/log.js';
import type { BlockList } from './block-list.js';
import type { Explainer } from './explainer.js';
import { siteOf } from './judge.js';
import { createLinkScoring } from './link-scoring.js';
import type { PageSummaries } from './page-summary.js';
import { preferencesOf, type Runtime } from './runtime.js';
import type { SettingsService } from './settings-service.js';
import type { StrictMode } from './strict-mode.js';
import type { TabRecords } from './tab-records.js';

export interface LinkHandlerDeps {
  readonly runtime: Promise<Runtime>;
  readonly tabs: TabRecords;
  readonly blockList: BlockList | null;
  /** Every change to the user's settings goes through it (serialised; the allow rules follow). */
  readonly settings: SettingsService;
  readonly summaries: PageSummaries;
  readonly explainer: Explainer;
  /** Strict first-visit mode (Chrome): linked sites judged safe need no checking page when clicked. */
  readonly strict?: StrictMode | null;
}

/** Linked hosts let through per batch (two prefixes each): a link-heavy page must not push the sites just visited out. */
const STRICT_LINK_PASSES = 50;

export type LinkHandlers = Pick<
  Handlers,
  'score-links' | 'get-page-summary' | 'block-site' | 'unblock-site' | 'pause-site'
>;

function scorable(url: string): ScorableHost {
  if (!/^https?:/i.test(url)) throw new MessageError('only http and https pages are scored', 'not-web-address');
  const parsed = parseDomain(url);
  if (!parsed.ok) throw new MessageError(parsed.message, 'not-web-address');
  return parsed;
}

export function createLinkHandlers(deps: LinkHandlerDeps): LinkHandlers {
  const { tabs, blockList, summaries, explainer } = deps;

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
    onJudgedSafe: (hosts) =>
      void deps.strict
        ?.passHosts(hosts.slice(0, STRICT_LINK_PASSES))
        .catch((error: unknown) => logError('strict mode', error)),
    badges: async (level) => {
      const { linkBadges, sensitivity } = preferencesOf(await deps.runtime);
      return linkBadges && alertingFor(level, sensitivity).badgeLink;
    },
  });

  return {
    'score-links': scoreLinks,

    async 'get-page-summary'({ tabId }) {
      return summaries.summary(tabId, (await tabs.get(tabId))?.main ?? null);
    },

    async 'block-site'({ url }) {
      const site = siteOf(scorable(url));
      await deps.settings.change((settings) => withBlockedSite(settings, site));
      return { site };
    },

    async 'unblock-site'({ url }) {
      const site = siteOf(scorable(url));
      await deps.settings.change((settings) => withoutBlockedSite(settings, site));
      // A redirect rule left from the blocked verdict would still send the site to the warning page.
      await blockList?.removeSite(site);
      return { site };
    },

    async 'pause-site'({ url, paused }) {
      const site = siteOf(scorable(url));
      await deps.settings.change((s) => withPausedSite(s, site, paused));
      if (paused) await blockList?.removeSite(site);
      return { site, paused };
    },
  };
}
