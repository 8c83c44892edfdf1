/**
 * The static text of a page's HTML, in the reader's language: every element marked
 * `data-i18n="key"` gets the message as its text (`data-i18n-attr="aria-label"` puts it in that
 * attribute instead), and `<html lang>` names the language the page now reads in.
 */
import { pageLanguage, t, type MessageKey } from '../platform/i18n.js';

/** Fills the marked elements of `doc`; run first thing, before the page's script renders anything. */
export function localizePage(doc: Document): void {
  // Only what differs is written: a page already in the reader's language is left untouched, so
  // localizing costs it no style or layout work before its first real render.
  const language = pageLanguage();
  if (doc.documentElement.lang !== language) doc.documentElement.lang = language;
  for (const node of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = t(node.dataset['i18n'] as MessageKey);
    const attribute = node.dataset['i18nAttr'];
    if (attribute) {
      if (node.getAttribute(attribute) !== text) node.setAttribute(attribute, text);
    } else if (node.textContent !== text) node.textContent = text;
  }
}
