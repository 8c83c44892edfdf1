/** The terminal form of an EvalResult: a class table, then a file table. */
import type { EvalResult } from './evaluate.js';
import { count, fixed, percent, renderTable } from './text-table.js';

const FPR_LABEL = (fpr: number) => `R@FPR ${fpr.toExponential(0)}`;

function thresholdsLine(result: EvalResult): string {
  return Object.entries(result.model.thresholds)
    .map(
      ([head, t]) => `${head} ≥ ${t!.suspicious.toPrecision(4)} suspicious, ≥ ${t!.dangerous.toPrecision(4)} dangerous`,
    )
    .join('; ');
}

/** What the verdict column includes besides the thresholds. */
export function verdictBasis(result: EvalResult): string {
  return result.popularSites === null
    ? 'verdict column: model thresholds only (no popular-site list found)'
    : `verdict column: thresholds + popular-site allowlist and lookalike detectors (${count(result.popularSites)} popular sites; names on that list are never flagged, so the verdict FPR of top-list files is optimistic)`;
}

/** Renders the evaluation for a terminal. */
export function renderEvalText(result: EvalResult): string {
  const m = result.model;
  const out: string[] = [];
  out.push(`model ${m.version} (${m.architecture}; heads ${m.heads.join(', ')}) on ${m.backend}/${m.engine}`);
  out.push(`shipped thresholds: ${thresholdsLine(result)}`);
  out.push(verdictBasis(result));
  out.push('');
  const fprs = result.classes[0]?.recall.map((r) => r.fpr) ?? [];
  let unresolved = false;
  const classRows = result.classes.map((c) => [
    c.label,
    c.column,
    count(c.positives),
    count(c.negatives),
    fixed(c.auc, 4),
    ...c.recall.map((r) => {
      if (!r.resolved) unresolved = true;
      return `${percent(r.recall)}${r.resolved ? '' : '*'}`;
    }),
    percent(c.shipped.suspicious),
    percent(c.shipped.dangerous),
    percent(c.shipped.verdict),
  ]);
  out.push(
    renderTable(
      ['class', 'score', 'names', 'benign', 'AUC', ...fprs.map(FPR_LABEL), 'suspicious+', 'dangerous', 'verdict'],
      classRows,
      ['left', 'left', 'right', 'right', 'right', ...fprs.map(() => 'right' as const), 'right', 'right', 'right'],
    ),
  );
  if (unresolved) out.push('* fewer than 1/FPR benign names: the threshold sits above every benign score');
  out.push(
    `benign names flagged at the shipped thresholds (FPR): suspicious+ ${percent(result.benign.shipped.suspicious)}, dangerous ${percent(result.benign.shipped.dangerous)}, verdict ${percent(result.benign.shipped.verdict)}`,
  );
  out.push('');
  const fileRows = result.files.map((f) => [
    f.source,
    f.label,
    count(f.names),
    count(f.rejected),
    count(f.duplicates),
    fixed(f.auc, 4),
    percent(f.recallAtFpr1e3),
    percent(f.shipped.suspicious),
    percent(f.shipped.dangerous),
    percent(f.shipped.verdict),
  ]);
  out.push(
    renderTable(
      ['file', 'label', 'names', 'rejected', 'dup', 'AUC', 'R@FPR 1e-3', 'suspicious+', 'dangerous', 'verdict'],
      fileRows,
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push(
    'suspicious+/dangerous: share at or above the shipped model thresholds (for benign files: false-positive rate);',
  );
  out.push('verdict: share the full decision flags (popular-site allowlist and lookalike detectors included).');
  return out.join('\n');
}
