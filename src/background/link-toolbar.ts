/**
 * The toolbar with the page's links in it: the badge counts the risky linked domains while the
 * colour (and icon) keep saying what the page itself is. One pure function on the view that
 * toolbar.ts computes for the page, so there is still a single badge setter (guard.showTabToolbar).
 */
import type { ToolbarView } from '../platform/action.js';

/** Badge text for a count (the badge has room for about four characters). */
function countText(count: number): string {
  return count > 999 ? '999+' : String(count);
}

/** `view` with the number of risky linked domains as the badge text and in the tooltip. */
export function withRiskyLinks(view: ToolbarView, riskyDomains: number): ToolbarView {
  if (riskyDomains <= 0 || view.state === 'error') return view;
  const noun = riskyDomains === 1 ? 'linked domain looks' : 'linked domains look';
  return { ...view, badge: countText(riskyDomains), title: `${view.title}\n${riskyDomains} ${noun} risky` };
}
