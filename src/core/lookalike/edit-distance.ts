/** Bounded edit distance for typosquat checks. */

/**
 * True when `a` and `b` differ by exactly one substitution, insertion, deletion or swap of two
 * adjacent characters (optimal string alignment distance 1). Linear time, no allocation.
 */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // Substitution: the rest equal after skipping one; swap: the next two are crossed.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** What the single edit from `target` to `candidate` was, for messages and rules. */
export type EditKind = 'substitution' | 'insertion' | 'deletion' | 'transposition' | 'doubling';

/** Classifies a one-edit difference (assumes `isOneEditApart(candidate, target)`). */
export function editKind(candidate: string, target: string): EditKind {
  if (candidate.length === target.length + 1) {
    let i = 0;
    while (i < target.length && candidate[i] === target[i]) i++;
    return (i > 0 && candidate[i] === candidate[i - 1]) || candidate[i] === candidate[i + 1] ? 'doubling' : 'insertion';
  }
  if (candidate.length + 1 === target.length) return 'deletion';
  let i = 0;
  while (candidate[i] === target[i]) i++;
  return candidate[i + 1] === target[i] && candidate[i] === target[i + 1] && candidate[i + 1] !== target[i + 1]
    ? 'transposition'
    : 'substitution';
}
