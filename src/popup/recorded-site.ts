/**
 * The verdict the background recorded for a tab's page (storage.session), as the popup's first
 * view of the site: shown before the background answers, so a stopped worker or a model still
 * loading does not hold the verdict back. Read-only: the actions wait for the background's answer.
 */
import type { SiteDetails, TabRecord } from '../core/messages.js';
import { deciderOf } from '../core/site-decider.js';

/** The host of `url`, or null when it is not a URL. */
export const hostnameOf = (url: string): string | null => {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
};

function isRecordedVerdict(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { level, reasons } = value as Record<string, unknown>;
  return typeof level === 'string' && Array.isArray(reasons);
}

/** The site details `record` holds for the page at `url`, or null when it holds none for that host. */
export function recordedDetails(record: TabRecord | null, url: string | null): SiteDetails | null {
  const main = record?.main;
  const recorded = main?.site;
  if (!main || !recorded || url === null || !isRecordedVerdict(recorded.verdict)) return null;
  const host = hostnameOf(url);
  if (host === null || host !== hostnameOf(main.url)) return null;
  return {
    url,
    fullHost: main.host,
    displayHost: recorded.displayHost,
    registrableDomain: recorded.registrableDomain,
    site: recorded.site,
    verdict: recorded.verdict,
    explanation: [],
    modelVersion: null,
    // Unknown until the background answers: the popup keeps its actions off meanwhile.
    choice: { trusted: false, blocked: false, paused: false },
    decidedBy: deciderOf(recorded.verdict),
    issued: false,
  };
}
