/** The one way to say "this name was not scored": no level, score or risk, and the reason why. */
import type { UnscorableReason } from './domain.js';
import type { Verdict } from './verdict.js';

/** A verdict for a name that was not scored: `message` says why; `reason` when the name itself was refused. */
export function unscorableVerdict(message: string, reason?: UnscorableReason): Verdict {
  const verdict: Verdict = {
    level: 'unscorable',
    category: '-',
    score: null,
    risk: null,
    reasons: [{ kind: 'unscorable', message }],
  };
  return reason === undefined ? verdict : { ...verdict, unscorableReason: reason };
}
