/**
 * User settings: typed defaults, validated on every read, migrated by a schema version
 * (STYLE rule 5). Storage comes in as an argument, so this runs in Node tests unchanged.
 */
import { DEFAULT_SENSITIVITY, isSensitivity, type Sensitivity } from './sensitivity.js';

export const SETTINGS_SCHEMA_VERSION = 4;
/** More trusted sites than this is a bug or an attack on storage, not a user. */
export const MAX_TRUSTED_SITES = 10_000;

export interface Settings {
  readonly schemaVersion: typeof SETTINGS_SCHEMA_VERSION;
  /** Sites (registrable domains, or hosts without one) the user chose to always trust, sorted. */
  readonly trustedSites: readonly string[];
  /** Sites the user blocked (treated as dangerous), sorted. Since schema 2. */
  readonly blockedSites: readonly string[];
  /** Sites where the user paused protection (never interrupted, links not badged), sorted. Since schema 2. */
  readonly pausedSites: readonly string[];
  /** How readily Snowman warns (core/sensitivity.ts). Since schema 3. */
  readonly sensitivity: Sensitivity;
  /** Mark risky links on pages. Since schema 3. */
  readonly linkBadges: boolean;
  /**
   * Strict first-visit mode (Chrome): a top-level GET to a site not yet judged this session waits on
   * the extension's checking page until judged, so no request reaches it first. Since schema 4.
   */
  readonly strictFirstVisit: boolean;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  trustedSites: Object.freeze([]),
  blockedSites: Object.freeze([]),
  pausedSites: Object.freeze([]),
  sensitivity: DEFAULT_SENSITIVITY,
  linkBadges: true,
  strictFirstVisit: false,
});

/** Where settings live: storage.local in the extension, a Map in tests. */
export interface SettingsStore {
  load(): Promise<unknown>;
  save(settings: Settings): Promise<void>;
}

export interface ValidatedSettings {
  readonly settings: Settings;
  /** What was dropped or repaired, in English for the logs; empty for clean input. */
  readonly problems: readonly string[];
  /** The same, one each, as the options page words them. */
  readonly issues: readonly SettingsIssue[];
}

/** One thing validation fixed: the field, and the entry it dropped when that was a bad site name. */
export interface SettingsIssue {
  readonly field: string;
  readonly entry?: string;
}

/** What validation found: the English text and the issue, side by side. */
type Found = { text: string; issue: SettingsIssue }[];

const SITE = /^(?=.{1,253}$)[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;

/** True for a lowercase ASCII host-like key as settings store it. */
export function isSiteKey(value: unknown): value is string {
  return typeof value === 'string' && SITE.test(value);
}

type RawSettings = Record<string, unknown>;

/**
 * Step i turns schema version i into i + 1. Version 0 is anything written before settings carried
 * a version (development builds): fields that are recognisable are kept, the rest is dropped.
 */
const MIGRATIONS: ReadonlyArray<(raw: RawSettings) => RawSettings> = [
  (raw) => ({ ...raw, schemaVersion: 1 }),
  // 1 → 2: the popup's block and pause lists start empty.
  (raw) => ({ ...raw, schemaVersion: 2, blockedSites: [], pausedSites: [] }),
  // 2 → 3: sensitivity and link badges start at what earlier versions did (Balanced, badges on).
  (raw) => ({ ...raw, schemaVersion: 3, sensitivity: DEFAULT_SENSITIVITY, linkBadges: true }),
  // 3 → 4: strict first-visit mode is opt-in.
  (raw) => ({ ...raw, schemaVersion: 4, strictFirstVisit: false }),
];

/** Brings raw stored settings up to the current schema version. Never throws. */
export function migrateSettings(raw: RawSettings, problems: Found): RawSettings {
  const stored = raw['schemaVersion'];
  const known = stored === undefined || (typeof stored === 'number' && Number.isInteger(stored) && stored >= 0);
  let version = known && typeof stored === 'number' ? stored : 0;
  if (!known || version > SETTINGS_SCHEMA_VERSION) {
    // Written by a newer build (downgrade) or damaged: keep what this build understands rather
    // than wipe the user's choices; every field is validated on its own below.
    problems.push({
      text: `settings schema ${describe(stored)} is ${known ? `newer than ${SETTINGS_SCHEMA_VERSION}` : 'not a version'}; reading the fields this version knows`,
      issue: { field: 'schemaVersion' },
    });
    return { ...raw, schemaVersion: SETTINGS_SCHEMA_VERSION };
  }
  let out = raw;
  while (version < SETTINGS_SCHEMA_VERSION) {
    out = MIGRATIONS[version]!(out);
    version++;
  }
  return out;
}

/** A short printable form of any stored value, for problem reports (never throws: BigInt, cycles). */
function describe(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 80);
  } catch {
    return typeof value;
  }
}

