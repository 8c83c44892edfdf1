/** Tiny helpers for hand-written SVG and HTML: escaping and number formatting for coordinates. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML/SVG element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A coordinate with one decimal: enough for the eye, short in the file. */
export function px(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

/** Colours per series, shared by every chart so a class keeps its colour. */
export const COLOURS: Record<string, string> = {
  benign: '#2b8a3e',
  malicious: '#c92a2a',
  dga: '#7048e8',
  all: '#1864ab',
  suspicious: '#e67700',
  dangerous: '#c92a2a',
};

/** Plot area of a chart: outer size and margins. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Inner width and height of a frame. */
export function inner(frame: Frame): { w: number; h: number } {
  return { w: frame.width - frame.left - frame.right, h: frame.height - frame.top - frame.bottom };
}
