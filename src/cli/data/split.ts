/**
 * Deterministic splits that never cut a group (registrable domain) in two: every example of a
 * group lands on the same side, so a model cannot score well by remembering sibling names.
 */
import type { Example, Label } from './labelled-files.js';

export interface SplitFractions {
  readonly validation: number;
  readonly test: number;
}

export interface Split<T> {
  readonly train: T[];
  readonly validation: T[];
  readonly test: T[];
}

/** 32-bit FNV-1a of a string mixed with a seed: stable across runs and machines. */
export function hashString(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche so nearby strings spread over [0, 2^32).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Splits by group. Groups are ranked by seeded hash within each label (a group takes the label of
 * its first example), and each label's groups are cut at the same fractions: stratified by class.
 */
export function splitByGroup<T extends Pick<Example, 'group' | 'label'>>(
  examples: readonly T[],
  fractions: SplitFractions,
  seed: number,
): Split<T> {
  const groupLabel = new Map<string, Label>();
  for (const e of examples) if (!groupLabel.has(e.group)) groupLabel.set(e.group, e.label);
  const byLabel = new Map<Label, { group: string; hash: number }[]>();
  for (const [group, label] of groupLabel) {
    let list = byLabel.get(label);
    if (!list) byLabel.set(label, (list = []));
    list.push({ group, hash: hashString(group, seed) });
  }
  const side = new Map<string, keyof Split<T>>();
  for (const list of byLabel.values()) {
    list.sort((a, b) => a.hash - b.hash || (a.group < b.group ? -1 : 1));
    const nTest = Math.round(list.length * fractions.test);
    const nValidation = Math.round(list.length * fractions.validation);
    list.forEach((g, i) => side.set(g.group, i < nTest ? 'test' : i < nTest + nValidation ? 'validation' : 'train'));
  }
  const out: Split<T> = { train: [], validation: [], test: [] };
  for (const e of examples) out[side.get(e.group)!].push(e);
  return out;
}
