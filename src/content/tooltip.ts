/**
 * The one tooltip for all badges: a fixed-position element hosting a closed shadow root, shown
 * next to a badged link on hover or keyboard focus. One instance (not one per badge) keeps 5,000
 * links cheap and escapes `overflow: hidden` ancestors that would clip a per-badge popover.
 */
import type { LinkVerdict } from '../core/messages.js';
import { renderName } from '../ui/name-view.js';
import { HOST_RESET } from './badge-style.js';
import { t } from '../platform/i18n.js';
import { categoryWord, reasonText } from '../ui/plain-words.js';

const CSS = `
.tip { box-sizing: border-box; max-width: min(360px, calc(100vw - 16px)); padding: 8px 10px; border-radius: 6px;
  font: 13px/1.4 system-ui, sans-serif; color: #202124; background: #fff; border: 1px solid #dadce0;
  box-shadow: 0 2px 8px rgba(0,0,0,.25); text-align: start; white-space: normal; overflow-wrap: anywhere; }
.level { font-weight: 600; }
.level.dangerous { color: #c5221f; } .level.suspicious { color: #b06000; }
.name { font-size: 14px; margin: 2px 0; }
mark { background: #fce8b2; color: inherit; border-radius: 2px; }
.meta { color: #5f6368; }
@media (prefers-color-scheme: dark) {
  .tip { color: #e8eaed; background: #292a2d; border-color: #5f6368; }
  .level.dangerous { color: #f28b82; } .level.suspicious { color: #fdd663; }
  mark { background: #7a5c00; } .meta { color: #bdc1c6; }
}`;

export interface Tooltip {
  show(near: Element, verdict: LinkVerdict): void;
  hide(): void;
}

/** The tooltip of `doc`, created on first use. */
export function createTooltip(doc: Document): Tooltip {
  let host: HTMLElement | null = null;
  let parts: { level: HTMLElement; name: HTMLElement; meta: HTMLElement; reason: HTMLElement } | null = null;

  function build(): void {
    host = doc.createElement('span');
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = CSS;
    const tip = doc.createElement('div');
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    const level = doc.createElement('div');
    const name = doc.createElement('div');
    name.className = 'name';
    const meta = doc.createElement('div');
    meta.className = 'meta';
    const reason = doc.createElement('div');
    reason.className = 'meta';
    tip.append(level, name, meta, reason);
    root.append(style, tip);
    parts = { level, name, meta, reason };
  }

  return {
    show(near, verdict) {
      if (!host || !parts) build();
      const { level, name, meta, reason } = parts!;
      level.className = `level ${verdict.level}`;
      level.textContent =
        verdict.level === 'dangerous' ? t('content_tooltip_dangerous') : t('content_tooltip_suspicious');
      renderName(name, verdict.displayHost, verdict.registrableDomain, verdict.explanation);
      const facts = [categoryWord(verdict.category)];
      // The score's digits stay as they are in every language: they match the report and the CLI.
      if (verdict.score !== null) facts.push(t('content_tooltip_score', verdict.score.toFixed(3)));
      meta.textContent = facts.filter(Boolean).join(' · ');
      reason.textContent = verdict.reason === null ? '' : reasonText(verdict.reason, verdict);
      const rect = near.getBoundingClientRect();
      const viewportHeight = doc.documentElement.clientHeight;
      // Below the link, or above it when the link sits in the lower part of the viewport.
      const below = rect.bottom + 120 < viewportHeight;
      host!.style.cssText = `${HOST_RESET} position: fixed !important; z-index: 2147483647 !important; display: block !important;
        left: ${Math.max(4, Math.round(rect.left))}px !important; ${below ? `top: ${Math.round(rect.bottom + 4)}px` : `bottom: ${Math.round(viewportHeight - rect.top + 4)}px`} !important;
        pointer-events: none !important;`;
      if (!host!.isConnected) doc.documentElement.append(host!);
    },
    hide() {
      host?.remove();
    },
  };
}
