/**
 * A verdict in words a non-expert reads at a glance: the level word, what the site may do, and
 * the reasons strongest first. Shared by the warning page and the popup so both say the same;
 * free of the domain parser (tldts, punycode) so the popup stays small.
 */
import type { Reason, Verdict, VerdictLevel } from '../core/verdict.js';

/** The one word for a level, as every surface shows it. */
export const LEVEL_WORDS: Readonly<Record<VerdictLevel | 'error', string>> = {
  dangerous: 'Dangerous',
  suspicious: 'Suspicious',
  safe: 'Looks safe',
  unscorable: 'Not checked',
  error: 'Not checked',
};

// A feed or the user's own choice outranks a lookalike, which outranks the model's reading of the name.
const STRENGTH: Readonly<Record<string, number>> = {
  'org-blocked': 0,
  'user-blocked': 0,
  'imported-blocked': 0,
  listed: 1,
  lookalike: 2,
  model: 3,
};

/** The headline of a site someone chose to block, by who chose. */
const BLOCKED_HEADLINES: Readonly<Record<string, string>> = {
  'org-blocked': 'Your organisation blocked this site, so Snowman keeps it closed.',
  'user-blocked': 'You blocked this site, so Snowman keeps it closed.',
  'imported-blocked': 'This site is on the block list you imported, so Snowman keeps it closed.',
};

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** One reason in plain words. */
export function reasonText(reason: Reason, category: string): string {
  switch (reason.kind) {
    case 'user-blocked':
      return 'You blocked this site.';
    case 'listed':
      return `It is on a list of known harmful sites (${reason.message.trim()}).`;
    case 'lookalike':
      return reason.target === undefined
        ? sentence(reason.message)
        : `It looks like ${reason.target}, but it is a different site.`;
    case 'model':
      return category === 'dga'
        ? 'Its name looks machine-generated, the way malware names its servers.'
        : 'Its name looks like the names of phishing and scam sites.';
    default:
      return sentence(reason.message);
  }
}

/** The verdict's reasons in plain words, strongest first, without repeats. */
export function plainReasons(verdict: Verdict): string[] {
  const ordered = [...verdict.reasons].sort((a, b) => (STRENGTH[a.kind] ?? 9) - (STRENGTH[b.kind] ?? 9));
  return [...new Set(ordered.map((reason) => reasonText(reason, verdict.category)))].filter((text) => text !== '');
}

/** What the site may do to the user, in one sentence (empty for a site that is not flagged). */
export function riskHeadline(verdict: Verdict): string {
  if (verdict.level !== 'dangerous' && verdict.level !== 'suspicious') return '';
  const blocked = verdict.reasons.find((r) => BLOCKED_HEADLINES[r.kind] !== undefined);
  if (blocked) return BLOCKED_HEADLINES[blocked.kind]!;
  const may = verdict.level === 'dangerous' ? 'may' : 'could';
  if (verdict.category === 'dga' && !verdict.reasons.some((r) => r.kind === 'lookalike'))
    return `This site ${may} be part of a malware network: it ${may} try to install harmful software or steal your data.`;
  return `This site ${may} try to steal your password, card or wallet.`;
}
