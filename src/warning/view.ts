/**
 * The warning page's DOM, modelled on the interstitials people know (Safe Browsing, MetaMask):
 * the site's name large, what it may do in one sentence, the strongest reason first, Go back as
 * the one primary action and the way through behind "Details". Built from elements and text
 * nodes only (never HTML strings), so a hostile name or reason can never become markup. Takes
 * the document as an argument for DOM tests.
 */
import { toDisplayHost } from '../core/display-host.js';
import type { ExplanationSpan, SiteDetails } from '../core/messages.js';
import { levelWord, plainReasons, riskHeadline } from '../ui/plain-words.js';
import { buildReport, reportFileName, reportText } from '../ui/report.js';
import { button, el } from '../ui/dom.js';
import { renderReportPanel } from './report-panel.js';
import { renderTrustControl } from './trust-confirm.js';
import { decidedByText } from '../ui/decided-by.js';
import type { Category } from '../core/verdict.js';
import { t, type MessageKey } from '../platform/i18n.js';

export interface WarningActions {
  back(): void;
  /** Absent when the extension did not issue this warning itself: the page then offers no way past it. */
  continueToSite?: () => void;
  trustSite?: () => void;
  /** Puts the report on the clipboard; rejects when the browser refuses. */
  copyReport(text: string): Promise<void>;
  saveReport(fileName: string, text: string): void;
  readonly extensionVersion: string;
}

const CATEGORY_KEYS: Readonly<Record<Category, MessageKey>> = {
  malicious: 'warning_category_phishing',
  dga: 'warning_category_dga',
  benign: 'warning_category_none',
  '-': 'warning_category_none',
};

/** The host in Unicode with its registrable domain in <strong>. */
export function hostNode(doc: Document, displayHost: string, registrableDomain: string | null): HTMLElement {
  const container = el(doc, 'span', { className: 'host' });
  const registrable = registrableDomain === null ? null : toDisplayHost(registrableDomain);
  if (registrable !== null && displayHost.endsWith(registrable)) {
    const prefix = displayHost.slice(0, displayHost.length - registrable.length);
    if (prefix !== '') container.append(doc.createTextNode(prefix));
    container.append(el(doc, 'strong', { text: registrable }));
  } else {
    container.append(doc.createTextNode(displayHost));
  }
  return container;
}

/**
 * Fills the explanation slot: the host with the spans that drove the score marked. Hidden when
 * there are no spans (the model explainer is optional).
 */
export function renderExplanation(
  doc: Document,
  slot: HTMLElement,
  displayHost: string,
  spans: readonly ExplanationSpan[] | undefined,
): void {
  slot.replaceChildren();
  const valid = (spans ?? [])
    .filter(
      (s) =>
        Number.isInteger(s.start) &&
        Number.isInteger(s.end) &&
        s.start >= 0 &&
        s.end > s.start &&
        s.end <= displayHost.length,
    )
    .sort((a, b) => a.start - b.start);
  slot.hidden = valid.length === 0;
  if (slot.hidden) return;
  const line = el(doc, 'p', { className: 'explained-host' });
  let at = 0;
  for (const span of valid) {
    if (span.start < at) continue;
    if (span.start > at) line.append(doc.createTextNode(displayHost.slice(at, span.start)));
    const mark = el(doc, 'mark', { text: displayHost.slice(span.start, span.end) });
    // Strength shows as the underline's thickness: the mark's colours stay readable in both themes.
    mark.dataset['strength'] = span.weight >= 0.66 ? 'high' : span.weight >= 0.33 ? 'medium' : 'low';
    line.append(mark);
    at = span.end;
  }
  if (at < displayHost.length) line.append(doc.createTextNode(displayHost.slice(at)));
  slot.append(el(doc, 'h2', { text: t('warning_explanation_heading') }), line);
}

