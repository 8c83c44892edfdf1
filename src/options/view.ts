/** Options page DOM (text nodes only): model status and the trusted-site list with Remove buttons. */
import { toDisplayHost } from '../core/display-host.js';
import type { ModelStatus } from '../core/messages.js';

function text(doc: Document, tag: string, value: string, className?: string): HTMLElement {
  const node = doc.createElement(tag);
  if (className !== undefined) node.className = className;
  node.append(doc.createTextNode(value));
  return node;
}

/** One line about the model: version and backend, or why it is not running. */
export function statusText(status: ModelStatus): string {
  if (status.state === 'loading') return 'The model is loading…';
  if (status.state === 'error') return `The model could not load (${status.error ?? 'unknown error'}); pages load unchecked.`;
  const backend = status.backend === 'wasm' ? 'WebAssembly' : `${status.backend ?? '?'} backend`;
  const fallback = status.fallbackReason === undefined ? '' : ` (fallback: ${status.fallbackReason})`;
  return `Model ${status.modelVersion ?? '?'} is running on ${backend}${fallback}.`;
}

/** Renders the trusted sites into `list`; each Remove button calls `onRemove(site)`. */
export function renderTrusted(doc: Document, list: HTMLElement, sites: readonly string[], onRemove: (site: string) => void): void {
  if (sites.length === 0) {
    list.replaceChildren(text(doc, 'li', 'No trusted sites. "Always trust" on a warning adds one here.', 'empty'));
    return;
  }
  list.replaceChildren(
    ...sites.map((site) => {
      const item = doc.createElement('li');
      item.dataset['site'] = site;
      const remove = doc.createElement('button');
      remove.type = 'button';
      remove.append(doc.createTextNode('Remove'));
      remove.setAttribute('aria-label', `Remove ${toDisplayHost(site)} from trusted sites`);
      remove.addEventListener('click', () => onRemove(site));
      item.append(text(doc, 'span', toDisplayHost(site), 'site'), remove);
      return item;
    }),
  );
}
