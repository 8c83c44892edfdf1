/**
 * Options page section: the block list and the trust list the user imported from files — how many
 * hosts each holds and how the block list is enforced, the hosts themselves behind a disclosure,
 * Import and Clear, and the last import's report (bad lines by number). DOM from text nodes only.
 */
import { toDisplayHost } from '../core/display-host.js';
import type { BadLine } from '../core/host-list-file.js';
import type { HostListImport, HostListKind, HostListsView } from '../core/host-list-shapes.js';
import { button, el } from '../ui/dom.js';

const n = (count: number): string => count.toLocaleString('en');

/** Every string this section shows. */
const WORDS = {
  heading: 'Imported lists',
  hint: 'A text file with one host per line; lines starting with # are comments, and hosts-file lines ("0.0.0.0 host") work too. A host covers its sub-domains. Importing replaces that list.',
  title: { block: 'Block list', trust: 'Trust list' } satisfies Record<HostListKind, string>,
  empty: {
    block: 'No block list. Sites on it are always stopped with a warning.',
    trust: 'No trust list. Sites on it are never stopped, even when a known-threat list names them.',
  } satisfies Record<HostListKind, string>,
  importLabel: { block: 'Import a block list…', trust: 'Import a trust list…' } satisfies Record<HostListKind, string>,
  clear: { block: 'Clear the block list', trust: 'Clear the trust list' } satisfies Record<HostListKind, string>,
  show: 'Show the hosts',
  more: (count: number) => `…and ${n(count)} more`,
  source: (file: string | null, date: string | null) =>
    `From ${file ?? 'a file'}${date === null ? '' : `, imported ${date.slice(0, 10)}`}.`,
  allByBrowser: (count: number) =>
    `All ${n(count)} are stopped by the browser's own rules, before any request, even while Snowman's background is stopped.`,
  split: (browser: number, worker: number) =>
    `${n(browser)} are stopped by the browser's own rules, before any request; the other ${n(worker)} by Snowman's check when a page opens them (the browser's rule budget is full).`,
  allByWorker: (count: number) => `All ${n(count)} are checked by Snowman before any request is sent.`,
  trusted: (count: number) => `${n(count)} hosts are never stopped.`,
  imported: (kept: number, file: string) => `Imported ${n(kept)} hosts from ${file}.`,
  noBad: 'Every line was used.',
  bad: (count: number) => `${n(count)} ${count === 1 ? 'line was' : 'lines were'} not used:`,
  badLine: (bad: BadLine) => `line ${bad.line}: "${bad.text}" — ${bad.problem}`,
  badMore: (count: number) => `…and ${n(count)} more lines not used.`,
};

export interface HostListActions {
  importFile(list: HostListKind, file: File): void;
  clear(list: HostListKind): void;
}

function enforcementText(view: HostListsView): string {
  const { browserRules, browser, worker } = view.enforcement;
  if (!browserRules) return WORDS.allByWorker(view.block.count);
  return worker === 0 ? WORDS.allByBrowser(browser) : WORDS.split(browser, worker);
}

function listPart(doc: Document, kind: HostListKind, view: HostListsView, actions: HostListActions): HTMLElement {
  const list = view[kind];
  const part = el(doc, 'div', { className: 'host-list', id: `host-list-${kind}` });
  part.append(el(doc, 'h3', { text: `${WORDS.title[kind]} (${n(list.count)})` }));
  if (list.count === 0) part.append(el(doc, 'p', { className: 'hint empty', text: WORDS.empty[kind] }));
  else {
    const how = kind === 'block' ? enforcementText(view) : WORDS.trusted(list.count);
    part.append(
      el(doc, 'p', { className: 'enforcement', text: how }),
      el(doc, 'p', { className: 'hint', text: WORDS.source(list.fileName, list.importedAt) }),
    );
    const hosts = el(doc, 'ul', { className: 'sites' });
    hosts.append(...list.hosts.map((host) => el(doc, 'li', { className: 'site', text: toDisplayHost(host) })));
    if (list.count > list.hosts.length)
      hosts.append(el(doc, 'li', { text: WORDS.more(list.count - list.hosts.length) }));
    part.append(el(doc, 'details', {}, el(doc, 'summary', { text: WORDS.show }), hosts));
  }
  const input = el(doc, 'input', { id: `import-${kind}-list` });
  input.type = 'file';
  input.accept = '.txt,.list,.hosts,text/plain';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) actions.importFile(kind, file);
  });
  const label = el(doc, 'label', { className: 'file-button', text: WORDS.importLabel[kind] });
  label.htmlFor = input.id;
  const row = el(doc, 'div', { className: 'row' }, input, label);
  if (list.count > 0) row.append(button(doc, WORDS.clear[kind], 'clear', () => actions.clear(kind)));
  part.append(row, el(doc, 'div', { className: 'import-report', id: `host-list-${kind}-report` }));
  part.querySelector('.import-report')!.setAttribute('role', 'status');
  return part;
}

/** Builds the section for `view`. */
export function renderHostListsSection(doc: Document, view: HostListsView, actions: HostListActions): HTMLElement {
  const heading = el(doc, 'h2', { id: 'host-lists-heading', text: WORDS.heading });
  const section = el(doc, 'section', { className: 'host-lists' }, heading);
  section.setAttribute('aria-labelledby', heading.id);
  section.append(
    el(doc, 'p', { className: 'hint', text: WORDS.hint }),
    listPart(doc, 'block', view, actions),
    listPart(doc, 'trust', view, actions),
  );
  return section;
}

/** Fills `target` (a list's report area) with what an import kept and every bad line it reports. */
export function showImportReport(doc: Document, target: HTMLElement, report: HostListImport, fileName: string): void {
  const parts: HTMLElement[] = [el(doc, 'p', { text: WORDS.imported(report.kept, fileName) })];
  if (report.badCount === 0) parts.push(el(doc, 'p', { className: 'hint', text: WORDS.noBad }));
  else {
    const lines = el(doc, 'ul', { className: 'bad-lines' });
    lines.append(...report.bad.map((bad) => el(doc, 'li', { text: WORDS.badLine(bad) })));
    if (report.badCount > report.bad.length)
      lines.append(el(doc, 'li', { text: WORDS.badMore(report.badCount - report.bad.length) }));
    parts.push(el(doc, 'p', { text: WORDS.bad(report.badCount) }), lines);
  }
  target.replaceChildren(...parts);
}
