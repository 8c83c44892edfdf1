/** "Report a mistake": the local JSON report to read, copy or save. Nothing leaves the browser. */
import { button, el } from '../ui/dom.js';

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
  box.setAttribute('aria-label', 'Report contents');
  const copy = button(doc, 'Copy report', 'secondary copy-report', () => {
    actions.copyReport(text).then(
      () => say('Copied. Nothing was sent anywhere: paste it wherever you report the mistake.'),
      () => say('The browser did not allow copying. Use Save report instead.'),
    );
  });
  const save = button(doc, 'Save report', 'secondary save-report', () => {
    actions.saveReport(fileName, text);
    say(`Saved as ${fileName}. Nothing was sent anywhere.`);
  });
  return el(
    doc,
    'details',
    { className: 'report' },
    el(doc, 'summary', { text: 'Report a mistake' }),
    el(doc, 'p', {
      className: 'note',
      text: 'If this site is safe, this report helps fix the mistake. It holds the site name, the verdict and its reasons, and the model and list versions — never the full address or anything you typed. Snowman sends nothing by itself.',
    }),
    box,
    el(doc, 'div', { className: 'report-actions' }, copy, save),
    status,
  );
}
