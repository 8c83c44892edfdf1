/**
 * Inputs → the /v1/score result objects, through the same parse → score → decide() path as the
 * CLI and the extension, so all three give a name the same verdict.
 */
import { parseDomain } from '../../core/domain.js';
import type { HostScore } from '../../core/model/scorer.js';
import { decide, type DecisionContext, type Reason } from '../../core/verdict.js';
import type { Batcher } from './batcher.js';
import { yieldToIo } from './yield-to-io.js';

/**
 * Inputs parsed or decided between two yields: 10,000 names take ~50 ms to parse, which would
 * otherwise hold every other request (one-name ones included) for that long.
 */
const CHUNK = 256;

/** `fn` over `items` in order, yielding to I/O between chunks. */
async function mapInChunks<T, U>(items: readonly T[], fn: (item: T, index: number) => U): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let start = 0; start < items.length; start += CHUNK) {
    if (start > 0) await yieldToIo();
    const end = Math.min(items.length, start + CHUNK);
    for (let i = start; i < end; i++) out[i] = fn(items[i]!, i);
  }
  return out;
}

export interface ScoredResult {
  readonly input: string;
  readonly host: string;
  /** Raw model score: the highest head probability. */
  readonly score: number;
  /** Calibrated risk: share of benign reference names scoring lower on the deciding head (null: model without calibration). */
  readonly risk: number | null;
  readonly verdict: 'safe' | 'suspicious' | 'dangerous';
  readonly category: string;
  /** Probability per model head (malicious, dga). */
  readonly heads: Readonly<Record<string, number>>;
  readonly reasons: readonly Reason[];
}

export interface UnscorableResult {
  readonly input: string;
  readonly host: string | null;
  readonly score: null;
  readonly risk: null;
  readonly verdict: 'unscorable';
  readonly category: '-';
  /** empty | invalid | scheme | ip | local | too-long */
  readonly reason: string;
  readonly message: string;
}

export type Result = ScoredResult | UnscorableResult;

/** Scores `inputs` in order; a host that appears several times is scored once. */
export async function scoreInputs(
  inputs: readonly string[],
  batcher: Batcher,
  context: DecisionContext,
): Promise<Result[]> {
  const parsed = await mapInChunks(inputs, (input) => parseDomain(input));
  const slot = new Map<string, number>();
  for (const p of parsed) if (p.ok && !slot.has(p.host)) slot.set(p.host, slot.size);
  const scores: HostScore[] = await batcher.score([...slot.keys()]);
  const heads = context.metadata.architecture.heads;
  return mapInChunks(parsed, (p, i): Result => {
    const input = inputs[i]!;
    if (!p.ok)
      return {
        input,
        host: p.host ?? null,
        score: null,
        risk: null,
        verdict: 'unscorable',
        category: '-',
        reason: p.reason,
        message: p.message,
      };
    const hostScore = scores[slot.get(p.host)!]!;
    const verdict = decide(p, hostScore, context);
    return {
      input,
      host: p.host,
      score: hostScore.score,
      risk: verdict.risk,
      verdict: verdict.level as ScoredResult['verdict'],
      category: verdict.category,
      heads: Object.fromEntries(heads.map((head, h) => [head, hostScore.heads[h]!])),
      reasons: verdict.reasons,
    };
  });
}
