/** Tiny DOM builders for the extension's pages: elements and text nodes only, never markup. */

export interface ElementProps {
  readonly className?: string;
  readonly text?: string;
  readonly id?: string;
}

/** An element with optional class, id, text and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: ElementProps = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.id !== undefined) node.id = props.id;
  if (props.text !== undefined) node.append(doc.createTextNode(props.text));
  node.append(...children);
  return node;
}

/** A `type=button` button that calls `onClick`. */
export function button(doc: Document, label: string, className: string, onClick: () => void): HTMLButtonElement {
  const node = el(doc, 'button', { className, text: label });
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}
