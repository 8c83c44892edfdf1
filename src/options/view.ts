/** Options page DOM (text nodes only): the model status line and the versions list. */
import type { ModelStatus } from '../core/messages.js';
import { el } from '../ui/dom.js';
import { failureWordsFor } from '../ui/failure-words.js';
import { t } from '../platform/i18n.js';

/** One sentence about the model in the reader's language: version and backend, or that it is not running. */
export function statusText(status: ModelStatus): string {
  if (status.state === 'loading') return t('options_status_loading');
  if (status.state === 'error') return t('options_status_error', failureWordsFor('model-not-loaded'));
  const backend = status.backend === 'wasm' ? 'WebAssembly' : t('options_status_backend', status.backend ?? '?');
  const version = status.modelVersion ?? '?';
  return status.fallbackReason === undefined
    ? t('options_status_running', version, backend)
    : t('options_status_running_fallback', version, backend, status.fallbackReason);
}

/**
 * Fills the status line: the sentence, and for a model that failed to load the loader's own
 * (English) reason on a "Technical details" line, for bug reports rather than for reading.
 */
export function renderStatus(doc: Document, line: HTMLElement, status: ModelStatus): void {
  line.replaceChildren(doc.createTextNode(statusText(status)));
  if (status.state === 'error' && status.error)
    line.append(el(doc, 'span', { className: 'technical', text: ` ${t('common_technical_details', status.error)}` }));
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
    [t('options_version_extension'), versions.extension],
    [t('options_version_model'), versions.model ?? t('common_model_not_loaded')],
    [
      t('options_version_lists'),
      versions.lists.length === 0
        ? t('options_version_lists_none')
        : versions.lists.map((l) => `${l.name} ${l.version}`).join(', '),
    ],
    [t('options_version_settings'), String(versions.settingsSchema)],
  ];
  list.replaceChildren(
    ...rows.flatMap(([term, value]) => [el(doc, 'dt', { text: term }), el(doc, 'dd', { text: value })]),
  );
}
