/**
 * Builds the calibrated-risk tables (core/model/calibration.ts) from a model's head probabilities
 * on benign reference names, and the levels and thresholds that follow from them: one risk cut-off
 * per level, the same for every head, chosen so that the worst head flags at most the level's
 * false-positive budget of the reference names.
 */
import { headRisk, riskOf, type Calibration, type RiskTable } from '../../core/model/calibration.js';
import type { RiskCategory } from '../../core/model/architecture.js';
import type { HeadThresholds } from '../../core/model/metadata.js';
import { nextFloat32Up } from '../metrics.js';

/** Shares of reference names below which the table keeps one point every BODY_STEP; above, every name. */
const BODY_STEP = 0.002;
const TAIL_SHARE = 0.01;
const MIN_TAIL = 200;

export interface CalibrationBudget {
  /** Largest share of reference names the model alone may flag suspicious / dangerous. */
  readonly suspicious: number;
  readonly dangerous: number;
}

/** One head's table: a point every 0.2 % of the reference names, then every name in the top 1 %. */
export function riskTable(values: readonly number[]): RiskTable {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) throw new Error('no reference names to calibrate on');
  const tailStart = Math.max(0, n - Math.max(MIN_TAIL, Math.ceil(TAIL_SHARE * n)));
  const ranks: number[] = [];
  for (let q = 0; Math.floor(q * n) < tailStart; q += BODY_STEP) ranks.push(Math.floor(q * n));
  for (let j = tailStart; j < n; j++) ranks.push(j);
  const scores: number[] = [];
  const atOrBelow: number[] = [];
  for (const j of ranks) {
    const score = sorted[j]!;
    // Ties: count every reference name equal to this score.
    let last = j;
    while (last + 1 < n && sorted[last + 1] === score) last++;
    if (scores.length > 0 && scores[scores.length - 1] === score) continue;
    scores.push(score);
    atOrBelow.push(last + 1);
  }
  return { scores, atOrBelow };
}

function cutoffFor(risks: Float64Array, tables: readonly RiskTable[], count: number, share: number): number {
  const desc = Float64Array.from(risks).sort().reverse();
  const allowed = Math.floor(share * desc.length + 1e-9);
  // Any cut-off above the (allowed+1)-th highest reference risk keeps the budget; take the lowest one a table can reach.
  const mustPass = allowed < desc.length ? desc[allowed]! : -1;
  let cutoff = 1;
  for (const t of tables)
    for (const n of t.atOrBelow) if (n / count > mustPass && n / count < cutoff) cutoff = n / count;
  return cutoff;
}

/** The smallest head probability whose risk reaches `cutoff` (scores are float32, so this is exact). */
function thresholdFor(table: RiskTable, count: number, cutoff: number): number {
  const i = table.atOrBelow.findIndex((n) => n / count >= cutoff);
  if (i < 0) return 1;
  const t = Math.min(1, nextFloat32Up(table.scores[i]!));
  return headRisk(table, count, t) >= cutoff ? t : 1;
}

/**
 * The level cut-off for `share`: pooled over all reference names, or (`lists` given, the list of
 * each name) the lowest cut-off that keeps every list within the share on its own, so a small
 * long-tail list is not outvoted by the big top lists.
 */
function levelCutoff(
  risks: Float64Array,
  tables: readonly RiskTable[],
  count: number,
  share: number,
  lists: readonly string[] | undefined,
): number {
  if (!lists) return cutoffFor(risks, tables, count, share);
  const byList = new Map<string, number[]>();
  lists.forEach((list, i) => {
    let own = byList.get(list);
    if (!own) byList.set(list, (own = []));
    own.push(risks[i]!);
  });
  return Math.max(...[...byList.values()].map((own) => cutoffFor(Float64Array.from(own), tables, count, share)));
}

/**
 * Calibration and thresholds from row-major `probabilities` [names × heads] of benign reference
 * names. The thresholds are the calibration's level cut-offs restated per head. With `lists` (the
 * benign list of every reference name) each list must stay within the budget on its own.
 */
export function buildCalibration(
  heads: readonly RiskCategory[],
  probabilities: Float32Array,
  reference: string,
  budget: CalibrationBudget,
  lists?: readonly string[],
): { calibration: Calibration; thresholds: Record<string, HeadThresholds> } {
  const H = heads.length;
  const count = probabilities.length / H;
  const tables = heads.map((_, h) => riskTable(Array.from({ length: count }, (_, i) => probabilities[i * H + h]!)));
  const partial: Calibration = {
    reference,
    count,
    heads: Object.fromEntries(heads.map((head, h) => [head, tables[h]!])),
    levels: { suspicious: 1, dangerous: 1 },
  };
  const risks = new Float64Array(count);
  const row: number[] = new Array(H);
  for (let i = 0; i < count; i++) {
    for (let h = 0; h < H; h++) row[h] = probabilities[i * H + h]!;
    risks[i] = riskOf(partial, heads, row).risk;
  }
  if (lists && lists.length !== count) throw new Error(`${lists.length} list names for ${count} reference names`);
  const suspicious = levelCutoff(risks, tables, count, budget.suspicious, lists);
  const dangerous = Math.max(suspicious, levelCutoff(risks, tables, count, budget.dangerous, lists));
  const calibration: Calibration = { ...partial, levels: { suspicious, dangerous } };
  const thresholds: Record<string, HeadThresholds> = {};
  heads.forEach((head, h) => {
    thresholds[head] = {
      suspicious: thresholdFor(tables[h]!, count, suspicious),
      dangerous: thresholdFor(tables[h]!, count, dangerous),
    };
  });
  return { calibration, thresholds };
}
