/**
 * The output formats of `snowman score`. Other tools parse them: add JSON fields if needed, but
 * never rename, reorder or drop a TSV column or a JSON field (docs/cli.md describes both).
 */
import type { ModelMetadata } from '../../core/model/metadata.js';
import type { ScoredInput } from './score-batch.js';

// Tabs and line breaks inside an input would break the one-line, four-column contract: C0 and C1
// controls (U+0085 is NEL) and the Unicode line and paragraph separators, which readers such as
// Python's str.splitlines and JavaScript's line terminators split on.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** The input column: control characters and line separators (tab, CR, NEL, U+2028, …) become spaces. */
export function cleanInput(input: string): string {
  return input.replace(CONTROL, ' ');
}

/** Six decimals, as the TSV prints it; `-` when the input was not scored. */
export function formatScore(score: number | null): string {
  return score === null ? '-' : score.toFixed(6);
}

/**
 * `input<TAB>score<TAB>verdict<TAB>category`. The score column is the calibrated risk, the number
 * the verdict follows (the raw model score for a model without calibration tables).
 */
export function formatTsv(row: ScoredInput): string {
  return `${cleanInput(row.input)}\t${formatScore(row.verdict.risk ?? row.verdict.score)}\t${row.verdict.level}\t${row.verdict.category}`;
}

// Through toFixed, so the JSON number is exactly the TSV's six-decimal text.
function round6(x: number): number {
  return Number(x.toFixed(6));
}

/**
 * One JSON object: input, `score` (the raw model score), `risk` (calibrated, the TSV's score column
 * when present), verdict, category, host, registrable domain, head scores, reasons and (unscorable) reason.
 */
export function toJsonRecord(row: ScoredInput, metadata: ModelMetadata): Record<string, unknown> {
  const { parsed, verdict, hostScore } = row;
  let heads: Record<string, number> | null = null;
  if (hostScore) {
    heads = {};
    metadata.architecture.heads.forEach((head, h) => {
      heads![head] = round6(hostScore.heads[h] ?? 0);
    });
  }
  const record: Record<string, unknown> = {
    input: row.input,
    host: parsed.ok ? parsed.host : (parsed.host ?? null),
    displayHost: parsed.ok ? parsed.displayHost : null,
    registrableDomain: parsed.ok ? parsed.registrableDomain : null,
    score: verdict.score === null ? null : round6(verdict.score),
    risk: verdict.risk === null ? null : round6(verdict.risk),
    verdict: verdict.level,
    category: verdict.category,
    heads,
    reasons: verdict.reasons,
  };
  if (!parsed.ok) record['reason'] = parsed.reason;
  return record;
}

/** One line of `--json` output. */
export function formatJson(row: ScoredInput, metadata: ModelMetadata): string {
  return JSON.stringify(toJsonRecord(row, metadata));
}
