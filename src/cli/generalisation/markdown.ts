/** The generalisation result as markdown tables (docs/generalisation.md, the README, the terminal). */
import { operatingTable } from '../report/generalisation-text.js';
import type { GeneralisationResult } from './types.js';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const pct2 = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : '–');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'l' ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** Means table: one row per model. */
export function renderMeans(result: GeneralisationResult): string {
  const costs = new Map(result.costs.map((c) => [c.model, c]));
  return table(
    [
      'model',
      'unseen sources AUC',
      'recall @ FPR 1e-3',
      'recall, names without a sub-domain',
      'unseen DGA families AUC',
      'recall @ FPR 1e-3',
      'random split AUC',
      'recall @ FPR 1e-3',
      'benign sub-domains flagged',
      'train s (all runs)',
      'µs / name',
    ],
    result.means.map((m) => {
      const cost = costs.get(m.model);
      return [
        m.model,
        f3(m.source.auc),
        pct(m.source.recallAtFpr1e3),
        pct(m.source.bareRecallAtFpr1e3 ?? Number.NaN),
        f3(m.family.auc),
        pct(m.family.recallAtFpr1e3),
        m.random ? f3(m.random.auc) : '–',
        m.random ? pct(m.random.recallAtFpr1e3) : '–',
        pct2(m.subdomainFlagged ?? Number.NaN),
        cost ? cost.trainSeconds.toFixed(0) : '(members)',
        cost ? cost.scoreMicrosPerName.toFixed(1) : '(sum)',
      ];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

const signed = (x: number, digits: number, scale = 1) =>
  Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x * scale).toFixed(digits)}` : '–';

/** Each model against a reference model: differences of the four means (levers measured one at a time). */
export function renderDeltas(result: GeneralisationResult, reference: string): string {
  const base = result.means.find((m) => m.model === reference);
  if (!base) return '';
  return table(
    [
      'model',
      'description',
      'Δ sources AUC',
      'Δ sources recall (pts)',
      'Δ DGA AUC',
      'Δ DGA recall (pts)',
      'benign sub-domains flagged',
    ],
    result.means
      .filter((m) => m.model !== reference)
      .map((m) => [
        m.model,
        result.descriptions?.[m.model] ?? '',
        signed(m.source.auc - base.source.auc, 3),
        signed(m.source.recallAtFpr1e3 - base.source.recallAtFpr1e3, 1, 100),
        signed(m.family.auc - base.family.auc, 3),
        signed(m.family.recallAtFpr1e3 - base.family.recallAtFpr1e3, 1, 100),
        `${pct2(m.subdomainFlagged ?? Number.NaN)} (${pct2(base.subdomainFlagged ?? Number.NaN)})`,
      ]),
    ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
  );
}

/** Per held-out set: one row per source or family, `AUC / recall` per model. */
export function renderFolds(result: GeneralisationResult): string {
  const models = result.models;
  const keys: { kind: string; heldOut: string; fold: number; n: number }[] = [];
  for (const r of result.folds) {
    if (!keys.some((k) => k.heldOut === r.heldOut))
      keys.push({ kind: r.kind, heldOut: r.heldOut, fold: r.fold, n: r.nPositives });
  }
  const order = { source: 0, family: 1, 'benign-list': 2, random: 3 } as const;
  keys.sort(
    (a, b) =>
      order[a.kind as keyof typeof order] - order[b.kind as keyof typeof order] || (a.heldOut < b.heldOut ? -1 : 1),
  );
  const cell = (model: string, heldOut: string) => {
    const r = result.folds.find((x) => x.model === model && x.heldOut === heldOut);
    return r ? `${f3(r.auc)} / ${pct(r.recallAtFpr1e3)}` : '–';
  };
  return table(
    ['held out', 'kind', 'run', 'names', ...models.map((m) => `${m} AUC / recall`)],
    keys.map((k) => [k.heldOut, k.kind, String(k.fold + 1), String(k.n), ...models.map((m) => cell(m, k.heldOut))]),
    ['l', 'l', 'r', 'r', ...models.map(() => 'r' as const)],
  );
}

/** Benign lists: share flagged at the all-benign FPR 1e-3 threshold, per model. */
export function renderBenign(result: GeneralisationResult): string {
  const sources = [...new Set(result.benignBySource.map((r) => r.source))].sort();
  const cell = (model: string, source: string) => {
    const r = result.benignBySource.find((x) => x.model === model && x.source === source);
    return r
      ? `${pct(r.flaggedAtFpr1e3)} / ${pct(r.flaggedAtFpr1e2 ?? Number.NaN)} (p${Math.round(r.medianPercentile * 100)})`
      : '–';
  };
  return table(
    ['benign list (held-out names)', 'names', ...result.models],
    sources.map((s) => [
      s,
      String(result.benignBySource.find((r) => r.source === s)?.n ?? ''),
      ...result.models.map((m) => cell(m, s)),
    ]),
    ['l', 'r', ...result.models.map(() => 'r' as const)],
  );
}

/** The operating-point means (report/generalisation-text.ts's table) as markdown. */
function renderOperating(result: GeneralisationResult): string {
  const t = operatingTable(result);
  return table(
    t.header,
    t.rows,
    t.align.map((a) => (a === 'left' ? 'l' : 'r')),
  );
}

/** The whole result as one markdown section. */
export function renderGeneralisationMarkdown(result: GeneralisationResult): string {
  return [
    '### Means (decide what ships)',
    '',
    renderMeans(result),
    '',
    '### Operating point: recall at FPR 1e-3 / 1e-4 and the share flagged / stopped at the trainer-style thresholds (benign lists: false alarms)',
    '',
    renderOperating(result),
    '',
    '### Per held-out source and family (AUC / recall at FPR 1e-3 against held-out benign names)',
    '',
    renderFolds(result),
    '',
    '### Benign lists: share flagged at the all-benign FPR 1e-3 / 1e-2 thresholds (median score percentile)',
    '',
    renderBenign(result),
    '',
    '### Protocol',
    '',
    ...result.protocol.notes.map((n) => `- ${n}`),
    `- DGA family groups by run: ${result.protocol.familyGroups.map((g, i) => `${i + 1}: ${g.map((f) => f.replace(/^dga-/, '')).join(', ')}`).join('; ')}.`,
    `- Seed ${result.protocol.seed}; run time ${(result.runSeconds / 60).toFixed(1)} min on this machine; ${result.createdAt}.`,
    '',
  ].join('\n');
}
