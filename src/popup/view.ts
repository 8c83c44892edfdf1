/**
 * The popup's DOM, rebuilt from its state on every change (a few dozen nodes: cheaper than
 * diffing), except the sections whose inputs did not change. Elements and text nodes only, never
 * HTML strings. Takes the document as an argument so DOM tests can render it.
 */
import type { PageSummary, RiskyDomain } from '../core/messages.js';
import { labelCount } from '../core/name-segments.js';
import { el } from '../ui/dom.js';
import { renderName } from '../ui/name-view.js';
import { categoryWord, levelWord } from '../ui/plain-words.js';
import { failureWordsFor } from '../ui/failure-words.js';
import { policyDecides } from '../ui/decided-by.js';
import { formatNumber, t, tCount } from '../platform/i18n.js';
import { siteSectionFor, type PopupState } from './site-view.js';

export type { PopupState } from './site-view.js';

export interface PopupActions {
  trust(): void;
  untrust(): void;
  block(): void;
  unblock(): void;
  pause(paused: boolean): void;
  copyReport(): void;
  saveReport(): void;
  reveal(host: string): void;
}

function button(doc: Document, label: string, onClick: () => void, disabled: boolean, id: string): HTMLButtonElement {
  const node = el(doc, 'button', { text: label });
  node.type = 'button';
  node.id = id;
  node.disabled = disabled;
  node.addEventListener('click', onClick);
  return node;
}

function actionsSection(doc: Document, state: PopupState, actions: PopupActions): HTMLElement {
  const section = el(doc, 'section', { className: 'actions' });
  section.setAttribute('aria-label', t('popup_actions_label'));
  const choice = state.site?.choice;
  const off = !state.site || state.busy || state.provisional === true;
  // The organisation's policy outranks Trust, Block and Pause: offering them would promise what the background ignores.
  if (policyDecides(state.site?.decidedBy ?? null)) {
    const note = el(doc, 'p', { className: 'note policy-note', text: t('popup_decided_by_org_note') });
    note.id = 'policy-note';
    section.append(
      note,
      button(doc, t('common_copy_report'), actions.copyReport, off, 'copy-report'),
      button(doc, t('common_save_report'), actions.saveReport, off, 'save-report'),
    );
    return withNotice(doc, section, state);
  }
  section.append(
    choice?.trusted
      ? button(doc, t('popup_untrust'), actions.untrust, off, 'untrust')
      : button(doc, t('popup_trust'), actions.trust, off, 'trust'),
    choice?.blocked
      ? button(doc, t('popup_unblock'), actions.unblock, off, 'unblock')
      : button(doc, t('popup_block'), actions.block, off, 'block'),
    choice?.paused
      ? button(doc, t('popup_resume'), () => actions.pause(false), off, 'resume')
      : button(doc, t('popup_pause'), () => actions.pause(true), off, 'pause'),
    button(doc, t('common_copy_report'), actions.copyReport, !state.site || state.provisional === true, 'copy-report'),
    button(doc, t('common_save_report'), actions.saveReport, !state.site || state.provisional === true, 'save-report'),
  );
  if (state.site) {
    // The site key in the Unicode form the name above shows (the popup bundles no punycode decoder).
    const shown = state.site.displayHost.split('.').slice(-labelCount(state.site.site)).join('.');
    const hint = choice?.paused ? t('popup_pause_hint_paused', shown) : t('popup_pause_hint', shown);
    const line = el(doc, 'p', { className: 'note pause-hint', text: hint });
    line.id = 'pause-hint';
    section.append(line);
    section.querySelector('#pause, #resume')?.setAttribute('aria-describedby', 'pause-hint');
  }
  return withNotice(doc, section, state);
}

/** Feedback after an action, at the end of the actions. */
function withNotice(doc: Document, section: HTMLElement, state: PopupState): HTMLElement {
  if (state.notice) {
    const notice = el(doc, 'p', { className: 'note', text: state.notice });
    notice.id = 'notice';
    notice.setAttribute('role', 'status');
    notice.style.flexBasis = '100%';
    section.append(notice);
  }
  return section;
}

function riskyItem(doc: Document, domain: RiskyDomain, reveal: (host: string) => void): HTMLLIElement {
  const item = el(doc, 'li');
  const control = el(doc, 'button');
  control.type = 'button';
  control.title = t('popup_reveal_title');
  const host = el(doc, 'span', { className: 'host' });
  renderName(host, domain.displayHost, domain.registrableDomain, []);
  const level = el(doc, 'span', { className: `level-${domain.level}`, text: levelWord(domain.level) });
  const facts = [categoryWord(domain.category), tCount('popup_link_count', domain.links)].filter(Boolean);
  control.append(host, level, el(doc, 'span', { className: 'meta', text: facts.join(' · ') }));
  control.addEventListener('click', () => reveal(domain.host));
  item.append(control);
  return item;
}