/** A dropped entry as the user would recognise it: the text itself, or its printable form. */
function entryOf(item: unknown): string {
  return typeof item === 'string' ? item.slice(0, 80) : describe(item);
}

/** Turns anything read from storage into valid settings, saying what had to be fixed. Never throws. */
export function validateSettings(stored: unknown): ValidatedSettings {
  const problems: Found = [];
  const validated = (settings: Settings): ValidatedSettings => ({
    settings,
    problems: problems.map((p) => p.text),
    issues: problems.map((p) => p.issue),
  });
  if (stored === undefined || stored === null) return validated(DEFAULT_SETTINGS);
  if (typeof stored !== 'object' || Array.isArray(stored)) {
    problems.push({ text: 'settings are not an object; using defaults', issue: { field: 'settings' } });
    return validated(DEFAULT_SETTINGS);
  }
  try {
    return validated(cleanSettings(migrateSettings(stored as RawSettings, problems), problems));
  } catch (error) {
    // Storage only holds plain data, so this is a bug: protection must stay on with the defaults.
    problems.push({
      text: `settings could not be read (${error instanceof Error ? error.message : describe(error)}); using defaults`,
      issue: { field: 'settings' },
    });
    return validated(DEFAULT_SETTINGS);
  }
}

function cleanSettings(raw: RawSettings, problems: Found): Settings {
  const trusted = new Set<string>();
  const list = raw['trustedSites'];
  if (list !== undefined && !Array.isArray(list))
    problems.push({ text: 'trustedSites is not a list; dropped', issue: { field: 'trustedSites' } });
  if (Array.isArray(list)) {
    for (const item of list) {
      const site = typeof item === 'string' ? item.toLowerCase() : item;
      if (!isSiteKey(site))
        problems.push({
          text: `dropped invalid trusted site ${describe(item)}`,
          issue: { field: 'trustedSites', entry: entryOf(item) },
        });
      else if (trusted.size >= MAX_TRUSTED_SITES)
        problems.push({
          text: `more than ${MAX_TRUSTED_SITES} trusted sites; the rest dropped`,
          issue: { field: 'trustedSites' },
        });
      else trusted.add(site);
    }
  }
  const blockedSites = siteList(raw['blockedSites'], 'blockedSites', problems).filter((site) => !trusted.has(site));
  const pausedSites = siteList(raw['pausedSites'], 'pausedSites', problems);
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    trustedSites: [...trusted].sort(),
    blockedSites,
    pausedSites,
    sensitivity: sensitivityOf(raw['sensitivity'], problems),
    linkBadges: linkBadgesOf(raw['linkBadges'], problems),
    strictFirstVisit: strictFirstVisitOf(raw['strictFirstVisit'], problems),
  };
}

function sensitivityOf(value: unknown, problems: Found): Sensitivity {
  if (value === undefined || isSensitivity(value)) return value ?? DEFAULT_SENSITIVITY;
  problems.push({
    text: `sensitivity ${describe(value)} is not relaxed, balanced or strict; using ${DEFAULT_SENSITIVITY}`,
    issue: { field: 'sensitivity' },
  });
  return DEFAULT_SENSITIVITY;
}

function linkBadgesOf(value: unknown, problems: Found): boolean {
  if (value === undefined || typeof value === 'boolean') return value ?? true;
  problems.push({
    text: `linkBadges ${describe(value)} is not true or false; badges stay on`,
    issue: { field: 'linkBadges' },
  });
  return true;
}

function strictFirstVisitOf(value: unknown, problems: Found): boolean {
  if (value === undefined || typeof value === 'boolean') return value ?? false;
  problems.push({
    text: `strictFirstVisit ${describe(value)} is not true or false; strict mode stays off`,
    issue: { field: 'strictFirstVisit' },
  });
  return false;
}

