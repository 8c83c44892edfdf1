/** Export and import of the settings as a JSON file; a refused file says why and changes nothing. */
import { parseSettingsFile, settingsFile } from '../core/settings-file.js';
import type { Settings } from '../core/settings.js';

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
      message: `File refused, nothing changed: ${parsed.reasons.slice(0, 3).join('; ')}${parsed.reasons.length > 3 ? ` (and ${parsed.reasons.length - 3} more)` : ''}.`,
    };
  try {
    const applied = await apply(parsed.settings);
    return {
      ok: true,
      message: `Imported: ${applied.trustedSites.length} trusted, ${applied.blockedSites.length} blocked, ${applied.pausedSites.length} paused sites; sensitivity ${applied.sensitivity}.`,
    };
  } catch (error) {
    return {
      ok: false,
      message: `File refused, nothing changed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
