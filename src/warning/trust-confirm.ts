/**
 * "Always trust" behind a confirmation that names exactly what will be trusted: the registrable
 * domain in Unicode and, for an IDN, as the browser writes it, and every name under it. Trusting
 * is permanent and covers the whole site, so one click must never do it.
 */
import { toDisplayHost } from '../core/display-host.js';
import type { SiteDetails } from '../core/messages.js';
import { button, el } from '../ui/dom.js';
import { t } from '../platform/i18n.js';

/** What "Always trust" will cover, in one sentence. */
export function trustScope(site: string): string {
  const shown = toDisplayHost(site);
  return shown === site ? t('warning_trust_scope', shown) : t('warning_trust_scope_idn', shown, site);
}

/** The "Always trust …" button and its confirmation; `trust` runs only on "Yes". */
export function renderTrustControl(doc: Document, details: Pick<SiteDetails, 'site'>, trust: () => void): HTMLElement {
  const shown = toDisplayHost(details.site);
  const wrap = el(doc, 'div', { className: 'trust' });
  const confirm = el(doc, 'div', { className: 'confirm', id: 'trust-confirm' });
  confirm.setAttribute('role', 'group');
  confirm.setAttribute('aria-labelledby', 'trust-question');
  confirm.hidden = true;
  const open = button(doc, t('warning_trust_open', shown), 'tertiary trust', () => {
    confirm.hidden = false;
    open.setAttribute('aria-expanded', 'true');
    cancel.focus();
  });
  open.setAttribute('aria-expanded', 'false');
  open.setAttribute('aria-controls', 'trust-confirm');
  const cancel = button(doc, t('common_cancel'), 'secondary cancel', () => {
    confirm.hidden = true;
    open.setAttribute('aria-expanded', 'false');
    open.focus();
  });
  confirm.append(
    el(doc, 'p', { className: 'question', id: 'trust-question', text: t('warning_trust_question', shown) }),
    el(doc, 'p', { className: 'scope', text: trustScope(details.site) }),
    el(
      doc,
      'div',
      { className: 'confirm-actions' },
      cancel,
      button(doc, t('warning_trust_confirm', shown), 'danger confirm-trust', trust),
    ),
  );
  wrap.append(open, confirm);
  return wrap;
}