/** A stored list of site keys, cleaned: invalid entries and entries past the cap dropped, sorted, unique. */
function siteList(list: unknown, field: string, problems: Found): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push({ text: `${field} is not a list; dropped`, issue: { field } });
    return [];
  }
  const out = new Set<string>();
  for (const item of list) {
    const site = typeof item === 'string' ? item.toLowerCase() : item;
    if (!isSiteKey(site))
      problems.push({
        text: `dropped invalid ${field} entry ${describe(item)}`,
        issue: { field, entry: entryOf(item) },
      });
    else if (out.size >= MAX_TRUSTED_SITES)
      problems.push({ text: `more than ${MAX_TRUSTED_SITES} ${field}; the rest dropped`, issue: { field } });
    else out.add(site);
  }
  return [...out].sort();
}

/**
 * Reads and validates; invalid parts are dropped and reported through `onProblem` in one summary
 * (a damaged store would otherwise log a line per entry), never thrown. A store that cannot be
 * read at all gives the defaults.
 */
export async function readSettings(store: SettingsStore, onProblem?: (problem: string) => void): Promise<Settings> {
  let stored: unknown;
  try {
    stored = await store.load();
  } catch (error) {
    onProblem?.(
      `settings could not be read (${error instanceof Error ? error.message : describe(error)}); using defaults`,
    );
    return DEFAULT_SETTINGS;
  }
  const { settings, problems } = validateSettings(stored);
  if (problems.length > 0)
    onProblem?.(
      problems.length === 1
        ? problems[0]!
        : `${problems.length} problems, kept what was valid: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`,
    );
  return settings;
}

/** Settings with `site` trusted. */
export function withTrustedSite(settings: Settings, site: string): Settings {
  if (!isSiteKey(site)) throw new Error(`not a site name: ${JSON.stringify(site)}`);
  if (settings.trustedSites.includes(site)) return settings;
  if (settings.trustedSites.length >= MAX_TRUSTED_SITES) throw new Error(`at most ${MAX_TRUSTED_SITES} trusted sites`);
  // Trusting a site undoes blocking it.
  return {
    ...settings,
    trustedSites: [...settings.trustedSites, site].sort(),
    blockedSites: settings.blockedSites.filter((s) => s !== site),
  };
}

/** Settings without `site` among the trusted. */
export function withoutTrustedSite(settings: Settings, site: string): Settings {
  return { ...settings, trustedSites: settings.trustedSites.filter((s) => s !== site) };
}

/** Settings with `site` blocked (and no longer trusted). */
export function withBlockedSite(settings: Settings, site: string): Settings {
  if (!isSiteKey(site)) throw new Error(`not a site name: ${JSON.stringify(site)}`);
  if (!settings.blockedSites.includes(site) && settings.blockedSites.length >= MAX_TRUSTED_SITES)
    throw new Error(`at most ${MAX_TRUSTED_SITES} blocked sites`);
  const blockedSites = settings.blockedSites.includes(site)
    ? settings.blockedSites
    : [...settings.blockedSites, site].sort();
  return { ...settings, blockedSites, trustedSites: settings.trustedSites.filter((s) => s !== site) };
}

/** Settings without `site` among the blocked. */
export function withoutBlockedSite(settings: Settings, site: string): Settings {
  return { ...settings, blockedSites: settings.blockedSites.filter((s) => s !== site) };
}

/** Settings with protection paused (or resumed) for `site`. */
export function withPausedSite(settings: Settings, site: string, paused: boolean): Settings {
  if (!isSiteKey(site)) throw new Error(`not a site name: ${JSON.stringify(site)}`);
  const others = settings.pausedSites.filter((s) => s !== site);
  if (paused && others.length >= MAX_TRUSTED_SITES) throw new Error(`at most ${MAX_TRUSTED_SITES} paused sites`);
  return { ...settings, pausedSites: paused ? [...others, site].sort() : others };
}

/** Settings with another sensitivity. */
export function withSensitivity(settings: Settings, sensitivity: Sensitivity): Settings {
  if (!isSensitivity(sensitivity)) throw new Error(`not a sensitivity: ${describe(sensitivity)}`);
  return { ...settings, sensitivity };
}

/** Settings with link badges on or off. */
export function withLinkBadges(settings: Settings, on: boolean): Settings {
  if (typeof on !== 'boolean') throw new Error('link badges must be on or off');
  return { ...settings, linkBadges: on };
}

/** Settings with strict first-visit mode on or off. */
export function withStrictFirstVisit(settings: Settings, on: boolean): Settings {
  if (typeof on !== 'boolean') throw new Error('strict mode must be on or off');
  return { ...settings, strictFirstVisit: on };
}
