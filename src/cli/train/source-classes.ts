/**
 * The adversary's classes: one per source (malicious feed, DGA family, benign list) of the labels
 * it covers, numbered label by label so each label's sources are consecutive (the adversary's
 * softmax runs within one label's block).
 */
import type { Example, Label } from '../data/labelled-files.js';

export interface AdversaryOptions {
  /** Largest gradient reversal factor λ, reached as 2/(1+e^(−10p))−1 of it over training. */
  readonly lambda: number;
  /** Relu units of the adversary's hidden layer (default 32). */
  readonly hidden?: number;
  /** Labels whose sources it classifies (default all three). */
  readonly labels?: readonly Label[];
}

export interface SourceClasses {
  /** Class count of each label block, in class order. */
  readonly groups: readonly number[];
  /** Source name of each class. */
  readonly names: readonly string[];
  /** Class of each example; −1 for an example of a label the adversary does not cover. */
  readonly classOf: Int32Array;
}

const LABEL_ORDER: readonly Label[] = ['benign', 'malicious', 'dga'];

/** Classes over `examples`' sources; a label with a single source is left out (nothing to tell apart). */
export function sourceClasses(examples: readonly Example[], labels: readonly Label[] = LABEL_ORDER): SourceClasses {
  const sourcesOf = new Map<Label, Set<string>>();
  for (const e of examples) {
    if (!labels.includes(e.label)) continue;
    const set = sourcesOf.get(e.label) ?? new Set<string>();
    set.add(e.source);
    sourcesOf.set(e.label, set);
  }
  const groups: number[] = [];
  const names: string[] = [];
  const index = new Map<string, number>();
  for (const label of LABEL_ORDER) {
    const sources = [...(sourcesOf.get(label) ?? [])].sort();
    if (sources.length < 2) continue;
    groups.push(sources.length);
    for (const source of sources) {
      index.set(`${label}\u0000${source}`, names.length);
      names.push(source);
    }
  }
  const classOf = Int32Array.from(examples, (e) => index.get(`${e.label}\u0000${e.source}`) ?? -1);
  return { groups, names, classOf };
}
