/**
 * Fold construction for the generalisation harness. Every fold holds out one malicious source
 * and/or a group of DGA families, plus the same share of benign registrable domains; nothing
 * whose registrable domain is held out may train, so no group sits on both sides.
 */
import type { Example } from '../data/labelled-files.js';
import { hashString } from '../data/split.js';

/** Families that are one malware (or one lineage) are held out together: seeing one would leak the other. */
export const RELATED_FAMILIES: readonly (readonly string[])[] = [['dga-gameover', 'dga-goz', 'dga-murofet']];

export interface FoldPlan {
  readonly index: number;
  /** `benign-list`: one benign list kept out of training and used as the negatives (positives: the random split's). */
  readonly kind: 'held-out' | 'random' | 'benign-list';
  /** Malicious source files held out of training and scored. */
  readonly sources: readonly string[];
  /** DGA family files held out of training and scored (each reported on its own). */
  readonly families: readonly string[];
  /** For `benign-list`: the benign list file held out. */
  readonly benignList?: string;
}

export interface FoldData {
  readonly plan: FoldPlan;
  readonly train: Example[];
  /** Held-out positives by reported name (source, family, or random-malicious/random-dga). */
  readonly positives: Map<string, Example[]>;
  readonly negatives: Example[];
  /**
   * Benign-list runs only: the other lists' names in the fixed held-out benign share (never
   * trained on, not scored as negatives), a reference on which operating thresholds can be chosen
   * without touching the held-out list. Empty for the other runs (their negatives are that share).
   */
  readonly calibration: Example[];
}

/** True for a benign registrable domain that every fold keeps out of training (a fixed seeded share). */
export function isHeldOutBenignGroup(group: string, share: number, seed: number): boolean {
  return hashString(group, seed ^ 0x6e67) / 2 ** 32 < share;
}

/**
 * Spreads the DGA families over `runs` training runs: related families form one unit, units
 * are dealt largest first in snake order so every run keeps most of the DGA data.
 */
export function groupFamilies(families: ReadonlyMap<string, number>, runs: number): string[][] {
  const units: { names: string[]; size: number }[] = [];
  const placed = new Set<string>();
  for (const related of RELATED_FAMILIES) {
    const present = related.filter((f) => families.has(f));
    if (present.length === 0) continue;
    units.push({ names: present, size: present.reduce((s, f) => s + families.get(f)!, 0) });
    present.forEach((f) => placed.add(f));
  }
  for (const [name, size] of families) if (!placed.has(name)) units.push({ names: [name], size });
  units.sort((a, b) => b.size - a.size || (a.names[0]! < b.names[0]! ? -1 : 1));
  const groups: string[][] = Array.from({ length: Math.max(1, runs) }, () => []);
  units.forEach((unit, i) => {
    const round = Math.floor(i / groups.length);
    const slot = i % groups.length;
    groups[round % 2 === 0 ? slot : groups.length - 1 - slot]!.push(...unit.names);
  });
  return groups.filter((g) => g.length > 0).map((g) => g.sort());
}

/**
 * The held-out folds: run i holds out malicious source i (if any) and DGA family group i (if
 * any). Holding out a source and a family group in the same run halves the training cost; both
 * are removed together, so each is scored by a model that saw neither.
 */
export function planFolds(sources: readonly string[], familyGroups: readonly (readonly string[])[]): FoldPlan[] {
  const runs = Math.max(sources.length, familyGroups.length);
  return Array.from({ length: runs }, (_, i) => ({
    index: i,
    kind: 'held-out' as const,
    sources: i < sources.length ? [sources[i]!] : [],
    families: [...(familyGroups[i] ?? [])],
  }));
}

/** One leave-one-benign-list-out run per benign list, numbered after `first`. */
export function planBenignListFolds(lists: readonly string[], first: number): FoldPlan[] {
  return lists.map((list, i) => ({
    index: first + i,
    kind: 'benign-list' as const,
    sources: [],
    families: [],
    benignList: list,
  }));
}

/** Takes at most `cap` examples of every source, by a seeded hash of the host (stable across folds). */
export function capPerSource(examples: readonly Example[], cap: number, seed: number): Example[] {
  const bySource = new Map<string, Example[]>();
  for (const e of examples) {
    let list = bySource.get(e.source);
    if (!list) bySource.set(e.source, (list = []));
    list.push(e);
  }
  const out: Example[] = [];
  for (const list of bySource.values()) {
    if (list.length <= cap) {
      out.push(...list);
      continue;
    }
    const ranked = list
      .map((e) => ({ e, h: hashString(e.host, seed ^ 0x636170) }))
      .sort((a, b) => a.h - b.h || (a.e.host < b.e.host ? -1 : 1));
    out.push(...ranked.slice(0, cap).map((r) => r.e));
  }
  return out;
}

export interface FoldSettings {
  readonly benignHoldoutShare: number;
  /** Share of malicious and DGA groups held out by the random split. */
  readonly randomShare: number;
  readonly seed: number;
}

/**
 * Splits the pool for one fold. Held out: the fold's sources and families (random: a seeded share
 * of malicious and DGA groups) and the fixed benign share. Training gets everything else, minus
 * any example whose registrable domain is among the held-out ones.
 */
export function buildFold(pool: readonly Example[], plan: FoldPlan, settings: FoldSettings): FoldData {
  const positives = new Map<string, Example[]>();
  const negatives: Example[] = [];
  const calibration: Example[] = [];
  const heldOutGroups = new Set<string>();
  const isRandomHeldOut = (e: Example) =>
    hashString(e.group, settings.seed ^ 0x72616e) / 2 ** 32 < settings.randomShare;
  const benignList = plan.kind === 'benign-list' ? plan.benignList : undefined;
  for (const e of pool) {
    let key: string | null = null;
    if (e.label === 'benign') {
      if (benignList !== undefined) {
        // The held-out list is the negative set; the fixed benign share stays out of training as in every run.
        if (e.source === benignList) {
          negatives.push(e);
          heldOutGroups.add(e.group);
        } else if (isHeldOutBenignGroup(e.group, settings.benignHoldoutShare, settings.seed)) {
          calibration.push(e);
          heldOutGroups.add(e.group);
        }
        continue;
      }
      if (isHeldOutBenignGroup(e.group, settings.benignHoldoutShare, settings.seed)) {
        negatives.push(e);
        heldOutGroups.add(e.group);
      }
      continue;
    }
    if (plan.kind !== 'held-out') key = isRandomHeldOut(e) ? `random-${e.label}` : null;
    else if (plan.sources.includes(e.source) || plan.families.includes(e.source)) key = e.source;
    if (key === null) continue;
    let list = positives.get(key);
    if (!list) positives.set(key, (list = []));
    list.push(e);
    heldOutGroups.add(e.group);
  }
  const heldOutSources = new Set(
    plan.kind === 'held-out' ? [...plan.sources, ...plan.families] : benignList !== undefined ? [benignList] : [],
  );
  const train = pool.filter((e) => !heldOutSources.has(e.source) && !heldOutGroups.has(e.group));
  // A registrable domain on the held-out list and on another list belongs to the held-out side only.
  const negativeGroups = new Set(negatives.map((e) => e.group));
  return { plan, train, positives, negatives, calibration: calibration.filter((e) => !negativeGroups.has(e.group)) };
}
