/**
 * Settings exported to and imported from a JSON file (options page). A file is accepted whole or
 * not at all: any problem refuses it with the reasons, and the current settings stay as they are.
 */
import { validateSettings, type Settings } from './settings.js';

export const SETTINGS_FILE_FORMAT = 'snowman-settings';
/** Larger than any valid file (3 lists of 10,000 names): anything bigger is not ours. */
export const MAX_SETTINGS_FILE_CHARS = 8_000_000;

export interface SettingsFile {
  readonly format: typeof SETTINGS_FILE_FORMAT;
  readonly formatVersion: 1;
  readonly exportedAt: string;
  readonly settings: Settings;
}

export type ParsedSettingsFile =
  { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly reasons: readonly string[] };

/** The export of `settings`. */
export function settingsFile(settings: Settings, now: Date = new Date()): SettingsFile {
  return { format: SETTINGS_FILE_FORMAT, formatVersion: 1, exportedAt: now.toISOString(), settings };
}

/** Checks an imported file's settings object: valid settings, or every reason it is refused. */
export function checkImportedSettings(value: unknown): ParsedSettingsFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reasons: ['the file holds no settings object'] };
  const { settings, problems } = validateSettings(value);
  return problems.length === 0 ? { ok: true, settings } : { ok: false, reasons: problems };
}

/** Parses a settings file's text. Never throws. */
export function parseSettingsFile(text: string): ParsedSettingsFile {
  if (text.length > MAX_SETTINGS_FILE_CHARS)
    return { ok: false, reasons: [`the file is larger than ${MAX_SETTINGS_FILE_CHARS} characters`] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reasons: [`the file is not JSON (${error instanceof Error ? error.message : 'unreadable'})`] };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== SETTINGS_FILE_FORMAT)
    return { ok: false, reasons: ['the file is not a Snowman settings export'] };
  if ((data as { formatVersion?: unknown }).formatVersion !== 1)
    return { ok: false, reasons: ['the file was written by a newer Snowman (format version not 1)'] };
  return checkImportedSettings((data as { settings?: unknown }).settings);
}
