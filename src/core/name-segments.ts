/**
 * A host name cut into runs for display: the registrable domain emphasised, the explanation's
 * spans highlighted. Pure and dependency-free: the content script and the popup import it (via
 * ui/name-view.ts), and nothing here may pull in the model code.
 */
import type { Span } from './explain.js';

/** A run of the displayed name: plain, part of the registrable domain, and/or highlighted by the explanation. */
export interface NameSegment {
  readonly text: string;
  readonly registrable: boolean;
  readonly highlighted: boolean;
}

/**
 * Cuts `displayHost` into runs for rendering with text nodes: the registrable domain (its last
 * `registrableLabels` labels) emphasised, explanation spans highlighted. Never produces markup.
 */
export function nameSegments(displayHost: string, registrableLabels: number, spans: readonly Span[]): NameSegment[] {
  const labels = displayHost.split('.');
  const keep = Math.max(0, Math.min(registrableLabels, labels.length));
  const registrableStart =
    keep === 0 ? displayHost.length : displayHost.length - labels.slice(labels.length - keep).join('.').length;
  const cuts = new Set<number>([0, displayHost.length, registrableStart]);
  for (const span of spans) {
    if (span.start >= 0 && span.end <= displayHost.length && span.start < span.end) {
      cuts.add(span.start);
      cuts.add(span.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: NameSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const highlighted = spans.some((s) => s.start <= start && end <= s.end);
    out.push({ text: displayHost.slice(start, end), registrable: start >= registrableStart, highlighted });
  }
  return out;
}

/** Number of labels of a registrable domain (0 when there is none), for `nameSegments`. */
export function labelCount(registrableDomain: string | null): number {
  return registrableDomain === null || registrableDomain === '' ? 0 : registrableDomain.split('.').length;
}
