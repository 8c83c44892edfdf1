/**
 * A verdict in words a non-expert reads at a glance: the level word, what the site may do, and
 * the reasons strongest first. Shared by the warning page, the popup and the link tooltips so all
 * say the same; worded here, in the reader's language, from the reasons' kinds and details (the
 * English `message` of a reason is for the CLI and reports). Free of the domain parser (tldts,
 * punycode) so the popup stays small.
 */
import type { UnscorableReason } from '../core/domain.js';
import type { Category, Reason, Verdict, VerdictLevel } from '../core/verdict.js';
import { formatDate, t, type MessageKey } from '../platform/i18n.js';
import { failureWordsFor } from './failure-words.js';

const LEVEL_KEYS: Readonly<Record<VerdictLevel | 'error', MessageKey>> = {
  dangerous: 'verdict_dangerous',
  suspicious: 'verdict_suspicious',
  safe: 'verdict_safe',
  unscorable: 'verdict_not_checked',
  error: 'verdict_not_checked',
};

/** The one word for a level, as every surface shows it. */
export function levelWord(level: VerdictLevel | 'error'): string {
  return t(LEVEL_KEYS[level]);
}

const CATEGORY_KEYS: Readonly<Record<Category, MessageKey | null>> = {
  malicious: 'verdict_category_phishing',
  dga: 'verdict_category_dga',
  benign: null,
  '-': null,
};

/** What kind of risky name it is ("phishing-like name"); '' for a name with no risk category. */
export function categoryWord(category: Category): string {
  const key = CATEGORY_KEYS[category];
  return key === null || key === undefined ? '' : t(key);
}

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
const BLOCKED_HEADLINES: Readonly<Record<string, MessageKey>> = {
  'org-blocked': 'verdict_headline_org_blocked',
  'user-blocked': 'verdict_headline_user_blocked',
  'imported-blocked': 'verdict_headline_imported_blocked',
};

const CHOICE_KEYS: Readonly<Partial<Record<Reason['kind'], MessageKey>>> = {
  'user-trusted': 'reason_user_trusted',
  'user-blocked': 'reason_user_blocked',
  'org-trusted': 'reason_org_trusted',
  'org-blocked': 'reason_org_blocked',
  'imported-trusted': 'reason_imported_trusted',
  'imported-blocked': 'reason_imported_blocked',
};

const THREAT_KEYS: Readonly<Record<string, MessageKey>> = {
  phishing: 'reason_threat_phishing',
  scam: 'reason_threat_scam',
  malware: 'reason_threat_malware',
};

const UNSCORABLE_KEYS: Readonly<Record<UnscorableReason, MessageKey>> = {
  empty: 'reason_unscorable_empty',
  invalid: 'reason_unscorable_invalid',
  scheme: 'reason_unscorable_scheme',
  ip: 'reason_unscorable_ip',
  local: 'reason_unscorable_local',
  'too-long': 'reason_unscorable_too_long',
};

/** What a reason is worded from besides itself: the verdict's category and why it was not scored. */
export type ReasonContext = Pick<Verdict, 'category'> & Partial<Pick<Verdict, 'unscorableReason' | 'failure'>>;

function lookalikeText(reason: Reason): string {
  const { detail } = reason;
  if (reason.target !== undefined) return t('reason_lookalike', reason.target);
  if (detail?.kind === 'mixed-scripts') return t('reason_mixed_scripts', detail.label);
  if (detail?.kind === 'reads-as') return t('reason_reads_as', detail.label, detail.looks);
  return t('reason_lookalike_plain');
}

/** One reason in plain words. */
export function reasonText(reason: Reason, context: ReasonContext): string {
  const { detail } = reason;
  const choice = CHOICE_KEYS[reason.kind];
  if (choice !== undefined) return t(choice);
  switch (reason.kind) {
    case 'popular':
      return detail?.kind === 'popular' ? t('reason_popular', detail.domain) : t('reason_popular_plain');
    case 'listed':
      return detail?.kind === 'listed'
        ? t(
            'reason_listed',
            detail.feed,
            t(THREAT_KEYS[detail.threat] ?? 'reason_threat_other'),
            formatDate(detail.date) || detail.date,
          )
        : t('reason_listed_plain');
    case 'lookalike':
      return lookalikeText(reason);
    case 'model':
      return context.category === 'dga' ? t('reason_model_dga') : t('reason_model_phishing');
    default:
      // Not scored: a refused name says why; anything else is the background's own error.
      // (the message is English, for the report; the page words the failure's code).
      return context.unscorableReason === undefined
        ? t('reason_unscorable_error', failureWordsFor(context.failure ?? 'internal'))
        : t(UNSCORABLE_KEYS[context.unscorableReason]);
  }
}

/** The verdict's reasons in plain words, strongest first, without repeats. */
export function plainReasons(verdict: Verdict): string[] {
  const ordered = [...verdict.reasons].sort((a, b) => (STRENGTH[a.kind] ?? 9) - (STRENGTH[b.kind] ?? 9));
  return [...new Set(ordered.map((reason) => reasonText(reason, verdict)))].filter((text) => text !== '');
}

/** What the site may do to the user, in one sentence (empty for a site that is not flagged). */
export function riskHeadline(verdict: Verdict): string {
  if (verdict.level !== 'dangerous' && verdict.level !== 'suspicious') return '';
  const blocked = verdict.reasons.find((r) => BLOCKED_HEADLINES[r.kind] !== undefined);
  if (blocked) return t(BLOCKED_HEADLINES[blocked.kind]!);
  const dangerous = verdict.level === 'dangerous';
  if (verdict.category === 'dga' && !verdict.reasons.some((r) => r.kind === 'lookalike'))
    return dangerous ? t('verdict_headline_dga_dangerous') : t('verdict_headline_dga_suspicious');
  return dangerous ? t('verdict_headline_phishing_dangerous') : t('verdict_headline_phishing_suspicious');
}
