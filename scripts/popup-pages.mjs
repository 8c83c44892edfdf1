// The popup's per-level pages: src/popup/index.html with the site section's verdict already in the
// HTML, one page per snapshot level and shipped catalogue. Opened from the toolbar, the popup's
// verdict then paints with the page itself instead of after first.js is fetched and run (an MV3
// extension page cannot inline a script). Plain JS so build.mjs runs it under node without tsx.

/** The levels a toolbar snapshot carries (core/popup-snapshot.ts SNAPSHOT_LEVELS), with their words' keys (ui/plain-words.ts). */
export const POPUP_LEVEL_KEYS = {
  safe: 'verdict_safe',
  suspicious: 'verdict_suspicious',
  dangerous: 'verdict_dangerous',
};

/** The page for `level` in `locale`, beside index.html so its relative script addresses still hold. */
export const levelPageName = (level, locale) => `${level}.${locale}.html`;

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` as HTML text or attribute value: nothing in it can open a tag or end an attribute. */
export const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

const SHELL = /<section class="site">[\s\S]*?<\/section>/g;
const LANG = /<html lang="[^"]*">/g;
const LOCALIZED = /(<(\w+)\b[^>]*\sdata-i18n="(\w+)"[^>]*>)([^<]*)(<\/\2>)/g;

function replaceOnce(html, pattern, replacement, what) {
  const count = html.match(pattern)?.length ?? 0;
  if (count !== 1) throw new Error(`popup page: expected one ${what}, found ${count}`);
  return html.replace(pattern, replacement);
}

/** A catalogue's text for `key`; refuses a missing key and a message with substitutions (none fit a static page). */
function messageOf(messages, key, locale) {
  const text = messages[key]?.message;
  if (typeof text !== 'string' || text === '') throw new Error(`popup page: ${locale} has no message ${key}`);
  if (text.includes('$')) throw new Error(`popup page: ${locale} ${key} has substitutions`);
  return text;
}

/**
 * index.html (`html`, styles inlined) as the page for `level` in the catalogue `messages`: the
 * language tag and the marked static text in that catalogue's words, and the site section as the
 * popup's first script renders it for a snapshot of that level before the host is filled in (the
 * verdict with its level word and colour, the name's placeholder). Nothing about the site: the
 * host and the rest come from the address, filled in by first.js.
 */
export function popupLevelPage(html, level, messages, locale) {
  const key = POPUP_LEVEL_KEYS[level];
  if (!key) throw new Error(`popup page: unknown level ${level}`);
  const word = escapeHtml(messageOf(messages, key, locale));
  const label = escapeHtml(messageOf(messages, 'popup_site_label', locale));
  const section =
    `<section class="site" aria-label="${label}">` +
    `<p class="verdict level-${level}" id="site-verdict" data-level="${level}">${word}</p>` +
    `<h1 class="name" id="site-name">…</h1></section>`;
  let page = replaceOnce(html, SHELL, () => section, 'site section');
  page = replaceOnce(
    page,
    LANG,
    () => `<html lang="${escapeHtml(messageOf(messages, 'common_language_tag', locale))}">`,
    'html lang',
  );
  if (/data-i18n-attr=/.test(page)) throw new Error('popup page: data-i18n-attr is not filled in at build');
  return page.replace(
    LOCALIZED,
    (_, open, _tag, k, _text, close) => `${open}${escapeHtml(messageOf(messages, k, locale))}${close}`,
  );
}

/** Every level page for every catalogue (`catalogues`: locale → messages.json): file name → HTML. */
export function popupLevelPages(html, catalogues) {
  const pages = {};
  for (const [locale, messages] of Object.entries(catalogues)) {
    if (!/^[a-z]{2,3}(?:_[A-Z]{2})?$/.test(locale)) throw new Error(`popup page: odd locale folder ${locale}`);
    if (messageOf(messages, 'common_catalogue_locale', locale) !== locale)
      throw new Error(`popup page: ${locale}'s common_catalogue_locale names another folder`);
    for (const level of Object.keys(POPUP_LEVEL_KEYS))
      pages[levelPageName(level, locale)] = popupLevelPage(html, level, messages, locale);
  }
  return pages;
}
