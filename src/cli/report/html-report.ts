/**
 * The `--report` file: one self-contained HTML page (inline CSS and SVG, no scripts, no external
 * assets), readable offline and safe to attach to a ticket.
 */
import type { GeneralisationResult } from '../generalisation/types.js';
import type { EvalResult } from './evaluate.js';
import { verdictBasis } from './eval-text.js';
import { benignSourceTable, generalisationTable, protocolLine } from './generalisation-text.js';
import { histogramSvg } from './svg-histogram.js';
import { rocSvg, type RocSeries } from './svg-roc.js';
import { esc } from './svg.js';
import { count, fixed, percent, type Align } from './text-table.js';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#212529}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dee2e6}
table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.2rem .6rem;border-bottom:1px solid #e9ecef}
td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}.note{color:#495057;font-size:.9em}
.grid{display:flex;flex-wrap:wrap;gap:.5rem}svg{max-width:100%;height:auto}`;

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const cls = (c: number) => (align[c] === 'right' ? ' class="r"' : '');
  const head = header.map((h, c) => `<th${cls(c)}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, c) => `<td${cls(c)}>${esc(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function thresholdMarks(result: EvalResult, column: string) {
  const t = result.model.thresholds[column as keyof EvalResult['model']['thresholds']];
  return t
    ? [
        { level: 'suspicious' as const, value: t.suspicious },
        { level: 'dangerous' as const, value: t.dangerous },
      ]
    : [];
}

function evalSections(result: EvalResult): string {
  const parts: string[] = [];
  const m = result.model;
  parts.push(
    `<p>Model <b>${esc(m.version)}</b> (${esc(m.architecture)}; heads ${esc(m.heads.join(', '))}) on ${esc(m.backend)}/${esc(m.engine)}; ${count(result.benign.names)} benign names.</p>`,
  );
  parts.push(`<p class="note">${esc(verdictBasis(result))}</p>`);
  const fprs = result.classes[0]?.recall.map((r) => r.fpr) ?? [];
  parts.push('<h2>Classes</h2>');
  parts.push(
    table(
      [
        'class',
        'score',
        'names',
        'benign',
        'AUC',
        ...fprs.map((f) => `recall @ FPR ${f.toExponential(0)}`),
        'suspicious+',
        'dangerous',
        'verdict',
      ],
      result.classes.map((c) => [
        c.label,
        c.column,
        count(c.positives),
        count(c.negatives),
        fixed(c.auc, 4),
        ...c.recall.map((r) => `${percent(r.recall)}${r.resolved ? '' : '*'}`),
        percent(c.shipped.suspicious),
        percent(c.shipped.dangerous),
        percent(c.shipped.verdict),
      ]),
      ['left', 'left', 'right', 'right', 'right', ...fprs.map(() => 'right' as const), 'right', 'right', 'right'],
    ),
  );
  parts.push(
    `<p class="note">suspicious+/dangerous: share at or above the shipped model thresholds; verdict: share the full decision flags (popular-site allowlist and lookalike detectors included). * fewer than 1/FPR benign names: the threshold sits above every benign score. Benign false-positive rate at the shipped thresholds: suspicious+ ${percent(result.benign.shipped.suspicious)}, dangerous ${percent(result.benign.shipped.dangerous)}, verdict ${percent(result.benign.shipped.verdict)}.</p>`,
  );
  const series: RocSeries[] = result.classes.map((c) => ({
    name: c.label,
    points: c.roc,
    operating: [
      { level: 'suspicious', fpr: result.benign.shipped.suspicious, tpr: c.shipped.suspicious },
      { level: 'dangerous', fpr: result.benign.shipped.dangerous, tpr: c.shipped.dangerous },
    ],
  }));
  if (series.some((s) => s.points.length > 0)) {
    parts.push('<h2>ROC curves</h2>', rocSvg(series.filter((s) => s.points.length > 0)));
    parts.push(
      '<p class="note">Markers: the shipped thresholds (any head), at the benign false-positive rate they give on these files. Dashed lines: FPR 1e-4, 1e-3, 1e-2.</p>',
    );
  }
  parts.push('<h2>Score histograms per class</h2>');
  for (const h of result.histograms) {
    const chartSeries = (['benign', 'malicious', 'dga'] as const).flatMap((label) =>
      h.byLabel[label] ? [{ name: label, counts: h.byLabel[label]! }] : [],
    );
    parts.push(
      histogramSvg({
        title: h.column === 'max' ? 'highest head score' : `${h.column} head score`,
        series: chartSeries,
        thresholds: thresholdMarks(result, h.column),
      }),
    );
  }
  parts.push('<h2>Files</h2>');
  parts.push(
    table(
      [
        'file',
        'label',
        'names',
        'rejected',
        'dup',
        'score',
        'AUC',
        'R@FPR 1e-3',
        'suspicious+',
        'dangerous',
        'verdict',
      ],
      result.files.map((f) => [
        f.source,
        f.label,
        count(f.names),
        count(f.rejected),
        count(f.duplicates),
        f.column,
        fixed(f.auc, 4),
        percent(f.recallAtFpr1e3),
        percent(f.shipped.suspicious),
        percent(f.shipped.dangerous),
        percent(f.shipped.verdict),
      ]),
      ['left', 'left', 'right', 'right', 'right', 'left', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  parts.push(
    '<p class="note">For benign files the flagged shares are false-positive rates. Each chart: the file (colour) against all benign names (grey).</p><div class="grid">',
  );
  for (const f of result.files) {
    const benign = result.histograms.find((h) => h.column === f.column)?.byLabel.benign;
    const chartSeries = [
      ...(benign && f.label !== 'benign' ? [{ name: 'benign', counts: benign, reference: true }] : []),
      { name: f.label, counts: f.histogram },
    ];
    parts.push(
      histogramSvg({
        title: `${f.source} (${count(f.names)})`,
        series: chartSeries,
        thresholds: thresholdMarks(result, f.column),
        small: true,
      }),
    );
  }
  parts.push('</div>');
  return parts.join('\n');
}

function generalisationSection(result: GeneralisationResult): string {
  const t = generalisationTable(result);
  const notes = result.protocol.notes.map((n) => `<li>${esc(n)}</li>`).join('');
  const benign = result.benignBySource.length > 0 ? benignSourceTable(result) : null;
  return [
    '<h2>Generalisation: unseen sources and DGA families</h2>',
    table(t.header, t.rows, t.align),
    benign
      ? '<p class="note">Benign lists: share flagged at the FPR 1e-3 threshold and median score percentile; a long-tail list flagged far more than the top lists would mean the model learned "not popular" rather than "malicious".</p>'
      : '',
    benign ? table(benign.header, benign.rows, benign.align) : '',
    table(
      ['model', 'train s', 'µs/name'],
      result.costs.map((c) => [c.model, fixed(c.trainSeconds, 1), fixed(c.scoreMicrosPerName, 2)]),
      ['left', 'right', 'right'],
    ),
    `<p class="note">${esc(protocolLine(result))}</p>`,
    notes ? `<ul class="note">${notes}</ul>` : '',
  ].join('\n');
}

/** Renders the report page from whichever results the run produced. */
export function renderHtmlReport(parts: {
  eval?: EvalResult | undefined;
  generalisation?: GeneralisationResult | undefined;
  createdAt?: string;
}): string {
  const body: string[] = [];
  if (parts.eval) body.push(evalSections(parts.eval));
  if (parts.generalisation) body.push(generalisationSection(parts.generalisation));
  const when = parts.createdAt ?? new Date().toISOString();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Snowman evaluation report</title><style>${CSS}</style></head>
<body><h1>Snowman evaluation report</h1><p class="note">${esc(when)}</p>
${body.join('\n')}
</body></html>
`;
}
