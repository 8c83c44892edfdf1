/**
 * The generalisation table: one row per held-out source or family, the models side by side
 * (AUC and recall at FPR 1e-3 each), then the means that decide which scorer ships.
 */
import type { GeneralisationResult } from '../generalisation/types.js';
import { count, fixed, percent, renderTable, type Align } from './text-table.js';

export interface GeneralisationTable {
  readonly header: string[];
  readonly rows: string[][];
  readonly align: Align[];
}

/** The table as cells, shared by the terminal and the HTML report. */
export function generalisationTable(result: GeneralisationResult): GeneralisationTable {
  const models = result.models;
  const header = ['kind', 'held out', 'positives', 'benign', ...models.flatMap((m) => [`${m} AUC`, `${m} R@1e-3`])];
  const align: Align[] = ['left', 'left', 'right', 'right', ...models.flatMap(() => ['right', 'right'] as Align[])];
  // Grouped by protocol (sources, then families, then the random split) so each mean sits under its rows.
  const order: Record<string, number> = { source: 0, family: 1, 'benign-list': 2, random: 3 };
  const keys = Array.from(new Set(result.folds.map((f) => `${f.kind}\u0000${f.heldOut}`))).sort((a, b) => {
    const [ka, ha] = a.split('\u0000') as [string, string];
    const [kb, hb] = b.split('\u0000') as [string, string];
    return (order[ka] ?? 4) - (order[kb] ?? 4) || ha.localeCompare(hb);
  });
  const rows = keys.map((key) => {
    const [kind, heldOut] = key.split('\u0000') as [string, string];
    const folds = result.folds.filter((f) => f.kind === kind && f.heldOut === heldOut);
    const first = folds[0]!;
    return [
      kind,
      heldOut,
      count(first.nPositives),
      count(first.nNegatives),
      ...models.flatMap((m) => {
        const f = folds.find((r) => r.model === m);
        return [fixed(f?.auc, 4), percent(f?.recallAtFpr1e3)];
      }),
    ];
  });
  const summary = (
    kind: string,
    label: string,
    pick: (m: GeneralisationResult['means'][number]) => { auc: number; recallAtFpr1e3: number } | null,
  ) => [
    kind,
    label,
    '',
    '',
    ...models.flatMap((model) => {
      const m = result.means.find((x) => x.model === model);
      const v = m ? pick(m) : null;
      return [fixed(v?.auc, 4), percent(v?.recallAtFpr1e3)];
    }),
  ];
  const bare = (m: GeneralisationResult['means'][number]) =>
    m.source.bareRecallAtFpr1e3 === undefined ? null : { auc: Number.NaN, recallAtFpr1e3: m.source.bareRecallAtFpr1e3 };
  const probe = (m: GeneralisationResult['means'][number]) =>
    m.subdomainFlagged === undefined ? null : { auc: Number.NaN, recallAtFpr1e3: m.subdomainFlagged };
  rows.push(
    summary('mean', 'leave-one-source-out', (m) => m.source),
    summary('mean', 'leave-one-source-out, names without a sub-domain (recall only)', bare),
    summary('mean', 'leave-family-out', (m) => m.family),
    summary('mean', 'leave-family-out, dictionary DGA families', (m) => m.dictionary ?? null),
    summary('mean', 'leave-one-benign-list-out', (m) => m.benignList ?? null),
    summary('mean', 'random split', (m) => m.random),
    summary('probe', 'benign names with a service sub-domain, share flagged (should be ~0.1%)', probe),
  );
  return { header, rows, align };
}

/**
 * The operating point, one row per model and protocol: AUC, recall at FPR 1e-3 and 1e-4, and the
 * share flagged / stopped at the run's operating thresholds (for benign lists: false alarms).
 */
export function operatingTable(result: GeneralisationResult): GeneralisationTable {
  type Means = GeneralisationResult['means'][number];
  const protocols: [
    string,
    (
      m: Means,
    ) => (Means['source'] & { flagged?: number; stopped?: number; recallAtFpr1e4?: number }) | null | undefined,
  ][] = [
    ['unseen sources', (m) => m.source],
    ['unseen DGA families', (m) => m.family],
    ['dictionary DGA families', (m) => m.dictionary],
    ['held-out benign lists', (m) => m.benignList],
  ];
  const rows = result.means.flatMap((m) =>
    protocols.flatMap(([label, pick]) => {
      const v = pick(m);
      return v
        ? [
            [
              m.model,
              label,
              fixed(v.auc, 4),
              percent(v.recallAtFpr1e3),
              percent(v.recallAtFpr1e4),
              percent(v.flagged),
              percent(v.stopped),
            ],
          ]
        : [];
    }),
  );
  return {
    header: ['model', 'rows', 'AUC', 'R@1e-3', 'R@1e-4', 'flagged', 'stopped'],
    rows,
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
  };
}

/**
 * Benign lists under each model: share flagged at FPR 1e-3 and median percentile. A long-tail
 * list flagged far more than the top lists means the model learned "not popular".
 */
export function benignSourceTable(result: GeneralisationResult): GeneralisationTable {
  const models = result.models;
  const sources = Array.from(new Set(result.benignBySource.map((r) => r.source)));
  const rows = sources.map((source) => {
    const mine = result.benignBySource.filter((r) => r.source === source);
    return [
      source,
      count(mine[0]?.n ?? 0),
      ...models.flatMap((m) => {
        const r = mine.find((x) => x.model === m);
        return [percent(r?.flaggedAtFpr1e3), fixed(r?.medianPercentile, 2)];
      }),
    ];
  });
  return {
    header: ['benign list', 'names', ...models.flatMap((m) => [`${m} flagged@1e-3`, `${m} median pct`])],
    rows,
    align: ['left', 'right', ...models.flatMap(() => ['right', 'right'] as Align[])],
  };
}

/** The protocol in one line: epochs, seed, hold-out share, caps, run time. */
export function protocolLine(result: GeneralisationResult): string {
  const p = result.protocol;
  return `protocol: ${p.epochs} epochs, seed ${p.seed}, benign hold-out ${percent(p.benignHoldoutShare)}, at most ${count(p.maxTrainPerSource)} training and ${count(p.maxEvalPerSource)} held-out names per source; run took ${fixed(result.runSeconds, 0)} s`;
}

/** Renders the generalisation result for a terminal. */
export function renderGeneralisationText(result: GeneralisationResult): string {
  const table = generalisationTable(result);
  const operating = operatingTable(result);
  const out = [
    renderTable(table.header, table.rows, table.align),
    '',
    renderTable(operating.header, operating.rows, operating.align),
    '',
  ];
  if (result.benignBySource.length > 0) {
    const benign = benignSourceTable(result);
    out.push(renderTable(benign.header, benign.rows, benign.align), '');
  }
  out.push(
    renderTable(
      ['model', 'train s', 'µs/name'],
      result.costs.map((c) => [c.model, fixed(c.trainSeconds, 1), fixed(c.scoreMicrosPerName, 2)]),
      ['left', 'right', 'right'],
    ),
  );
  out.push('', protocolLine(result));
  for (const note of result.protocol.notes) out.push(`  - ${note}`);
  return out.join('\n');
}
