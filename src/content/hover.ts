/**
 * Shows a badged link's tooltip when the pointer is over the link or keyboard focus reaches it,
 * so keyboard users get the explanation without an extra tab stop per badge. One capturing
 * listener per event for the whole document instead of listeners on thousands of links.
 */
import type { BadgeLayer } from './badges.js';
import type { Tooltip } from './tooltip.js';

const LINKISH = 'a[href],area[href],form[action],[formaction]';

export function wireTooltips(doc: Document, badges: BadgeLayer, tooltip: Tooltip): void {
  let current: Element | null = null;

  function showFor(target: EventTarget | null): void {
    const link = target instanceof Element ? target.closest(LINKISH) : null;
    const verdict = link ? badges.verdictOf(link) : undefined;
    if (!link || !verdict) return;
    current = link;
    tooltip.show(link, verdict);
  }

  function hideFor(target: EventTarget | null, next: EventTarget | null): void {
    if (current === null || !(target instanceof Element) || target.closest(LINKISH) !== current) return;
    if (next instanceof Node && current.contains(next)) return;
    current = null;
    tooltip.hide();
  }

  doc.addEventListener('focusin', (event) => showFor(event.target), true);
  doc.addEventListener('focusout', (event) => hideFor(event.target, event.relatedTarget), true);
  doc.addEventListener('mouseover', (event) => showFor(event.target), true);
  doc.addEventListener('mouseout', (event) => hideFor(event.target, event.relatedTarget), true);
}
