/**
 * The calibrated risk: what share of benign reference names (the validation split's benign names,
 * never trained on) score lower than a name, per head. A head probability of 0.996 says little on
 * its own; "riskier than 99.95 % of ordinary sites" says what the verdict means. The verdict's model
 * level is a function of this risk, so a riskier name never gets a milder level.
 */
import type { RiskCategory } from './architecture.js';

/** Benign reference scores of one head, coarse in the body and exact in the tail. */
export interface RiskTable {
  /** Head probabilities, ascending. */
  readonly scores: readonly number[];
  /** How many reference names score at or below `scores[i]`. */
  readonly atOrBelow: readonly number[];
}

export interface Calibration {
  /** What the reference names are, in words (documentation for readers of metadata.json). */
  readonly reference: string;
  /** Number of reference names. */
  readonly count: number;
  readonly heads: Readonly<Partial<Record<RiskCategory, RiskTable>>>;
  /** Risk at or above which the model alone makes a name suspicious / dangerous. */
  readonly levels: { readonly suspicious: number; readonly dangerous: number };
}

/** Share of reference names scoring strictly lower than `probability` on this head (0–1). */
export function headRisk(table: RiskTable, count: number, probability: number): number {
  const { scores, atOrBelow } = table;
  // Largest i with scores[i] < probability: every name counted there is strictly lower.
  let lo = 0;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (scores[mid]! < probability) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : atOrBelow[lo - 1]! / count;
}

/** The name's risk (worst head) and the head that gave it, in `heads` order. */
export function riskOf(calibration: Calibration, heads: readonly RiskCategory[], probabilities: readonly number[]): { risk: number; head: number } {
  let risk = 0;
  let head = 0;
  for (let h = 0; h < heads.length; h++) {
    const table = calibration.heads[heads[h]!];
    if (!table) continue;
    const r = headRisk(table, calibration.count, probabilities[h] ?? 0);
    if (r > risk) {
      risk = r;
      head = h;
    }
  }
  return { risk, head };
}

function isShare(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;
}

/** Checks a parsed `calibration` block; returns the reason it is unusable, or null when it is sound. */
export function calibrationProblem(value: unknown, heads: readonly RiskCategory[]): string | null {
  if (typeof value !== 'object' || value === null) return 'calibration is not an object';
  const c = value as Record<string, unknown>;
  const count = c['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return 'calibration count is not a positive integer';
  const levels = c['levels'] as Record<string, unknown> | undefined;
  if (!levels || !isShare(levels['suspicious']) || !isShare(levels['dangerous']) || levels['dangerous'] < levels['suspicious']) return 'calibration levels are missing or invalid';
  for (const head of heads) {
    const table = (c['heads'] as Record<string, RiskTable> | undefined)?.[head];
    if (!table || !Array.isArray(table.scores) || !Array.isArray(table.atOrBelow) || table.scores.length === 0 || table.scores.length !== table.atOrBelow.length) {
      return `calibration table for head "${head}" is missing or malformed`;
    }
    for (let i = 0; i < table.scores.length; i++) {
      const s = table.scores[i];
      const n = table.atOrBelow[i];
      if (!isShare(s) || typeof n !== 'number' || n < 0 || n > count) return `calibration table for head "${head}" has an invalid entry ${i}`;
      if (i > 0 && (s < table.scores[i - 1]! || n < table.atOrBelow[i - 1]!)) return `calibration table for head "${head}" is not ascending at entry ${i}`;
    }
  }
  return null;
}
