/** The one way to say "this name was not scored": no level, score or risk, and the reason why. */
import type { UnscorableReason } from './domain.js';
import type { FailureCode } from './failure.js';
import type { Verdict } from './verdict.js';

/**
 * A verdict for a name that was not scored: `message` says why (in English, for logs and reports);
 * `reason` when the name itself was refused, `failure` when Snowman failed (what the pages word).
 */
export function unscorableVerdict(message: string, reason?: UnscorableReason, failure?: FailureCode): Verdict {
  const verdict: Verdict = {
    level: 'unscorable',
    category: '-',
    score: null,
    risk: null,
    reasons: [{ kind: 'unscorable', message }],
  };
  return {
    ...verdict,
    ...(reason === undefined ? {} : { unscorableReason: reason }),
    ...(failure === undefined ? {} : { failure }),
  };
}
