/**
 * From spans of the scored name to spans of the name people see. The model scores `host`
 * (ASCII, `www.` stripped, possibly cut to its last maxLength characters — explain.ts already adds
 * the tokenizer's `startOf` offset); the UIs show `displayHost` (www kept, IDN labels in Unicode).
 * Characters of a punycode label cannot be matched one to one with its Unicode form, so a span
 * touching such a label highlights the whole label.
 */
import type { ScorableHost } from './domain.js';
import type { ExplainWeights } from './explain-weights.js';
import { explainHost, mergeSpans, type Span } from './explain.js';
import { explainBlendHost, type BlendExplainer } from './ngram/blend-explain.js';

/** An explanation in display coordinates, ready for the popup, the tooltips and the warning page. */
export interface DisplayExplanation {
  readonly displayHost: string;
  /** Spans of `displayHost`, sorted by start, each with its share of the positive contribution. */
  readonly spans: readonly Span[];
  readonly head: number;
  readonly probability: number;
}

type HostNames = Pick<ScorableHost, 'host' | 'fullHost' | 'displayHost'>;

/** Maps spans over `names.host` to spans over `names.displayHost`; spans that cannot be mapped are dropped. */
export function toDisplaySpans(names: HostNames, spans: readonly Span[]): Span[] {
  const { host, fullHost, displayHost } = names;
  if (!fullHost.endsWith(host)) return [];
  const shift = fullHost.length - host.length;
  const asciiLabels = fullHost.split('.');
  const shownLabels = displayHost.split('.');
  if (asciiLabels.length !== shownLabels.length) return [];
  // For each character of fullHost, the display range it corresponds to.
  const from = new Int32Array(fullHost.length);
  const to = new Int32Array(fullHost.length);
  let ascii = 0;
  let shown = 0;
  asciiLabels.forEach((label, i) => {
    const display = shownLabels[i]!;
    const same = label === display;
    for (let c = 0; c < label.length; c++) {
      from[ascii + c] = same ? shown + c : shown;
      to[ascii + c] = same ? shown + c + 1 : shown + display.length;
    }
    ascii += label.length;
    shown += display.length;
    if (i < asciiLabels.length - 1) {
      from[ascii] = shown;
      to[ascii] = shown + 1;
      ascii++;
      shown++;
    }
  });
  const out: Span[] = [];
  for (const span of spans) {
    const start = span.start + shift;
    const end = span.end + shift;
    if (start < 0 || end > fullHost.length || end <= start) continue;
    out.push({ start: from[start]!, end: to[end - 1]!, weight: span.weight });
  }
  return mergeSpans(out);
}

/**
 * Explains a parsed name in display coordinates (microseconds: table look-ups on the weights);
 * with `blend`, the n-gram members' evidence counts too, as much as they weigh in the score.
 */
export function explainDisplay(
  weights: ExplainWeights,
  names: HostNames,
  head?: number,
  blend?: BlendExplainer,
): DisplayExplanation {
  const explanation =
    blend && blend.members.length > 0
      ? explainBlendHost(weights, blend, names.host, head)
      : explainHost(weights, names.host, head);
  return {
    displayHost: names.displayHost,
    spans: toDisplaySpans(names, explanation.spans),
    head: explanation.head,
    probability: explanation.probability,
  };
}

// Name segments live in their own module so the page-side UIs (content script, popup) can render
// names without pulling in the explainers and, through the n-gram blend, tfjs.
export { labelCount, nameSegments, type NameSegment } from './name-segments.js';
