/**
 * A name the shipped model and detectors judge *suspicious* (not dangerous): Balanced lets it open,
 * Strict stops it, so a suite can tell which sensitivity the extension applies. Chosen at test time
 * from invented candidates, since a retrained model moves names between levels.
 */
import { parseDomain } from '../../../src/core/domain.js';
import { scoreHosts } from '../../../src/core/model/scorer.js';
import { decide } from '../../../src/core/verdict.js';
import { openScoringSession } from '../../../src/cli/score/load-scorer.js';

/** Invented names, none HSTS-preloaded (plain http must reach the test server). */
const CANDIDATES = [
  'appleid-verify.com',
  'paypal-help.org',
  'secure-paypa1-login.net',
  'amaz0n-orders-help.com',
  'netflix-billing-update.org',
  'micros0ft-account-help.net',
  'wellsfarg0-secure.com',
  'chase-alerts-verify.net',
];

/** The first candidate judged suspicious as the extension judges it (list, model and detectors). */
export async function pickSuspiciousName(): Promise<string> {
  const session = await openScoringSession();
  try {
    const scores = await scoreHosts(session.scorer, CANDIDATES);
    const found = CANDIDATES.find(
      (host, i) => decide(parseDomain(host), scores[i]!, session.context).level === 'suspicious',
    );
    if (found === undefined)
      throw new Error(
        `no candidate is suspicious to model ${session.scorer.metadata.version}: add one to CANDIDATES in suspicious-name.ts`,
      );
    return found;
  } finally {
    session.scorer.dispose();
  }
}
