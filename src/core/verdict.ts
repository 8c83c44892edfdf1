/**
 * The one decision: model thresholds, the popular-site allowlist, lookalike findings and the
 * user's own choices → a verdict. The extension, `snowman score` and `snowman serve` all call
 * this, so they always agree on a name.
 */
import type { ParsedHost, UnscorableReason } from './domain.js';
import type { FailureCode } from './failure.js';
import type { RiskCategory } from './model/architecture.js';
import { riskOf } from './model/calibration.js';
import type { HeadThresholds, ModelMetadata } from './model/metadata.js';
import type { HostScore } from './model/scorer.js';
import { listedMatch, listedMessage } from './threats/listed.js';
import type { ThreatList } from './threats/lookup.js';
import { unscorableVerdict } from './unscorable-verdict.js';

export type RiskLevel = 'safe' | 'suspicious' | 'dangerous';
export type VerdictLevel = RiskLevel | 'unscorable';
export type Category = 'benign' | RiskCategory | '-';

/**
 * What a page needs to word a reason in the reader's language; only the reasons whose kind alone
 * does not say it carry one. `message` stays the English sentence the CLI, server and reports use.
 */
export type ReasonDetail =
  | { readonly kind: 'popular'; readonly domain: string }
  | { readonly kind: 'listed'; readonly threat: string; readonly feed: string; readonly date: string }
  | { readonly kind: 'mixed-scripts'; readonly label: string }
  | { readonly kind: 'reads-as'; readonly label: string; readonly looks: string };

/** Why a verdict is what it is, in words a user can read. */
export interface Reason {
  readonly kind:
    | 'model'
    | 'popular'
    | 'listed'
    | 'lookalike'
    | 'user-trusted'
    | 'user-blocked'
    | 'org-trusted'
    | 'org-blocked'
    | 'imported-trusted'
    | 'imported-blocked'
    | 'unscorable';
  readonly message: string;
  /** For lookalikes: the popular domain being imitated. */
  readonly target?: string;
  readonly detail?: ReasonDetail;
}

/** A detector's opinion on a name independent of the model (typosquat, brand, homograph). */
export interface Finding {
  readonly level: Exclude<RiskLevel, 'safe'>;
  readonly message: string;
  readonly target?: string;
  readonly detail?: ReasonDetail;
}

export interface Verdict {
  readonly level: VerdictLevel;
  readonly category: Category;
  /** Raw model score (the highest head probability, 0–1), or null when the name was not scored. */
  readonly score: number | null;
  /**
   * Calibrated risk (0–1): the share of benign reference names that score lower than this one on
   * the deciding head; null when the name was not scored or the model ships no calibration.
   */
  readonly risk: number | null;
  readonly reasons: readonly Reason[];
  readonly unscorableReason?: UnscorableReason;
  /** Why an unscored name was not scored when Snowman itself failed (the model not loaded…), for the pages to word. */
  readonly failure?: FailureCode;
  /**
   * Set when the quick check (the n-gram members alone, core/ngram/quick-check.ts) scored the name
   * because the full model was still starting; absent when the full model did (or nothing was scored).
   */
  readonly quickCheck?: true;
}

/** Everything besides the model score that the decision needs. */
export interface DecisionContext {
  readonly metadata: ModelMetadata;
  /** True when the registrable domain (PSL private section on) is on the shipped popular list. */
  isPopular(registrableDomain: string): boolean;
  /** Lookalike and impersonation detectors; none when absent. */
  findLookalikes?(host: ParsedHost & { ok: true }): readonly Finding[];
  /** The packaged threat list (core/threats), checked before the model; none when absent. */
  readonly threats?: ThreatList;
}

/**
 * A choice that decides the level whatever the model says: the user's own (popup, options), the
 * organisation's policy, or a list the user imported. The judge picks the one that applies.
 */
export type UserOverride =
  'trusted' | 'blocked' | 'org-trusted' | 'org-blocked' | 'imported-trusted' | 'imported-blocked';

/** Each override's level and the reason it gives (the wording table for these reasons). */
const OVERRIDES: Readonly<
  Record<
    UserOverride,
    { readonly level: 'safe' | 'dangerous'; readonly kind: Reason['kind']; readonly message: string }
  >
> = {
  trusted: { level: 'safe', kind: 'user-trusted', message: 'you chose to trust this site' },
  blocked: { level: 'dangerous', kind: 'user-blocked', message: 'you chose to block this site' },
  'org-trusted': { level: 'safe', kind: 'org-trusted', message: 'trusted by your organisation' },
  'org-blocked': { level: 'dangerous', kind: 'org-blocked', message: 'blocked by your organisation' },
  'imported-trusted': { level: 'safe', kind: 'imported-trusted', message: 'on the trust list you imported' },
  'imported-blocked': { level: 'dangerous', kind: 'imported-blocked', message: 'on the block list you imported' },
};

