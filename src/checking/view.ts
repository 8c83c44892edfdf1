/** The checking page's three states, built from elements and text nodes only. */
import { toDisplayHost } from '../core/display-host.js';
import { t } from '../platform/i18n.js';
import { el } from '../ui/dom.js';

/** "Checking <site>…" while the background judges the address. */
export function renderChecking(doc: Document, root: HTMLElement, host: string): void {
  doc.title = t('checking_page_title');
  root.replaceChildren(
    el(doc, 'h1', { text: t('checking_title', toDisplayHost(host)) }),
    el(doc, 'p', { className: 'hint', text: t('checking_hint') }),
  );
}

/**
 * The page will not forward on its own (the extension did not hold this address here, or the
 * background did not answer): the reason, and the address as a link the user may follow, which
 * strict mode holds and checks like any navigation.
 */
export function renderStopped(doc: Document, root: HTMLElement, reason: string, target: string | null): void {
  doc.title = t('checking_page_title');
  const children: Node[] = [el(doc, 'h1', { text: t('checking_stopped_title') }), el(doc, 'p', { text: reason })];
  if (target !== null) {
    const link = el(doc, 'a', { text: t('checking_open_link', toDisplayHost(new URL(target).hostname)) });
    link.href = target;
    link.rel = 'noreferrer';
    children.push(el(doc, 'p', {}, link));
  }
  root.replaceChildren(...children);
}
