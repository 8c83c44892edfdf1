/**
 * "Show me the link": scrolls the first link to a host into view and rings it for a moment.
 * The ring is an overlay with a closed shadow root, so the page's own link is never restyled.
 */
import { REVEAL_HOST } from './badge-style.js';

const SHOWN_MS = 2500;

/** Scrolls `link` into view and outlines it; resolves to false when it is not in the page. */
export function revealLink(doc: Document, link: Element | undefined): boolean {
  if (!link?.isConnected) return false;
  link.scrollIntoView({ block: 'center', inline: 'nearest' });
  const rect = link.getBoundingClientRect();
  const ring = doc.createElement('span');
  ring.attachShadow({ mode: 'closed' });
  ring.style.cssText = `${REVEAL_HOST} left: ${Math.round(rect.left - 4)}px !important; top: ${Math.round(rect.top - 4)}px !important;
    width: ${Math.round(rect.width + 8)}px !important; height: ${Math.round(rect.height + 8)}px !important;`;
  doc.documentElement.append(ring);
  setTimeout(() => ring.remove(), SHOWN_MS);
  // Keyboard users land on the link too, when it can take focus.
  if (typeof (link as HTMLElement).focus === 'function') (link as HTMLElement).focus({ preventScroll: true });
  return true;
}
