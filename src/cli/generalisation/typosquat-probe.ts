/**
 * A candidate lookalike finding measured on the folds: the registrable label within edit
 * distance 2 (substitution, insertion, deletion, adjacent swap) of a brand of 6+ letters, and not
 * itself a brand. The shipped typosquat detector stops at one edit; this measures what a second
 * edit would catch and what it would cost on benign lists.
 */
import { hostParts } from '../../core/ngram/parts.js';

export const MIN_TYPO_BRAND_LENGTH = 6;

export interface TyposquatProbe {
  readonly brands: ReadonlySet<string>;
  /** Every brand and its one- and two-deletion variants → the brands they came from. */
  readonly deletions: ReadonlyMap<string, readonly string[]>;
}

function deletionsOf(word: string, depth: number, out: Set<string>): void {
  out.add(word);
  if (depth === 0) return;
  for (let i = 0; i < word.length; i++) deletionsOf(word.slice(0, i) + word.slice(i + 1), depth - 1, out);
}

/** Optimal string alignment distance, stopping early once it must exceed `max`. */
export function osaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = [new Array<number>(b.length + 1).fill(0), new Array<number>(b.length + 1).fill(0)];
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = rows[0]!.map((_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The probe for a brand list (brands shorter than MIN_TYPO_BRAND_LENGTH letters are left out). */
export function typosquatProbe(brands: readonly string[]): TyposquatProbe {
  const deletions = new Map<string, string[]>();
  for (const brand of brands) {
    if (brand.length < MIN_TYPO_BRAND_LENGTH || !/^[a-z0-9]+$/.test(brand)) continue;
    const variants = new Set<string>();
    deletionsOf(brand, 2, variants);
    for (const v of variants) {
      const list = deletions.get(v);
      if (!list) deletions.set(v, [brand]);
      else if (!list.includes(brand)) list.push(brand);
    }
  }
  return { brands: new Set(brands), deletions };
}

/** The brand `host`'s registrable label imitates within two edits, or null. */
export function typosquatOf(host: string, probe: TyposquatProbe): string | null {
  const label = hostParts(host).label;
  if (label.length < MIN_TYPO_BRAND_LENGTH - 2 || label.length > 40 || probe.brands.has(label)) return null;
  const variants = new Set<string>();
  deletionsOf(label, 2, variants);
  for (const v of variants) {
    for (const brand of probe.deletions.get(v) ?? []) if (osaDistance(label, brand, 2) <= 2) return brand;
  }
  return null;
}
