/**
 * storage.session, split by what may be lost. The score cache gets a byte budget of its own
 * (core/score-budget.ts); everything else (session choices, warning tokens, tab records, page
 * summaries) writes through `kept`, which frees the cache's share and retries when the quota is full.
 */
import { budgetedStore, withRoom, type BudgetedStore } from '../core/score-budget.js';
import type { SessionStore } from '../platform/storage.js';

/** Score bytes kept in storage.session: about a fifth of Chrome's 10 MB quota, some 20,000 hosts. */
export const SCORE_BUDGET_BYTES = 2_000_000;

export interface SessionAreas {
  readonly scores: BudgetedStore;
  readonly kept: SessionStore;
}

/** Splits `base` into the budgeted score area and the kept area. */
export function splitSession(base: SessionStore, scoreBudgetBytes: number = SCORE_BUDGET_BYTES): SessionAreas {
  const scores = budgetedStore(base, scoreBudgetBytes);
  return { scores, kept: withRoom(base, () => scores.shrink(0)) };
}
