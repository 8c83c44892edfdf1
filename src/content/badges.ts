/**
 * Badges next to risky links. Each badge is a page element hosting a CLOSED shadow root: page
 * CSS cannot restyle what is inside, and page scripts get `null` from `host.shadowRoot`, so the
 * verdict, score and explanation stay out of the page's reach. The host itself carries no
 * attribute but an inline style that is the same for every level.
 *
 * What the page can still learn is that some element appeared after a link (a page can watch its
 * own DOM); that one bit is the price of showing anything at all.
 */
import type { LinkVerdict } from '../core/messages.js';
import { BADGE_GLYPH, BADGE_HOST, BADGE_MARK } from './badge-style.js';
import { badgeAnchor } from './link-target.js';
import type { Tooltip } from './tooltip.js';
import { t } from '../platform/i18n.js';
import { categoryWord } from '../ui/plain-words.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Times one badge is put back after the page removed or restyled it, before Snowman gives up on it. */
export const MAX_BADGE_RESTORES = 20;

export interface BadgeLayer {
  /** Marks `link` (idempotent; a changed verdict updates the badge in place). */
  show(link: Element, verdict: LinkVerdict): void;
  /** Removes the badge of `link`, if any. */
  hide(link: Element): void;
  /** The verdict `link` is badged with, if any (for the hover and focus tooltip). */
  verdictOf(link: Element): LinkVerdict | undefined;
  /** True for elements Snowman inserted (the scanner skips them). */
  isOwn(node: Node): boolean;
  readonly count: number;
}

interface Badge {
  readonly host: HTMLElement;
  readonly glyph: HTMLElement;
  verdict: LinkVerdict;
}

/** The glyph's accessible name: what a screen reader says for the badge. */
function label(verdict: LinkVerdict): string {
  const kind = categoryWord(verdict.category === 'dga' ? 'dga' : 'malicious');
  return verdict.level === 'dangerous'
    ? t('content_badge_dangerous', verdict.displayHost, kind)
    : t('content_badge_suspicious', verdict.displayHost, kind);
}

export function createBadgeLayer(doc: Document, tooltip: Tooltip): BadgeLayer {
  const badges = new Map<Element, Badge>();
  const hosts = new WeakSet<Node>();
  // Badges are clones of these: a clone shares its template's parsed inline style (the host's
  // reset of every property is hundreds of declarations), so neither the script nor the
  // browser's style pass works it out again per badge; hundreds of badges stay cheap.
  const hostTemplate = doc.createElement('span');
  hostTemplate.style.cssText = BADGE_HOST;
  const glyphTemplates = {
    dangerous: glyphTemplate('dangerous'),
    suspicious: glyphTemplate('suspicious'),
  };

  function glyphTemplate(level: LinkVerdict['level']): HTMLElement {
    const glyph = doc.createElement('span');
    glyph.style.cssText = BADGE_GLYPH[level];
    glyph.setAttribute('role', 'img');
    // Drawn, not written: a text node would be found by the page's window.find('!').
    const svg = doc.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 14 14');
    svg.setAttribute('width', '14');
    svg.setAttribute('height', '14');
    svg.setAttribute('aria-hidden', 'true');
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', BADGE_MARK[level]);
    path.setAttribute('fill', '#fff');
    svg.append(path);
    glyph.append(svg);
    return glyph;
  }

  /** Brings the glyph up to a new verdict, writing only what changed (each write restyles the badge). */
  function paint(badge: Badge, before: LinkVerdict | null): void {
    const { level } = badge.verdict;
    if (before !== null && before.level !== level) {
      badge.glyph.setAttribute('style', glyphTemplates[level].getAttribute('style') ?? '');
      badge.glyph.replaceChildren(...[...glyphTemplates[level].childNodes].map((node) => node.cloneNode(true)));
    }
    const text = label(badge.verdict);
    if (before === null || text !== label(before)) badge.glyph.setAttribute('aria-label', text);
  }

  function create(link: Element, verdict: LinkVerdict): Badge | null {
    const anchor = badgeAnchor(link);
    if (!anchor?.parentNode) return null;
    const host = hostTemplate.cloneNode(false) as HTMLElement;
    const root = host.attachShadow({ mode: 'closed' });
    const glyph = glyphTemplates[verdict.level].cloneNode(true) as HTMLElement;
    root.append(glyph);
    const badge: Badge = { host, glyph, verdict };
    // Hovering the badge explains it; the tooltip reads from the closure, never from the DOM.
    glyph.addEventListener('mouseenter', () => tooltip.show(host, badge.verdict));
    glyph.addEventListener('mouseleave', () => tooltip.hide());
    hosts.add(host);
    anchor.after(host);
    return badge;
  }

  // The page owns the DOM the hosts sit in: a host it removes is put back after its link, a host
  // it restyles (inline style, hidden, class) gets its style back. Bounded per badge, so a page
  // fighting back cannot keep the content script busy.
  const restores = new WeakMap<Element, number>();
  const guard = new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target as HTMLElement;
      if (record.type === 'attributes' && hosts.has(target)) {
        if (
          target.getAttribute('style') !== hostTemplate.getAttribute('style') ||
          target.hasAttribute('hidden') ||
          target.hasAttribute('class')
        )
          restore(target, () => {
            target.removeAttribute('hidden');
            target.removeAttribute('class');
            target.setAttribute('style', hostTemplate.getAttribute('style') ?? '');
          });
        continue;
      }
      for (const node of record.removedNodes) {
        if (!hosts.has(node)) continue;
        for (const [link, badge] of badges) {
          if (badge.host !== node || badge.host.isConnected) continue;
          const anchor = badgeAnchor(link);
          if (link.isConnected && anchor?.parentNode) restore(badge.host, () => anchor.after(badge.host));
        }
      }
    }
  });

  function restore(host: Element, fix: () => void): void {
    const count = restores.get(host) ?? 0;
    if (count >= MAX_BADGE_RESTORES) return;
    restores.set(host, count + 1);
    fix();
  }

  function watch(host: HTMLElement): void {
    guard.observe(host, { attributes: true, attributeFilter: ['style', 'hidden', 'class'] });
    if (host.parentNode) guard.observe(host.parentNode, { childList: true });
  }

  return {
    show(link, verdict) {
      const existing = badges.get(link);
      if (existing?.host.isConnected) {
        const before = existing.verdict;
        existing.verdict = verdict;
        paint(existing, before);
        return;
      }
      const badge = create(link, verdict);
      if (!badge) return;
      paint(badge, null);
      badges.set(link, badge);
      watch(badge.host);
    },
    hide(link) {
      const badge = badges.get(link);
      if (!badge) return;
      // Forgotten first, so the removal below is not taken for the page's.
      badges.delete(link);
      badge.host.remove();
    },
    verdictOf: (link) => badges.get(link)?.verdict,
    isOwn: (node) => hosts.has(node),
    get count() {
      return badges.size;
    },
  };
}
