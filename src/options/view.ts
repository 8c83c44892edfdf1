/** Options page DOM (text nodes only): the model status line and the versions list. */
import type { ModelStatus } from '../core/messages.js';
import { el } from '../ui/dom.js';

/** One line about the model: version and backend, or why it is not running. */
export function statusText(status: ModelStatus): string {
  if (status.state === 'loading') return 'The model is loading…';
  if (status.state === 'error')
    return `The model could not load (${status.error ?? 'unknown error'}); pages load unchecked.`;
  const backend = status.backend === 'wasm' ? 'WebAssembly' : `${status.backend ?? '?'} backend`;
  const fallback = status.fallbackReason === undefined ? '' : ` (fallback: ${status.fallbackReason})`;
  return `Model ${status.modelVersion ?? '?'} is running on ${backend}${fallback}.`;
}

/** Fills the versions list: extension, model, settings schema and threat lists (none until lists are installed). */
export function renderVersions(
  doc: Document,
  list: HTMLElement,
  versions: {
    extension: string;
    model: string | null;
    settingsSchema: number;
    lists: readonly { name: string; version: string }[];
  },
): void {
  const rows: [string, string][] = [
    ['Extension', versions.extension],
    ['Model', versions.model ?? 'not loaded'],
    [
      'Threat lists',
      versions.lists.length === 0 ? 'none installed' : versions.lists.map((l) => `${l.name} ${l.version}`).join(', '),
    ],
    ['Settings format', String(versions.settingsSchema)],
  ];
  list.replaceChildren(
    ...rows.flatMap(([term, value]) => [el(doc, 'dt', { text: term }), el(doc, 'dd', { text: value })]),
  );
}