function detailsSection(doc: Document, details: SiteDetails, actions: WarningActions): HTMLDetailsElement {
  const site = toDisplayHost(details.site);
  const { verdict } = details;
  const facts = el(
    doc,
    'dl',
    { className: 'facts' },
    el(doc, 'dt', { text: t('warning_fact_address') }),
    el(doc, 'dd', { className: 'url', text: details.url }),
    el(doc, 'dt', { text: t('warning_fact_verdict') }),
    el(doc, 'dd', { className: 'level', text: levelWord(verdict.level) }),
    el(doc, 'dt', { text: t('warning_fact_category') }),
    el(doc, 'dd', { className: 'category', text: t(CATEGORY_KEYS[verdict.category] ?? 'warning_category_none') }),
    el(doc, 'dt', { text: t('warning_fact_model') }),
    el(doc, 'dd', { className: 'model', text: details.modelVersion ?? t('common_model_not_loaded') }),
  );
  if (details.decidedBy !== null)
    facts.append(
      el(doc, 'dt', { text: t('warning_decided_by') }),
      el(doc, 'dd', {
        className: 'decided-by',
        text:
          details.decidedBy.kind === 'organisation' ? t('warning_decided_by_org') : decidedByText(details.decidedBy)!,
      }),
    );
  const panel = el(doc, 'details', { className: 'more' }, el(doc, 'summary', { text: t('warning_details') }), facts);
  // The organisation's block outranks Continue and Always trust (the background ignores both for it).
  if (verdict.reasons.some((reason) => reason.kind === 'org-blocked')) {
    panel.append(el(doc, 'p', { className: 'note org-blocked', text: t('warning_org_blocked_note') }));
    return panel;
  }
  if (!actions.continueToSite || !actions.trustSite) {
    panel.append(
      el(doc, 'p', {
        className: 'note not-issued',
        text: t('warning_not_issued_note'),
      }),
    );
    return panel;
  }
  panel.append(
    el(doc, 'p', {
      className: 'risk-note',
      text: t('warning_continue_risk'),
    }),
    button(doc, t('warning_continue', site), 'secondary continue', actions.continueToSite),
    el(doc, 'p', { className: 'note', text: t('warning_continue_note', site) }),
    renderTrustControl(doc, details, actions.trustSite),
  );
  return panel;
}

/** Renders the full warning for `details` into `root`; returns the button to focus first. */
export function renderWarning(
  doc: Document,
  root: HTMLElement,
  details: SiteDetails,
  actions: WarningActions,
): HTMLButtonElement {
  const { verdict } = details;
  const level = verdict.level;
  doc.body?.classList.remove('level-dangerous', 'level-suspicious', 'level-safe', 'level-unscorable');
  doc.body?.classList.add(`level-${level}`);
  const back = button(doc, t('warning_back_to_safety'), 'primary back', actions.back);
  const heading =
    level === 'dangerous'
      ? t('warning_heading_dangerous')
      : level === 'suspicious'
        ? t('warning_heading_suspicious')
        : t('warning_heading_paused');
  const name = el(doc, 'p', { className: 'target' }, hostNode(doc, details.displayHost, details.registrableDomain));
  if (details.fullHost !== details.displayHost && details.fullHost.includes('xn--')) {
    name.append(el(doc, 'span', { className: 'punycode', text: details.fullHost }));
  }
  const reasons = plainReasons(verdict);
  const why = el(
    doc,
    'ul',
    { className: 'reasons' },
    ...reasons.map((text, i) => el(doc, 'li', { className: i === 0 ? 'strongest' : '', text })),
  );
  const explanation = el(doc, 'section', { className: 'explanation', id: 'explanation' });
  renderExplanation(doc, explanation, details.displayHost, details.explanation);
  const headline = riskHeadline(verdict) || t('warning_headline_unchecked');
  const report = buildReport(details, null, actions.extensionVersion);
  const shield = el(doc, 'p', { className: 'shield', text: '!' });
  shield.setAttribute('aria-hidden', 'true');

  root.replaceChildren(
    shield,
    el(doc, 'h1', { text: heading }),
    name,
    el(doc, 'p', { className: 'headline', text: headline }),
    el(doc, 'h2', { text: t('warning_why_heading') }),
    why,
    explanation,
    el(doc, 'div', { className: 'actions' }, back),
    detailsSection(doc, details, actions),
    renderReportPanel(doc, reportText(report), reportFileName(report), actions),
  );
  return back;
}

/** Renders the refusal for a target that cannot be opened: the reason and Go back only. */
export function renderRefused(doc: Document, root: HTMLElement, message: string, back: () => void): HTMLButtonElement {
  const backButton = button(doc, t('warning_back'), 'primary', back);
  root.replaceChildren(
    el(doc, 'h1', { text: t('warning_refused_heading') }),
    el(doc, 'p', { className: 'refused', text: message }),
    el(doc, 'div', { className: 'actions' }, backButton),
  );
  return backButton;
}

/** Shows an error line under the actions (e.g. the background did not answer). */
export function renderError(doc: Document, root: HTMLElement, message: string): void {
  root.querySelector('.error')?.remove();
  const line = el(doc, 'p', { className: 'error', text: message });
  line.setAttribute('role', 'alert');
  root.append(line);
}
