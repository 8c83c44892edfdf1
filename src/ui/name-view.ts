/**
 * A host name rendered for people: Unicode, the registrable domain in <strong>, the characters
 * that drove the score in <mark>. Shared by the popup and the link tooltips (and usable by the
 * warning page); built from elements and text nodes only, never markup.
 */
import { labelCount, nameSegments } from '../core/name-segments.js';
import type { Span } from '../core/explain.js';

/** Appends the segments of `displayHost` to `container` (which it empties first). */
export function renderName(
  container: Element,
  displayHost: string,
  registrableDomain: string | null,
  spans: readonly Span[],
): void {
  const doc = container.ownerDocument;
  container.replaceChildren();
  // The registrable domain arrives in ASCII; its label count is what matters for the Unicode form.
  for (const segment of nameSegments(displayHost, labelCount(registrableDomain), spans)) {
    let node: Node = doc.createTextNode(segment.text);
    if (segment.highlighted) {
      const mark = doc.createElement('mark');
      mark.append(node);
      node = mark;
    }
    if (segment.registrable) {
      const strong = doc.createElement('strong');
      strong.append(node);
      node = strong;
    }
    container.append(node);
  }
}
