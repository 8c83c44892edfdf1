/** "Report a mistake": the local JSON report to read, copy or save. Nothing leaves the browser. */
import { button, el } from '../ui/dom.js';
import { t } from '../platform/i18n.js';

export interface ReportActions {
  copyReport(text: string): Promise<void>;
  saveReport(fileName: string, text: string): void;
}

/** The collapsed "Report a mistake" panel holding `text`. */
export function renderReportPanel(
  doc: Document,
  text: string,
  fileName: string,
  actions: ReportActions,
): HTMLDetailsElement {
  const status = el(doc, 'p', { className: 'report-status' });
  status.setAttribute('role', 'status');
  const say = (message: string) => status.replaceChildren(doc.createTextNode(message));
  const box = el(doc, 'textarea', { className: 'report-text' });
  box.readOnly = true;
  box.rows = 8;
  box.value = text;
  box.setAttribute('aria-label', t('warning_report_contents'));
  const copy = button(doc, t('common_copy_report'), 'secondary copy-report', () => {
    actions.copyReport(text).then(
      () => say(t('warning_report_copied')),
      () => say(t('warning_report_copy_refused')),
    );
  });
  const save = button(doc, t('common_save_report'), 'secondary save-report', () => {
    actions.saveReport(fileName, text);
    say(t('warning_report_saved', fileName));
  });
  return el(
    doc,
    'details',
    { className: 'report' },
    el(doc, 'summary', { text: t('warning_report_mistake') }),
    el(doc, 'p', { className: 'note', text: t('warning_report_note') }),
    box,
    el(doc, 'div', { className: 'report-actions' }, copy, save),
    status,
  );
}
