/**
 * ROC curves as inline SVG with a log-scale false-positive axis: the region that matters for a
 * blocker (FPR 1e-4 to 1e-2) gets most of the width instead of a sliver at the left edge.
 */
import type { RocPoint } from '../metrics.js';
import { COLOURS, esc, inner, px, type Frame } from './svg.js';

export interface RocSeries {
  readonly name: string;
  readonly points: readonly RocPoint[];
  /** The shipped decision's operating points (FPR, TPR), drawn as markers. */
  readonly operating?: readonly {
    readonly level: 'suspicious' | 'dangerous';
    readonly fpr: number;
    readonly tpr: number;
  }[];
}

const FRAME: Frame = { width: 640, height: 400, left: 56, right: 130, top: 16, bottom: 44 };

/** Lowest decade on the axis: one below the smallest non-zero FPR, between 1e-6 and 1e-2. */
export function lowestDecade(series: readonly RocSeries[]): number {
  let min = 1;
  for (const s of series) for (const p of s.points) if (p.fpr > 0 && p.fpr < min) min = p.fpr;
  return Math.max(-6, Math.min(-2, Math.floor(Math.log10(min))));
}

/** Renders the curves; FPR 0 is drawn on the left edge (a log axis has no zero). */
export function rocSvg(series: readonly RocSeries[]): string {
  const { w, h } = inner(FRAME);
  const lo = lowestDecade(series);
  const x = (fpr: number) => FRAME.left + ((Math.max(lo, fpr > 0 ? Math.log10(fpr) : lo) - lo) / -lo) * w;
  const y = (tpr: number) => FRAME.top + (1 - tpr) * h;
  const parts: string[] = [];
  for (let d = lo; d <= 0; d++) {
    const gx = px(x(10 ** d));
    const mark = d === -2 || d === -3 || d === -4;
    parts.push(
      `<line x1="${gx}" y1="${FRAME.top}" x2="${gx}" y2="${FRAME.top + h}" stroke="${mark ? '#868e96' : '#dee2e6'}"${mark ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    parts.push(`<text x="${gx}" y="${FRAME.top + h + 16}" text-anchor="middle">${d === 0 ? '1' : `1e${d}`}</text>`);
  }
  for (let t = 0; t <= 10; t += 2) {
    const gy = px(y(t / 10));
    parts.push(`<line x1="${FRAME.left}" y1="${gy}" x2="${FRAME.left + w}" y2="${gy}" stroke="#dee2e6"/>`);
    parts.push(
      `<text x="${FRAME.left - 6}" y="${gy}" text-anchor="end" dominant-baseline="middle">${(t / 10).toFixed(1)}</text>`,
    );
  }
  parts.push(`<rect x="${FRAME.left}" y="${FRAME.top}" width="${w}" height="${h}" fill="none" stroke="#495057"/>`);
  parts.push(
    `<text x="${FRAME.left + w / 2}" y="${FRAME.height - 6}" text-anchor="middle">false-positive rate on benign names (log scale)</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${FRAME.top + h / 2}) rotate(-90)" text-anchor="middle">recall (true-positive rate)</text>`,
  );
  series.forEach((s, i) => {
    const colour = COLOURS[s.name] ?? '#343a40';
    const path = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${px(x(p.fpr))} ${px(y(p.tpr))}`).join('');
    parts.push(
      `<path d="${path}" fill="none" stroke="${colour}" stroke-width="1.8"><title>${esc(s.name)}</title></path>`,
    );
    for (const o of s.operating ?? []) {
      const cx = px(x(o.fpr));
      const cy = px(y(o.tpr));
      const tip = `<title>${esc(`${s.name} at the shipped ${o.level} threshold: FPR ${o.fpr.toExponential(2)}, recall ${(o.tpr * 100).toFixed(2)}%`)}</title>`;
      parts.push(
        o.level === 'suspicious'
          ? `<circle cx="${cx}" cy="${cy}" r="4" fill="white" stroke="${colour}" stroke-width="2">${tip}</circle>`
          : `<rect x="${px(x(o.fpr) - 4)}" y="${px(y(o.tpr) - 4)}" width="8" height="8" fill="${colour}">${tip}</rect>`,
      );
    }
    const ly = FRAME.top + 12 + i * 18;
    parts.push(
      `<line x1="${FRAME.left + w + 12}" y1="${ly}" x2="${FRAME.left + w + 32}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
    );
    parts.push(`<text x="${FRAME.left + w + 38}" y="${ly}" dominant-baseline="middle">${esc(s.name)}</text>`);
  });
  const ly = FRAME.top + 12 + series.length * 18 + 8;
  parts.push(
    `<circle cx="${FRAME.left + w + 22}" cy="${ly}" r="4" fill="white" stroke="#343a40" stroke-width="2"/><text x="${FRAME.left + w + 38}" y="${ly}" dominant-baseline="middle">suspicious</text>`,
  );
  parts.push(
    `<rect x="${FRAME.left + w + 18}" y="${ly + 14}" width="8" height="8" fill="#343a40"/><text x="${FRAME.left + w + 38}" y="${ly + 18}" dominant-baseline="middle">dangerous</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${FRAME.width} ${FRAME.height}" width="${FRAME.width}" height="${FRAME.height}" role="img" aria-label="ROC curves" font-family="sans-serif" font-size="11">${parts.join('')}</svg>`;
}
