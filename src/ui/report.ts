/**
 * The report a user can copy or save for a false positive or a missed threat, from the popup or
 * the warning page. Built locally and never sent anywhere; it holds the domain only (no path or
 * query, which may be private), the verdict and reasons, and the model and lists behind them.
 */
import type { ExplanationSpan, ModelStatus } from '../core/messages.js';
import type { Verdict } from '../core/verdict.js';

/** What a report is about: a site as the popup or the warning page received it. */
export interface ReportSubject {
  readonly fullHost: string;
  readonly displayHost: string;
  readonly registrableDomain: string | null;
  readonly verdict: Verdict;
  readonly modelVersion: string | null;
  readonly explanation?: readonly ExplanationSpan[] | undefined;
}

/** A threat list's name and version, when lists were consulted. */
export interface ListVersion {
  readonly name: string;
  readonly version: string;
}

export interface SnowmanReport {
  readonly format: 'snowman-report';
  readonly formatVersion: 1;
  /** A flagged site reported as fine, or an unflagged site reported as harmful. */
  readonly kind: 'false-positive' | 'missed-threat';
  readonly createdAt: string;
  readonly domain: { readonly host: string; readonly display: string; readonly registrableDomain: string | null };
  readonly verdict: {
    readonly level: string;
    readonly category: string;
    readonly score: number | null;
    readonly reasons: readonly string[];
  };
  /** The parts of the name that drove the score, as text and as [start, end) of `domain.display`. */
  readonly explanation: readonly {
    readonly text: string;
    readonly start: number;
    readonly end: number;
    readonly weight: number;
  }[];
  readonly model: { readonly version: string | null; readonly backend: string | null; readonly engine: string | null };
  /** Threat lists and their versions; empty when none were consulted. */
  readonly lists: readonly ListVersion[];
  readonly extensionVersion: string;
}

/** Builds the report for one site. */
export function buildReport(
  site: ReportSubject,
  status: ModelStatus | null,
  extensionVersion: string,
  now: Date = new Date(),
  lists: readonly ListVersion[] = [],
): SnowmanReport {
  const flagged = site.verdict.level === 'suspicious' || site.verdict.level === 'dangerous';
  return {
    format: 'snowman-report',
    formatVersion: 1,
    kind: flagged ? 'false-positive' : 'missed-threat',
    createdAt: now.toISOString(),
    domain: { host: site.fullHost, display: site.displayHost, registrableDomain: site.registrableDomain },
    verdict: {
      level: site.verdict.level,
      category: site.verdict.category,
      score: site.verdict.score,
      reasons: site.verdict.reasons.map((r) => r.message),
    },
    explanation: (site.explanation ?? []).map((s) => ({
      text: site.displayHost.slice(s.start, s.end),
      start: s.start,
      end: s.end,
      weight: Math.round(s.weight * 1000) / 1000,
    })),
    model: {
      version: site.modelVersion ?? status?.modelVersion ?? null,
      backend: status?.backend ?? null,
      engine: status?.engine ?? null,
    },
    lists: lists.map(({ name, version }) => ({ name, version })),
    extensionVersion,
  };
}

/** The report as the text that is copied or saved. */
export function reportText(report: SnowmanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** File name for a saved report: the host and the date, nothing else. */
export function reportFileName(report: SnowmanReport): string {
  return `snowman-report-${report.domain.host.replace(/[^a-z0-9.-]/gi, '_')}-${report.createdAt.slice(0, 10)}.json`;
}