function linksSection(doc: Document, summary: PageSummary | null, actions: PopupActions, warned: boolean): HTMLElement {
  const section = el(doc, 'section', { className: 'links' });
  section.id = 'links';
  section.append(el(doc, 'h2', { text: t('popup_links_heading') }));
  if (!summary) {
    section.append(
      el(doc, 'p', {
        className: 'muted',
        text: warned ? t('popup_links_warned') : t('popup_links_none'),
      }),
    );
    return section;
  }
  const counts = el(doc, 'p', { className: 'counts' });
  counts.id = 'link-counts';
  const d = summary.domainsByLevel;
  for (const text of [
    tCount('popup_count_links', summary.links),
    tCount('popup_count_domains', summary.domains, tCount('popup_count_sites', summary.registrableDomains)),
    t('popup_count_dangerous', formatNumber(d.dangerous)),
    t('popup_count_suspicious', formatNumber(d.suspicious)),
    t('popup_count_safe', formatNumber(d.safe)),
    ...(d.unscorable + d.error > 0 ? [t('popup_count_not_scored', formatNumber(d.unscorable + d.error))] : []),
  ])
    counts.append(el(doc, 'span', { text }));
  section.append(counts);
  if (summary.paused) section.append(el(doc, 'p', { className: 'note', text: t('popup_links_paused') }));
  if (summary.refused > 0)
    section.append(el(doc, 'p', { className: 'note', text: tCount('popup_links_refused', summary.refused) }));
  if (summary.risky.length > 0) {
    const list = el(doc, 'ul', { className: 'risky' });
    list.id = 'risky-list';
    list.setAttribute('aria-label', t('popup_risky_label'));
    for (const domain of summary.risky) list.append(riskyItem(doc, domain, actions.reveal));
    section.append(list);
  }
  return section;
}

function statusSection(doc: Document, state: PopupState): HTMLElement {
  const footer = el(doc, 'section', { className: 'status' });
  footer.id = 'status';
  const { status, summary } = state;
  if (!status) footer.textContent = t('popup_status_starting');
  else if (status.state === 'error') {
    footer.classList.add('error');
    footer.textContent = t('popup_status_error', failureWordsFor('model-not-loaded'));
    // The loader's own words are English: a line for bug reports, not the sentence itself.
    if (status.error)
      footer.append(
        el(doc, 'span', { className: 'technical', text: ` ${t('common_technical_details', status.error)}` }),
      );
  } else if (status.state === 'loading') footer.textContent = t('popup_status_loading');
  else {
    const parts = [
      t('popup_status_model', status.modelVersion ?? '?'),
      t('popup_status_backend', status.backend ?? '?'),
    ];
    if (status.fallbackReason) parts.push(`(${status.fallbackReason})`);
    if (summary) parts.push(t('popup_status_scored', formatNumber(summary.scoringMs)));
    footer.textContent = parts.join(' · ');
  }
  return footer;
}

/** The links section last built, reused while its inputs are the same (a page's list can hold hundreds of rows). */
let lastLinks: {
  doc: Document;
  summary: PageSummary | null;
  warned: boolean;
  actions: PopupActions;
  node: HTMLElement;
} | null = null;

function linksFor(doc: Document, state: PopupState, actions: PopupActions): HTMLElement {
  const warned = state.warned === true;
  const last = lastLinks;
  if (last && last.doc === doc && last.summary === state.summary && last.warned === warned && last.actions === actions)
    return last.node;
  const node = linksSection(doc, state.summary, actions, warned);
  lastLinks = { doc, summary: state.summary, warned, actions, node };
  return node;
}

/**
 * Makes `root` the popup for `state`. A section kept from the last render stays where it is
 * (not detached and attached again), so an unchanged verdict costs nothing.
 */
export function renderPopup(doc: Document, root: HTMLElement, state: PopupState, actions: PopupActions): void {
  const sections = [
    siteSectionFor(doc, state),
    actionsSection(doc, state, actions),
    linksFor(doc, state, actions),
    statusSection(doc, state),
  ];
  sections.forEach((section, index) => {
    const current = root.children[index];
    if (current === section) return;
    if (current) current.replaceWith(section);
    else root.append(section);
  });
  while (root.children.length > sections.length) root.lastElementChild!.remove();
}
