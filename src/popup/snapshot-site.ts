/**
 * The toolbar's snapshot (core/popup-snapshot.ts, carried in the popup's address) as the popup's
 * first view of the site: shown before anything else has answered, provisional like the recorded
 * verdict (recorded-site.ts), so the actions wait for the background, whose answer always wins.
 */
import type { SiteDetails } from '../core/messages.js';
import type { SnapshotSite } from '../core/popup-snapshot.js';
import { deciderOf } from '../core/site-decider.js';
import type { Reason, RiskLevel, Verdict } from '../core/verdict.js';
import { hostnameOf } from './recorded-site.js';

/** Labels dropped from a long host are shown as this, before a dot. */
const CUT_MARK = '…';

function reasonsOf(site: SnapshotSite, registrableDomain: string | null): Reason[] {
  // Only the words' inputs: the English `message` is for reports, which wait for the background.
  return site.reasons.map((kind): Reason => {
    if (kind === 'lookalike' && site.target !== undefined) return { kind, message: '', target: site.target };
    if (kind === 'popular' && registrableDomain !== null && !site.cut)
      return { kind, message: '', detail: { kind: 'popular', domain: registrableDomain } };
    return { kind, message: '' };
  });
}

const lastLabels = (host: string, count: number): string | null =>
  count === 0 ? null : host.split('.').slice(-count).join('.');

/** The site details the snapshot stands for (the page's address is not known yet: `url` is empty). */
export function snapshotDetails(site: SnapshotSite): SiteDetails {
  const registrableDomain = lastLabels(site.host, site.siteLabels);
  const verdict: Verdict = {
    level: site.level,
    category: site.category,
    score: null,
    // The middle of the thousandth it was rounded down to: the meter's words round it down again.
    risk: site.risk === null ? null : (site.risk + 0.5) / 1000,
    reasons: reasonsOf(site, registrableDomain),
  };
  return {
    url: '',
    fullHost: site.host,
    displayHost: site.cut ? `${CUT_MARK}.${site.shown}` : site.shown,
    registrableDomain,
    site: registrableDomain ?? site.host,
    verdict,
    explanation: [],
    modelVersion: null,
    choice: { trusted: false, blocked: false, paused: false },
    decidedBy: deciderOf(verdict),
    issued: false,
  };
}

/** True when the snapshot is about the page at `url` (the tab may have moved on since the toolbar was set). */
export function snapshotFits(site: SnapshotSite, url: string | null): boolean {
  const host = url === null ? null : hostnameOf(url);
  if (host === null) return false;
  // A cut host stood for a longer one: the same labels alone are another site.
  return site.cut ? host.endsWith(`.${site.host}`) : host === site.host;
}

/**
 * The snapshot a page may show first: on a level page (`builtLevel`, the verdict its HTML was built
 * with), only a snapshot of that same level, so an address that disagrees with its page shows
 * neither until the tab's record or the background answers.
 */
export function snapshotForPage(site: SnapshotSite | null, builtLevel: RiskLevel | null): SnapshotSite | null {
  return builtLevel === null || site?.level === builtLevel ? site : null;
}
