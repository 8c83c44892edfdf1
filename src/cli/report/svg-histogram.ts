/**
 * Score histograms as inline SVG: share of each class per score bin on a log axis, so the few
 * benign names with high scores (the false positives) stay visible next to the bulk.
 */
import { COLOURS, esc, inner, px, type Frame } from './svg.js';

export interface HistogramSeries {
  readonly name: string;
  readonly counts: readonly number[];
  /** Grey outline instead of the series colour (a reference distribution). */
  readonly reference?: boolean;
}

export interface HistogramChart {
  readonly title: string;
  readonly series: readonly HistogramSeries[];
  /** Vertical markers (the shipped thresholds of the head on the x axis). */
  readonly thresholds?: readonly { readonly level: 'suspicious' | 'dangerous'; readonly value: number }[];
  readonly small?: boolean;
}

const LARGE: Frame = { width: 640, height: 260, left: 56, right: 110, top: 24, bottom: 40 };
const SMALL: Frame = { width: 320, height: 170, left: 44, right: 10, top: 22, bottom: 30 };

/** Renders one histogram chart; bins are equal-width over [0, 1]. */
export function histogramSvg(chart: HistogramChart): string {
  const frame = chart.small ? SMALL : LARGE;
  const { w, h } = inner(frame);
  const total = Math.max(1, ...chart.series.map((s) => s.counts.reduce((a, b) => a + b, 0)));
  const lo = Math.max(-6, Math.min(-1, Math.floor(Math.log10(1 / total))));
  const x = (v: number) => frame.left + v * w;
  const y = (share: number) => frame.top + (share > 0 ? (Math.log10(share) / lo) * h : h);
  const parts: string[] = [
    `<text x="${frame.left}" y="${frame.top - 8}" font-weight="bold">${esc(chart.title)}</text>`,
  ];
  for (let d = lo; d <= 0; d++) {
    const gy = px(y(10 ** d));
    parts.push(`<line x1="${frame.left}" y1="${gy}" x2="${frame.left + w}" y2="${gy}" stroke="#e9ecef"/>`);
    parts.push(
      `<text x="${frame.left - 4}" y="${gy}" text-anchor="end" dominant-baseline="middle">${d === 0 ? '1' : `1e${d}`}</text>`,
    );
  }
  for (let t = 0; t <= 10; t += chart.small ? 5 : 2)
    parts.push(
      `<text x="${px(x(t / 10))}" y="${frame.top + h + 14}" text-anchor="middle">${(t / 10).toFixed(1)}</text>`,
    );
  if (!chart.small)
    parts.push(
      `<text x="${frame.left + w / 2}" y="${frame.height - 4}" text-anchor="middle">score · y: share of the class's names per bin (log scale)</text>`,
    );
  for (const t of chart.thresholds ?? []) {
    const tx = px(x(t.value));
    parts.push(
      `<line x1="${tx}" y1="${frame.top}" x2="${tx}" y2="${frame.top + h}" stroke="${COLOURS[t.level]}" stroke-dasharray="4 3"><title>${t.level} threshold ${t.value.toPrecision(4)}</title></line>`,
    );
  }
  chart.series.forEach((s, i) => {
    const n = s.counts.reduce((a, b) => a + b, 0);
    if (n === 0) return;
    const bins = s.counts.length;
    // A step outline: flat across each bin, so overlapping classes stay readable.
    let d = `M${px(x(0))} ${px(y(0))}`;
    s.counts.forEach((c, b) => {
      const yy = px(y(c / n));
      d += `L${px(x(b / bins))} ${yy}L${px(x((b + 1) / bins))} ${yy}`;
    });
    d += `L${px(x(1))} ${px(y(0))}`;
    const colour = s.reference ? '#adb5bd' : (COLOURS[s.name] ?? '#343a40');
    parts.push(
      `<path d="${d}" fill="${colour}" fill-opacity="${s.reference ? 0.15 : 0.12}" stroke="${colour}" stroke-width="1.5"><title>${esc(`${s.name}: ${n} names`)}</title></path>`,
    );
    if (!chart.small) {
      const ly = frame.top + 10 + i * 18;
      parts.push(
        `<line x1="${frame.left + w + 12}" y1="${ly}" x2="${frame.left + w + 32}" y2="${ly}" stroke="${colour}" stroke-width="2"/><text x="${frame.left + w + 38}" y="${ly}" dominant-baseline="middle">${esc(s.name)}</text>`,
      );
    }
  });
  parts.push(`<rect x="${frame.left}" y="${frame.top}" width="${w}" height="${h}" fill="none" stroke="#495057"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" role="img" aria-label="${esc(chart.title)}" font-family="sans-serif" font-size="${chart.small ? 9 : 11}">${parts.join('')}</svg>`;
}
