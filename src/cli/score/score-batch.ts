/**
 * A batch of raw inputs → parsed hosts, model scores and verdicts. The model runs once per batch
 * on the scorable names only; unscorable inputs never reach it.
 */
import { parseDomain, type ParsedHost } from '../../core/domain.js';
import { scoreHosts, type HostScore, type Scorer } from '../../core/model/scorer.js';
import { decide, type DecisionContext, type Verdict } from '../../core/verdict.js';

export interface ScoredInput {
  /** The input as given (trimmed). */
  readonly input: string;
  readonly parsed: ParsedHost;
  /** Model output; null for unscorable inputs. */
  readonly hostScore: HostScore | null;
  readonly verdict: Verdict;
}

/** Scores one batch; the output is in input order, one entry per input. */
export async function scoreBatch(
  inputs: readonly string[],
  scorer: Scorer,
  context: DecisionContext,
): Promise<ScoredInput[]> {
  const parsed = inputs.map((input) => parseDomain(input));
  const hosts: string[] = [];
  for (const p of parsed) if (p.ok) hosts.push(p.host);
  const scores = await scoreHosts(scorer, hosts);
  let next = 0;
  return parsed.map((p, i) => {
    const hostScore = p.ok ? scores[next++]! : null;
    return { input: inputs[i]!.trim(), parsed: p, hostScore, verdict: decide(p, hostScore, context) };
  });
}
