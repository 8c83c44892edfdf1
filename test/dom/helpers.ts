/** Wires the real content-script parts to a recording stand-in for the background (the browser boundary). */
import type { LinkVerdict } from '../../src/core/messages.js';
import { createBadgeLayer, type BadgeLayer } from '../../src/content/badges.js';
import { createScanner, type Scanner } from '../../src/content/scanner.js';
import { createSlicer } from '../../src/content/slicer.js';
import { createTooltip, type Tooltip } from '../../src/content/tooltip.js';

/** A verdict as the background would send it: hosts starting with "evil" are dangerous, "odd" suspicious. */
export function verdictFor(host: string): LinkVerdict | null {
  const level = host.startsWith('evil') ? 'dangerous' : host.startsWith('odd') ? 'suspicious' : null;
  if (!level) return null;
  return {
    host,
    displayHost: host,
    registrableDomain: host.split('.').slice(-2).join('.'),
    level,
    category: 'malicious',
    score: level === 'dangerous' ? 0.999 : 0.95,
    reason: { kind: 'model', message: 'the name resembles the addresses of phishing, scam and malware sites' },
    explanation: [{ start: 0, end: 4, weight: 1 }],
  };
}

export interface Harness {
  readonly scanner: Scanner;
  readonly badges: BadgeLayer;
  readonly tooltip: Tooltip;
  /** Every batch the scanner sent, in order. */
  readonly batches: { hosts: string[]; counts: number[] }[];
  /** Changes the stand-in's answers (e.g. after "trust"). */
  decide: (host: string) => LinkVerdict | null;
}

export function createHarness(options: { batchSize?: number; budgetMs?: number } = {}): Harness {
  const slicer = createSlicer({
    budgetMs: options.budgetMs ?? 8,
    now: () => performance.now(),
    defer: (run) => setTimeout(run, 0),
  });
  const tooltip = createTooltip(document);
  const badges = createBadgeLayer(document, tooltip);
  const harness: Harness = {
    batches: [],
    decide: verdictFor,
    badges,
    tooltip,
    scanner: createScanner({
      doc: document,
      slicer,
      badges,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      send: async (hosts, counts) => {
        harness.batches.push({ hosts, counts });
        return hosts.map((h) => harness.decide(h)).filter((v): v is LinkVerdict => v !== null);
      },
    }),
  };
  return harness;
}

/** The element Snowman inserted after `link`, if any (identified by the scanner's own bookkeeping). */
export function badgeAfter(harness: Harness, link: Element): Element | null {
  const next = link.nextElementSibling;
  return next && harness.badges.isOwn(next) ? next : null;
}
