/** Who decided a site's verdict, in words, for the popup and the warning page (null: the model or the user). */
import type { SiteDecider } from '../core/messages.js';
import { t } from '../platform/i18n.js';

/** "Set by your organisation" / "On the list blocked.txt, 2026-03-01"; null when neither decided. */
export function decidedByText(decider: SiteDecider | null): string | null {
  if (decider === null) return null;
  if (decider.kind === 'organisation') return t('popup_decided_by_org');
  // The import date as YYYY-MM-DD: the same in every locale, and the day is all that matters here.
  return t('common_decided_by_list', decider.fileName, decider.importedAt.slice(0, 10));
}

/** True when the organisation's policy decides the site: nothing the user does here changes it. */
export function policyDecides(decider: SiteDecider | null): boolean {
  return decider?.kind === 'organisation';
}
