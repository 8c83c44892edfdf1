/**
 * `score-links`: a content script's batch of linked hosts → verdicts for the risky ones, recorded
 * in the tab's page summary. The payload was validated by the contract (bounded arrays of bounded
 * strings); here the sender must be the top frame of a web page in a tab, and the per-page cap
 * bounds the work one page can cause. Safe hosts are not answered at all: a content script only
 * learns what it needs to draw a badge.
 */
import { parseDomain } from '../core/domain.js';
import type { LinkVerdict, Protocol } from '../core/messages.js';
import { MessageError, type SenderInfo } from '../core/messages.js';
import type { Explainer } from './explainer.js';
import { judgedSafe, shouldInterrupt, siteOf, type Judgement } from './judge.js';
import type { HostRecord, PageSummaries } from './page-summary.js';

type Request = Protocol['score-links']['request'];
type Response = Protocol['score-links']['response'];

export interface LinkScoringDeps {
  readonly summaries: PageSummaries;
  /** Judges many URLs or hosts at once; null when the model is unavailable. */
  judgeMany(): Promise<((urls: readonly string[]) => Promise<Judgement[]>) | null>;
  readonly explainer: Explainer;
  /** True when the user paused protection for this site (its pages' links are not badged). */
  isPaused(site: string): Promise<boolean> | boolean;
  /**
   * Linked hosts judged dangerous (and not allowed by the user), as scored: Chrome gives each a
   * redirect rule at once, so a click on the link lands on the warning page with no request sent.
   */
  onDangerous?(hosts: readonly string[]): Promise<void>;
  /** Linked hosts judged and not to be stopped (strict mode lets them through; not awaited). */
  onJudgedSafe?(hosts: readonly string[]): void;
  /** Whether links to a site of this level get a badge (sensitivity and the link-badge setting); all when absent. */
  badges?(level: 'suspicious' | 'dangerous'): Promise<boolean> | boolean;
  readonly now?: () => number;
}

/** The checks the contract cannot make: a tab, its top frame, a web page. */
export function checkLinkSender(sender: SenderInfo): { tabId: number; pageUrl: string } {
  if (typeof sender.tabId !== 'number' || sender.tabId < 0) throw new MessageError('score-links must come from a tab');
  if (sender.frameId !== 0) throw new MessageError('score-links is accepted from top frames only');
  const url = sender.url ?? '';
  if (!/^https?:\/\//i.test(url)) throw new MessageError('score-links must come from a web page');
  return { tabId: sender.tabId, pageUrl: url };
}

function recordOf(host: string, judgement: Judgement | undefined): HostRecord {
  const parsed = judgement?.parsed;
  const names = parsed?.ok
    ? { registrableDomain: parsed.registrableDomain, displayHost: parsed.displayHost }
    : { registrableDomain: null, displayHost: host };
  const verdict = judgement?.verdict;
  if (!verdict) return { ...names, level: 'error', category: '-', score: null, links: 0 };
  return { ...names, level: verdict.level, category: verdict.category, score: verdict.score, links: 0 };
}

/** The `score-links` handler. */
export function createLinkScoring(deps: LinkScoringDeps): (payload: Request, sender: SenderInfo) => Promise<Response> {
  const now = deps.now ?? (() => performance.now());

  return async ({ pageId, hosts, counts }, sender) => {
    const { tabId, pageUrl } = checkLinkSender(sender);
    const page = parseDomain(pageUrl);
    const paused = page.ok && (await deps.isPaused(siteOf(page)));
    const judgements = new Map<string, Judgement>();

    const { admitted, refused, records } = await deps.summaries.update(
      tabId,
      { pageId, pageUrl, hosts, counts },
      async (admittedHosts) => {
        const started = now();
        const judgeMany = await deps.judgeMany();
        const results = judgeMany && admittedHosts.length > 0 ? await judgeMany(admittedHosts) : [];
        admittedHosts.forEach((host, i) => results[i] && judgements.set(host, results[i]!));
        const out = new Map(admittedHosts.map((host) => [host, recordOf(host, judgements.get(host))]));
        return { records: out, startedAt: started, endedAt: now(), paused };
      },
    );

    const dangerous: string[] = [];
    const safeHosts: string[] = [];
    for (const judgement of judgements.values()) {
      if (judgement.parsed.ok && judgement.verdict?.level === 'dangerous' && shouldInterrupt(judgement))
        dangerous.push(judgement.parsed.host);
      else if (judgedSafe(judgement)) safeHosts.push(judgement.parsed.host);
    }
    if (safeHosts.length > 0) deps.onJudgedSafe?.(safeHosts);
    // Before the reply: once the badge shows, a click must already meet the rule.
    if (dangerous.length > 0) await deps.onDangerous?.(dangerous);
    if (paused) return { risky: [], refused };
    const risky: LinkVerdict[] = [];
    for (const host of admitted) {
      const record = records.get(host);
      const judgement = judgements.get(host);
      if (!record || (record.level !== 'suspicious' && record.level !== 'dangerous') || !judgement?.parsed.ok) continue;
      // Counted in the summary either way (popup, toolbar); only the page's badges follow the setting.
      if (deps.badges && !(await deps.badges(record.level))) continue;
      risky.push({
        host,
        displayHost: record.displayHost,
        registrableDomain: record.registrableDomain,
        level: record.level,
        category: record.category,
        score: record.score,
        reason: judgement.verdict?.reasons[0] ?? null,
        explanation: await deps.explainer.explain(judgement.parsed, record.category),
      });
    }
    return { risky, refused };
  };
}
