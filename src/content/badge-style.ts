/**
 * Inline styles for the elements Snowman puts into pages. The host elements live in the page's
 * DOM, so page CSS can match them: every property is reset inline with !important (inline
 * !important beats any stylesheet rule). Both levels use the same host style and size, so
 * nothing outside the closed shadow root tells a suspicious badge from a dangerous one.
 */

/** Resets every inherited and page-set property of a host element. */
export const HOST_RESET = 'all: initial !important;';

/** Badge host: a fixed-size inline box; the only layout change a badge makes is its own width. */
export const BADGE_HOST = `${HOST_RESET} display: inline-block !important; width: 14px !important; height: 14px !important;
  margin: 0 0 0 3px !important; vertical-align: -2px !important; line-height: 14px !important; cursor: help !important;`;

const GLYPH = `box-sizing: border-box; display: block; width: 14px; height: 14px; border-radius: 50%;
  font: bold 10px/14px system-ui, sans-serif; text-align: center; color: #fff; user-select: none;`;

/** The badge glyph inside the shadow root, per level (invisible to the page). */
export const BADGE_GLYPH = {
  dangerous: `${GLYPH} background: #c5221f;`,
  suspicious: `${GLYPH} background: #b06000;`,
} as const;

/** The badge's mark as an SVG path (14 × 14): drawn, so the page's find-in-page sees no text. */
export const BADGE_MARK = {
  dangerous: 'M6 2.8h2v5.6H6zM6 9.6h2v2H6z',
  suspicious:
    'M4.5 5.3a2.5 2.5 0 1 1 3.8 2.1c-.8.5-1.3.9-1.3 1.7v.3H5.2v-.5c0-1.3.7-2 1.5-2.5.5-.3.8-.6.8-1.1a1 1 0 0 0-2 .1zM5.2 10.2H7v1.8H5.2z',
} as const;

/** The temporary highlight around a link revealed from the popup. */
export const REVEAL_HOST = `${HOST_RESET} position: fixed !important; z-index: 2147483647 !important; display: block !important;
  pointer-events: none !important; box-sizing: border-box !important; border: 3px solid #1a73e8 !important;
  border-radius: 4px !important; box-shadow: 0 0 0 4px rgba(26,115,232,.35) !important;`;
