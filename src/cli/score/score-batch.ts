/**
 * A batch of raw inputs → parsed hosts, model scores and verdicts. The model runs once per batch
 * on the scorable names only; unscorable inputs never reach it.
 */
import { parseDomain, type ParsedHost } from '../../core/domain.js';
import { scoreHosts, type HostScore, type Scorer } from '../../core/model/scorer.js';
import { decide, type DecisionContext, type Verdict } from '../../core/verdict.js';
import type { OverlongLine } from './capped-lines.js';
import { MAX_LINE_BYTES } from './input-lines.js';

export interface ScoredInput {
  /** The input as given (trimmed). */
  readonly input: string;
  readonly parsed: ParsedHost;
  /** Model output; null for unscorable inputs. */
  readonly hostScore: HostScore | null;
  readonly verdict: Verdict;
}

/** An over-long line's parse result: not read, so not judged. */
function overlong(line: OverlongLine): ParsedHost {
  return {
    ok: false,
    reason: 'too-long',
    message: `line of ${line.bytes} bytes, over the ${MAX_LINE_BYTES}-byte line cap: not read`,
  };
}

/** The input column of an over-long line: its start, marked as cut. */
const shownInput = (input: string | OverlongLine): string =>
  typeof input === 'string' ? input.trim() : `${input.preview.trim()}…`;

/** Scores one batch; the output is in input order, one entry per input. */
export async function scoreBatch(
  inputs: readonly (string | OverlongLine)[],
  scorer: Scorer,
  context: DecisionContext,
): Promise<ScoredInput[]> {
  const parsed = inputs.map((input) => (typeof input === 'string' ? parseDomain(input) : overlong(input)));
  const hosts: string[] = [];
  for (const p of parsed) if (p.ok) hosts.push(p.host);
  const scores = await scoreHosts(scorer, hosts);
  let next = 0;
  return parsed.map((p, i) => {
    const hostScore = p.ok ? scores[next++]! : null;
    return { input: shownInput(inputs[i]!), parsed: p, hostScore, verdict: decide(p, hostScore, context) };
  });
}
