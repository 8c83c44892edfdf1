/** Why a settings file was refused, in the user's language (the reasons' English text goes to the console). */
import type { FileRefusal } from '../core/settings-file.js';
import { t } from '../platform/i18n.js';

/** One reason, worded to go inside options_import_refused. */
export function refusalWords(reason: FileRefusal): string {
  switch (reason.code) {
    case 'too-large':
      return t('options_refused_too_large');
    case 'not-json':
      return t('options_refused_not_json');
    case 'not-export':
      return t('options_refused_not_export');
    case 'newer-format':
      return t('options_refused_newer');
    case 'wrong-shape':
      return t('options_refused_wrong_shape', reason.field);
    case 'bad-site':
      return t('options_refused_bad_site', reason.site, reason.field);
  }
}
