/**
 * What went wrong, in the user's language: a failure's code (core/failure.ts) worded from the
 * catalogue, to go inside a page's sentence ("That did not work: …"). The error's own English
 * text is for the console and a "technical details" line only.
 */
import { failureCode, type FailureCode } from '../core/failure.js';
import { t, type MessageKey } from '../platform/i18n.js';

const FAILURE_KEYS: Readonly<Record<FailureCode, MessageKey>> = {
  'no-background': 'common_failure_no_background',
  'model-not-loaded': 'common_failure_model_not_loaded',
  'storage-full': 'common_failure_storage_full',
  'settings-refused': 'common_failure_settings_refused',
  'not-web-address': 'common_failure_not_web_address',
  'not-issued': 'common_failure_not_issued',
  refused: 'common_failure_refused',
  internal: 'common_failure_internal',
};

/** The words for a failure `code`. */
export function failureWordsFor(code: FailureCode): string {
  return t(FAILURE_KEYS[code]);
}

/** The words for any caught value (a request's MessageError carries the background's code). */
export function failureWords(error: unknown): string {
  return failureWordsFor(failureCode(error));
}
