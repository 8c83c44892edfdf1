/** Who decided a verdict when neither the model nor the user did (SiteDetails.decidedBy). */
import type { SiteDecider } from './message-shapes.js';
import type { Verdict } from './verdict.js';

/** Where an imported list came from; null when that list is empty. */
export type ListSource = (list: 'block' | 'trust') => { readonly fileName: string; readonly importedAt: string } | null;

const IMPORTED_LISTS: Readonly<Record<string, 'block' | 'trust'>> = {
  'imported-blocked': 'block',
  'imported-trusted': 'trust',
};

/**
 * The decider of `verdict`, from its deciding reason: the organisation, or an imported list
 * named by `listSource` (without one, a list-decided verdict gives null).
 */
export function deciderOf(verdict: Verdict, listSource?: ListSource): SiteDecider | null {
  const kind = verdict.reasons[0]?.kind;
  if (kind === 'org-blocked' || kind === 'org-trusted') return { kind: 'organisation' };
  const list = kind === undefined ? undefined : IMPORTED_LISTS[kind];
  const source = list === undefined ? null : (listSource?.(list) ?? null);
  return list === undefined || source === null ? null : { kind: 'list', list, ...source };
}
