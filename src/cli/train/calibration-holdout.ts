/**
 * A calibration hold-out for `snowman train`: a share of every benign list's registrable domains
 * that never reaches training, validation or test, so the thresholds and the risk tables are set
 * on thousands of unseen names of each list instead of the few hundred a validation split holds
 * of the small ones.
 */
import type { Example } from '../data/labelled-files.js';
import { hashString } from '../data/split.js';

/** Share of each benign list's registrable domains held out when the flag gives no number. */
export const DEFAULT_CALIBRATION_HOLDOUT = 0.1;

export interface CalibrationHoldout {
  /** Everything whose registrable domain is not held out: what the split divides. */
  readonly rest: Example[];
  /** Benign names of the held-out registrable domains, each with its own list as source. */
  readonly calibration: Example[];
}

/**
 * Holds out `share` of the registrable domains of every benign list (seeded hash, at least one a
 * list). A domain that also hosts a malicious or DGA name is never held out: it would calibrate
 * on a contradiction. A held-out domain leaves training from every list it is on.
 */
export function holdOutCalibration(examples: readonly Example[], share: number, seed: number): CalibrationHoldout {
  if (!(share > 0 && share < 1)) throw new Error(`calibration hold-out share must be in (0, 1), got ${share}`);
  const risky = new Set<string>();
  for (const e of examples) if (e.label !== 'benign') risky.add(e.group);
  const groupsByList = new Map<string, Set<string>>();
  for (const e of examples) {
    if (e.label !== 'benign' || risky.has(e.group)) continue;
    let groups = groupsByList.get(e.source);
    if (!groups) groupsByList.set(e.source, (groups = new Set()));
    groups.add(e.group);
  }
  const held = new Set<string>();
  for (const groups of groupsByList.values()) {
    const ranked = [...groups]
      .map((group) => ({ group, h: hashString(group, seed ^ 0x63616c69) }))
      .sort((a, b) => a.h - b.h || (a.group < b.group ? -1 : 1));
    const take = Math.max(1, Math.round(share * ranked.length));
    for (const { group } of ranked.slice(0, take)) held.add(group);
  }
  const rest: Example[] = [];
  const calibration: Example[] = [];
  for (const e of examples) {
    if (!held.has(e.group)) rest.push(e);
    else if (e.label === 'benign') calibration.push(e);
  }
  return { rest, calibration };
}
