/**
 * Every string a user reads goes through `t()`: the browser picks the catalogue in
 * `_locales/<lang>/messages.json` for the UI language (English when it has none). Keys are typed from
 * the English catalogue, so a misspelt key fails the type check; the catalogue itself is not bundled.
 */
import type english from '../../_locales/en/messages.json';

export type MessageKey = keyof typeof english;

type GetMessage = (key: string, substitutions?: string | string[]) => string;

let source: GetMessage | null = null;

/** Where messages come from outside a browser (Node tests): a reader over a catalogue file. */
export function useMessageSource(getMessage: GetMessage | null): void {
  source = getMessage;
}

function getMessage(): GetMessage {
  if (source) return source;
  const g = globalThis as {
    browser?: { i18n?: { getMessage?: GetMessage } };
    chrome?: { i18n?: { getMessage?: GetMessage } };
  };
  const api = g.browser?.i18n ?? g.chrome?.i18n;
  if (!api?.getMessage) throw new Error('no message catalogue: not in an extension and none installed');
  const bound = api.getMessage.bind(api);
  source = bound;
  return bound;
}

/** The message `key` in the user's language, with `$1`… placeholders filled from `substitutions`. */
export function t(key: MessageKey, ...substitutions: readonly (string | number)[]): string {
  const text = getMessage()(key, substitutions.map(String));
  // An empty answer means the key is missing from the user's catalogue and from the default one:
  // show the key rather than nothing, so the gap is visible and reported by the catalogue test.
  return text === '' ? key : text;
}

/** `key_one` or `key_other` by `count` (English and German plural rules), with the count as `$1`. */
export function tCount(key: PluralBase, count: number, ...more: readonly (string | number)[]): string {
  const form = count === 1 ? `${key}_one` : `${key}_other`;
  return t(form as MessageKey, formatNumber(count), ...more);
}

/**
 * The language the pages are written in: the tag of the catalogue the browser picked, not the UI
 * language itself (a UI language Snowman has no catalogue for reads English, and says so).
 */
export function pageLanguage(): string {
  return t('common_language_tag');
}

let plainFormat: { language: string; format: Intl.NumberFormat } | null = null;

/** `value` with the grouping and decimal marks of the page's language. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  const language = pageLanguage();
  if (options) return new Intl.NumberFormat(language, options).format(value);
  // The popup formats hundreds of counts a render: one formatter while the language stays.
  if (plainFormat?.language !== language) plainFormat = { language, format: new Intl.NumberFormat(language) };
  return plainFormat.format.format(value);
}

/** A date (ISO string or Date) as the page's language writes a day; '' for an unreadable one. */
export function formatDate(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  // A bare day (a feed's snapshot date) is midnight UTC: read in local time it could show the day before.
  const utc = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(pageLanguage(), { dateStyle: 'medium', ...(utc ? { timeZone: 'UTC' } : {}) }).format(
    date,
  );
}

type PluralBase = MessageKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;
