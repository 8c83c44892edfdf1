/**
 * Settings exported to and imported from a JSON file (options page). A file is accepted whole or
 * not at all: any problem refuses it with the reasons, and the current settings stay as they are.
 */
import { checkExportedHostLists, type ExportedHostLists } from './exported-host-lists.js';
import { validateSettings, type Settings } from './settings.js';

export const SETTINGS_FILE_FORMAT = 'snowman-settings';
/** Larger than any valid file (3 lists of 10,000 names, 2 imported lists of 100,000 hosts): anything bigger is not ours. */
export const MAX_SETTINGS_FILE_CHARS = 64_000_000;

export interface SettingsFile {
  readonly format: typeof SETTINGS_FILE_FORMAT;
  readonly formatVersion: 1;
  readonly exportedAt: string;
  readonly settings: Settings;
  /** The block and trust lists the user imported; absent in files from before they were exported. */
  readonly hostLists?: ExportedHostLists;
}

/** Why a file is refused, as the options page words it; `text` is the English for logs. */
export type FileRefusal =
  | { readonly code: 'too-large' | 'not-json' | 'not-export' | 'newer-format'; readonly text: string }
  /** A field (or the settings object, or the imported lists) missing or not of the form Snowman writes. */
  | { readonly code: 'wrong-shape'; readonly field: string; readonly text: string }
  /** A list entry that is not a site name, named. */
  | { readonly code: 'bad-site'; readonly field: string; readonly site: string; readonly text: string };

export type ParsedSettingsFile =
  | { readonly ok: true; readonly settings: Settings; readonly hostLists: ExportedHostLists }
  | { readonly ok: false; readonly reasons: readonly FileRefusal[] };

/** The export of `settings` and the imported lists. */
export function settingsFile(
  settings: Settings,
  now: Date = new Date(),
  hostLists: ExportedHostLists = {},
): SettingsFile {
  return { format: SETTINGS_FILE_FORMAT, formatVersion: 1, exportedAt: now.toISOString(), settings, hostLists };
}

/** Checks an imported file's settings object: valid settings, or every reason it is refused. */
export function checkImportedSettings(
  value: unknown,
):
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly reasons: readonly FileRefusal[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      reasons: [{ code: 'wrong-shape', field: 'settings', text: 'the file holds no settings object' }],
    };
  const { settings, problems, issues } = validateSettings(value);
  if (problems.length === 0) return { ok: true, settings };
  const reasons = issues.map(({ field, entry }, i): FileRefusal => {
    const text = problems[i]!;
    return entry === undefined ? { code: 'wrong-shape', field, text } : { code: 'bad-site', field, site: entry, text };
  });
  return { ok: false, reasons };
}

/** The imported lists' reasons: each a shape the options page words as the lists being malformed. */
const listRefusals = (reasons: readonly string[]): FileRefusal[] =>
  reasons.map((text) => ({ code: 'wrong-shape', field: 'hostLists', text }));

/** Parses a settings file's text. Never throws. */
export function parseSettingsFile(text: string): ParsedSettingsFile {
  if (text.length > MAX_SETTINGS_FILE_CHARS)
    return {
      ok: false,
      reasons: [{ code: 'too-large', text: `the file is larger than ${MAX_SETTINGS_FILE_CHARS} characters` }],
    };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reasons: [
        { code: 'not-json', text: `the file is not JSON (${error instanceof Error ? error.message : 'unreadable'})` },
      ],
    };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== SETTINGS_FILE_FORMAT)
    return { ok: false, reasons: [{ code: 'not-export', text: 'the file is not a Snowman settings export' }] };
  if ((data as { formatVersion?: unknown }).formatVersion !== 1)
    return {
      ok: false,
      reasons: [{ code: 'newer-format', text: 'the file was written by a newer Snowman (format version not 1)' }],
    };
  const settings = checkImportedSettings((data as { settings?: unknown }).settings);
  const hostLists = checkExportedHostLists((data as { hostLists?: unknown }).hostLists);
  const reasons = [...(settings.ok ? [] : settings.reasons), ...(hostLists.ok ? [] : listRefusals(hostLists.reasons))];
  return settings.ok && hostLists.ok
    ? { ok: true, settings: settings.settings, hostLists: hostLists.lists }
    : { ok: false, reasons };
}
