/** Export and import of the settings as a JSON file; a refused file says why and changes nothing. */
import { parseSettingsFile, settingsFile } from '../core/settings-file.js';
import type { Settings } from '../core/settings.js';
import type { Sensitivity } from '../core/sensitivity.js';
import { formatNumber, t, tCount, type MessageKey } from '../platform/i18n.js';

const SENSITIVITY_KEYS: Readonly<Record<Sensitivity, MessageKey>> = {
  relaxed: 'options_sensitivity_word_relaxed',
  balanced: 'options_sensitivity_word_balanced',
  strict: 'options_sensitivity_word_strict',
};
import type { ExportedHostLists } from '../core/exported-host-lists.js';

/** The export file's text and name: the settings and the imported lists. */
export function exportSettings(
  settings: Settings,
  now: Date = new Date(),
  hostLists: ExportedHostLists = {},
): { fileName: string; text: string } {
  return {
    fileName: `snowman-settings-${now.toISOString().slice(0, 10)}.json`,
    text: `${JSON.stringify(settingsFile(settings, now, hostLists), null, 2)}\n`,
  };
}

/** "Also restored: block list a.txt (3 hosts)." for the lists a file carried; '' when none. */
function restoredLists(hostLists: ExportedHostLists): string {
  const names = [
    ...(hostLists.block
      ? [tCount('options_backup_block_list', hostLists.block.hosts.length, hostLists.block.fileName)]
      : []),
    ...(hostLists.trust
      ? [tCount('options_backup_trust_list', hostLists.trust.hosts.length, hostLists.trust.fileName)]
      : []),
  ];
  return names.length === 0 ? '' : ` ${t('options_backup_lists_restored', names.join(', '))}`;
}

/**
 * Reads an imported file and hands valid settings to `apply` (the background checks them again);
 * resolves with the line to show the user.
 */
export async function importSettings(
  text: string,
  apply: (settings: Settings, hostLists: ExportedHostLists) => Promise<Settings>,
): Promise<{ ok: boolean; message: string }> {
  const parsed = parseSettingsFile(text);
  if (!parsed.ok)
    return {
      ok: false,
      message: `${t('options_import_refused', parsed.reasons.slice(0, 3).join('; '))}${parsed.reasons.length > 3 ? ` ${t('options_import_refused_more', formatNumber(parsed.reasons.length - 3))}` : ''}.`,
    };
  try {
    const applied = await apply(parsed.settings, parsed.hostLists);
    return {
      ok: true,
      message:
        t(
          'options_import_done',
          formatNumber(applied.trustedSites.length),
          formatNumber(applied.blockedSites.length),
          formatNumber(applied.pausedSites.length),
          t(SENSITIVITY_KEYS[applied.sensitivity]),
        ) + restoredLists(parsed.hostLists),
    };
  } catch (error) {
    return {
      ok: false,
      message: t('options_import_refused', error instanceof Error ? error.message : String(error)),
    };
  }
}
