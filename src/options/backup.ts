/** Export and import of the settings as a JSON file; a refused file says why and changes nothing. */
import { parseSettingsFile, settingsFile } from '../core/settings-file.js';
import type { Settings } from '../core/settings.js';
import type { Sensitivity } from '../core/sensitivity.js';
import { formatNumber, t, tCount, type MessageKey } from '../platform/i18n.js';
import { failureWords } from '../ui/failure-words.js';
import { refusalWords } from './refusal-words.js';

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

/** "block list a.txt (3 hosts), trust list b.txt (1 host)" for the lists a file carried; null when none. */
function restoredLists(hostLists: ExportedHostLists): string | null {
  const names = [
    ...(hostLists.block
      ? [tCount('options_backup_block_list', hostLists.block.hosts.length, hostLists.block.fileName)]
      : []),
    ...(hostLists.trust
      ? [tCount('options_backup_trust_list', hostLists.trust.hosts.length, hostLists.trust.fileName)]
      : []),
  ];
  return names.length === 0 ? null : names.join(', ');
}

/** Shown reasons a refused file gets; the sentence counts the rest. */
const SHOWN_REASONS = 3;

/** "File refused, nothing changed: …" naming the first reasons (worded), and how many more there were. */
function refusal(reasons: readonly string[]): string {
  const shown = reasons.slice(0, SHOWN_REASONS).join('; ');
  const more = reasons.length - SHOWN_REASONS;
  return more > 0 ? tCount('options_import_refused_more', more, shown) : t('options_import_refused', shown);
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
  if (!parsed.ok) {
    console.warn('[snowman] settings file refused:', parsed.reasons.map((r) => r.text).join('; '));
    return { ok: false, message: refusal(parsed.reasons.map(refusalWords)) };
  }
  try {
    const applied = await apply(parsed.settings, parsed.hostLists);
    const counts = [
      formatNumber(applied.trustedSites.length),
      formatNumber(applied.blockedSites.length),
      formatNumber(applied.pausedSites.length),
      t(SENSITIVITY_KEYS[applied.sensitivity]),
    ];
    const lists = restoredLists(parsed.hostLists);
    // One sentence a case: languages order the parts differently, so they are never glued together here.
    return {
      ok: true,
      message:
        lists === null ? t('options_import_done', ...counts) : t('options_import_done_with_lists', ...counts, lists),
    };
  } catch (error) {
    console.warn('[snowman] importing settings:', error);
    return { ok: false, message: refusal([failureWords(error)]) };
  }
}
