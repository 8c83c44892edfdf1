// Types for popup-pages.mjs (plain JS so build.mjs can run it under node without tsx).
import type { RiskLevel } from '../src/core/verdict.js';

type Catalogue = Readonly<Record<string, { readonly message: string } | undefined>>;

/** The levels a toolbar snapshot carries, with their words' keys. */
export declare const POPUP_LEVEL_KEYS: Readonly<Record<RiskLevel, string>>;
/** The page for `level` in `locale`, beside index.html. */
export declare function levelPageName(level: RiskLevel, locale: string): string;
/** `text` as HTML text or attribute value. */
export declare function escapeHtml(text: string): string;
/** index.html as the page for `level` in the catalogue `messages`. */
export declare function popupLevelPage(html: string, level: RiskLevel, messages: Catalogue, locale: string): string;
/** Every level page for every catalogue: file name → HTML. */
export declare function popupLevelPages(
  html: string,
  catalogues: Readonly<Record<string, Catalogue>>,
): Record<string, string>;
