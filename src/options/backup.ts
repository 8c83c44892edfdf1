/** Export and import of the settings as a JSON file; a refused file says why and changes nothing. */
import { parseSettingsFile, settingsFile } from '../core/settings-file.js';
import type { Settings } from '../core/settings.js';
import type { Sensitivity } from '../core/sensitivity.js';
import { formatNumber, t, type MessageKey } from '../platform/i18n.js';

const SENSITIVITY_KEYS: Readonly<Record<Sensitivity, MessageKey>> = {
  relaxed: 'options_sensitivity_word_relaxed',
  balanced: 'options_sensitivity_word_balanced',
  strict: 'options_sensitivity_word_strict',
};

/** The export file's text and name. */
export function exportSettings(settings: Settings, now: Date = new Date()): { fileName: string; text: string } {
  return {
    fileName: `snowman-settings-${now.toISOString().slice(0, 10)}.json`,
    text: `${JSON.stringify(settingsFile(settings, now), null, 2)}\n`,
  };
}

/**
 * Reads an imported file and hands valid settings to `apply` (the background checks them again);
 * resolves with the line to show the user.
 */
export async function importSettings(
  text: string,
  apply: (settings: Settings) => Promise<Settings>,
): Promise<{ ok: boolean; message: string }> {
  const parsed = parseSettingsFile(text);
  if (!parsed.ok)
    return {
      ok: false,
      message: `${t('options_import_refused', parsed.reasons.slice(0, 3).join('; '))}${parsed.reasons.length > 3 ? ` ${t('options_import_refused_more', formatNumber(parsed.reasons.length - 3))}` : ''}.`,
    };
  try {
    const applied = await apply(parsed.settings);
    return {
      ok: true,
      message: t(
        'options_import_done',
        formatNumber(applied.trustedSites.length),
        formatNumber(applied.blockedSites.length),
        formatNumber(applied.pausedSites.length),
        t(SENSITIVITY_KEYS[applied.sensitivity]),
      ),
    };
  } catch (error) {
    return {
      ok: false,
      message: t('options_import_refused', error instanceof Error ? error.message : String(error)),
    };
  }
}