const RANK: Record<RiskLevel, number> = { safe: 0, suspicious: 1, dangerous: 2 };

/** Level of one head's probability against its thresholds. */
export function levelFor(probability: number, thresholds: HeadThresholds): RiskLevel {
  if (probability >= thresholds.dangerous) return 'dangerous';
  if (probability >= thresholds.suspicious) return 'suspicious';
  return 'safe';
}

/**
 * The model's level for a score, the head responsible and the calibrated risk. With a calibration
 * the level is a function of the risk alone (a riskier name never gets a milder level); without
 * one (older models), each head against its own thresholds and no risk.
 */
export function modelLevel(
  score: HostScore,
  metadata: ModelMetadata,
): { level: RiskLevel; category: RiskCategory; risk: number | null } {
  const heads = metadata.architecture.heads;
  const calibration = metadata.calibration;
  if (calibration) {
    const { risk, head } = riskOf(calibration, heads, score.heads);
    const level: RiskLevel =
      risk >= calibration.levels.dangerous
        ? 'dangerous'
        : risk >= calibration.levels.suspicious
          ? 'suspicious'
          : 'safe';
    return { level, category: heads[head] ?? score.category, risk };
  }
  let level: RiskLevel = 'safe';
  let category: RiskCategory = score.category;
  for (let h = 0; h < heads.length; h++) {
    const head = heads[h]!;
    const thresholds = metadata.thresholds[head];
    if (!thresholds) continue;
    const headLevel = levelFor(score.heads[h] ?? 0, thresholds);
    if (RANK[headLevel] > RANK[level]) {
      level = headLevel;
      category = head;
    }
  }
  return { level, category, risk: null };
}

/** Plain-language model reasons, by deciding head and level: what the user is looking at, not a score. */
const MODEL_WORDS: Record<RiskCategory, Record<Exclude<RiskLevel, 'safe'>, string>> = {
  malicious: {
    suspicious: 'the name resembles the addresses of phishing, scam and malware sites',
    dangerous: 'the name strongly resembles the addresses of phishing, scam and malware sites',
  },
  dga: {
    suspicious: 'the name looks machine-generated, like the addresses malware uses to reach its servers',
    dangerous: 'the name looks machine-generated, very much like the addresses malware uses to reach its servers',
  },
};

/** Decides one parsed name. `score` is null only for unscorable names. */
export function decide(
  parsed: ParsedHost,
  score: HostScore | null,
  context: DecisionContext,
  override?: UserOverride,
): Verdict {
  if (!parsed.ok) {
    return unscorableVerdict(parsed.message, parsed.reason);
  }
  const modelScore = score?.score ?? null;
  const fromModel = score ? modelLevel(score, context.metadata) : null;
  const risk = fromModel?.risk ?? null;
  // The exceptions to "the level follows the risk" each name themselves in the reasons.
  if (override !== undefined) {
    const { level, kind, message } = OVERRIDES[override];
    return level === 'safe'
      ? { level, category: 'benign', score: modelScore, risk, reasons: [{ kind, message }] }
      : { level, category: fromModel?.category ?? 'malicious', score: modelScore, risk, reasons: [{ kind, message }] };
  }

  if (parsed.registrableDomain !== null && context.isPopular(parsed.registrableDomain)) {
    return {
      level: 'safe',
      category: 'benign',
      score: modelScore,
      risk,
      reasons: [
        {
          kind: 'popular',
          message: `${parsed.registrableDomain} is one of the most visited sites`,
          detail: { kind: 'popular', domain: parsed.registrableDomain },
        },
      ],
    };
  }

  const listed = listedMatch(context.threats, parsed);
  if (listed)
    return {
      level: 'dangerous',
      category: 'malicious',
      score: modelScore,
      risk,
      reasons: [
        {
          kind: 'listed',
          message: listedMessage(listed),
          detail: { kind: 'listed', threat: listed.feed.kind, feed: listed.feed.name, date: listed.feed.date },
        },
      ],
    };

  const reasons: Reason[] = [];
  let level: RiskLevel = 'safe';
  let category: Category = 'benign';
  if (fromModel && fromModel.level !== 'safe') {
    level = fromModel.level;
    category = fromModel.category;
    reasons.push({ kind: 'model', message: MODEL_WORDS[fromModel.category][fromModel.level] });
  }
  for (const finding of context.findLookalikes?.(parsed) ?? []) {
    reasons.push({
      kind: 'lookalike',
      message: finding.message,
      ...(finding.target === undefined ? {} : { target: finding.target }),
      ...(finding.detail === undefined ? {} : { detail: finding.detail }),
    });
    if (RANK[finding.level] > RANK[level]) level = finding.level;
    if (category === 'benign') category = 'malicious';
  }
  return { level, category, score: modelScore, risk, reasons };
}
