/**
 * Options page section: the block list and the trust list the user imported from files — how many
 * hosts each holds and how the block list is enforced, the hosts themselves behind a disclosure,
 * Import and Clear, and the last import's report (bad lines by number). DOM from text nodes only.
 */
import { toDisplayHost } from '../core/display-host.js';
import type { BadLine } from '../core/host-list-file.js';
import type { HostListImport, HostListKind, HostListsView } from '../core/host-list-shapes.js';
import { button, el } from '../ui/dom.js';
import { formatDate, formatNumber, t, tCount, type MessageKey } from '../platform/i18n.js';

const n = (count: number): string => formatNumber(count);

/** Every string this section shows, per list where it differs. */
const WORDS = {
  title: { block: 'options_lists_block_title', trust: 'options_lists_trust_title' },
  empty: { block: 'options_lists_block_empty', trust: 'options_lists_trust_empty' },
  importLabel: { block: 'options_lists_block_import', trust: 'options_lists_trust_import' },
  clear: { block: 'options_lists_block_clear', trust: 'options_lists_trust_clear' },
} satisfies Record<string, Record<HostListKind, MessageKey>>;

function sourceText(file: string | null, date: string | null): string {
  const day = date === null ? '' : formatDate(date);
  if (file === null)
    return day === '' ? t('options_lists_source_unknown') : t('options_lists_source_unknown_date', day);
  return day === '' ? t('options_lists_source', file) : t('options_lists_source_date', file, day);
}

function badLineText(bad: BadLine): string {
  return t('options_lists_bad_line', n(bad.line), bad.text, bad.problem);
}

export interface HostListActions {
  importFile(list: HostListKind, file: File): void;
  clear(list: HostListKind): void;
}

function enforcementText(view: HostListsView): string {
  const { browserRules, browser, worker } = view.enforcement;
  if (!browserRules) return t('options_lists_all_by_worker', n(view.block.count));
  return worker === 0 ? t('options_lists_all_by_browser', n(browser)) : t('options_lists_split', n(browser), n(worker));
}

function listPart(doc: Document, kind: HostListKind, view: HostListsView, actions: HostListActions): HTMLElement {
  const list = view[kind];
  const part = el(doc, 'div', { className: 'host-list', id: `host-list-${kind}` });
  part.append(el(doc, 'h3', { text: `${t(WORDS.title[kind])} (${n(list.count)})` }));
  if (list.count === 0) part.append(el(doc, 'p', { className: 'hint empty', text: t(WORDS.empty[kind]) }));
  else {
    const how = kind === 'block' ? enforcementText(view) : tCount('options_lists_trusted', list.count);
    part.append(
      el(doc, 'p', { className: 'enforcement', text: how }),
      el(doc, 'p', { className: 'hint', text: sourceText(list.fileName, list.importedAt) }),
    );
    const hosts = el(doc, 'ul', { className: 'sites' });
    hosts.append(...list.hosts.map((host) => el(doc, 'li', { className: 'site', text: toDisplayHost(host) })));
    if (list.count > list.hosts.length)
      hosts.append(el(doc, 'li', { text: t('options_lists_more', n(list.count - list.hosts.length)) }));
    part.append(el(doc, 'details', {}, el(doc, 'summary', { text: t('options_lists_show') }), hosts));
  }
  const input = el(doc, 'input', { id: `import-${kind}-list` });
  input.type = 'file';
  input.accept = '.txt,.list,.hosts,text/plain';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) actions.importFile(kind, file);
  });
  const label = el(doc, 'label', { className: 'file-button', text: t(WORDS.importLabel[kind]) });
  label.htmlFor = input.id;
  const row = el(doc, 'div', { className: 'row' }, input, label);
  if (list.count > 0) row.append(button(doc, t(WORDS.clear[kind]), 'clear', () => actions.clear(kind)));
  part.append(row, el(doc, 'div', { className: 'import-report', id: `host-list-${kind}-report` }));
  part.querySelector('.import-report')!.setAttribute('role', 'status');
  return part;
}

/** Builds the section for `view`. */
export function renderHostListsSection(doc: Document, view: HostListsView, actions: HostListActions): HTMLElement {
  const heading = el(doc, 'h2', { id: 'host-lists-heading', text: t('options_lists_heading') });
  const section = el(doc, 'section', { className: 'host-lists' }, heading);
  section.setAttribute('aria-labelledby', heading.id);
  section.append(
    el(doc, 'p', { className: 'hint', text: t('options_lists_hint') }),
    listPart(doc, 'block', view, actions),
    listPart(doc, 'trust', view, actions),
  );
  return section;
}

/** Fills `target` (a list's report area) with what an import kept and every bad line it reports. */
export function showImportReport(doc: Document, target: HTMLElement, report: HostListImport, fileName: string): void {
  const parts: HTMLElement[] = [el(doc, 'p', { text: tCount('options_lists_imported', report.kept, fileName) })];
  if (report.badCount === 0) parts.push(el(doc, 'p', { className: 'hint', text: t('options_lists_no_bad') }));
  else {
    const lines = el(doc, 'ul', { className: 'bad-lines' });
    lines.append(...report.bad.map((bad) => el(doc, 'li', { text: badLineText(bad) })));
    if (report.badCount > report.bad.length)
      lines.append(el(doc, 'li', { text: t('options_lists_bad_more', n(report.badCount - report.bad.length)) }));
    parts.push(el(doc, 'p', { text: tCount('options_lists_bad', report.badCount) }), lines);
  }
  target.replaceChildren(...parts);
}
