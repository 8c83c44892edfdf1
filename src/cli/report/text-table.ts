/** Aligned plain-text tables for terminal output (eval, bench). */

export type Align = 'left' | 'right';

/** Renders rows under a header, columns padded to their widest cell; numbers are usually right-aligned. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => ((align[c] ?? 'left') === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A share as a percentage with two decimals (`12.34%`), `-` for NaN or null. */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined || Number.isNaN(x) ? '-' : `${(x * 100).toFixed(2)}%`;
}

/** A number with a fixed count of decimals, `-` for NaN or null. */
export function fixed(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits);
}

/** Whole numbers with thousands separators, independent of locale. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
