/**
 * When the quick check (core/ngram/quick-check.ts) decided a navigation, the full model takes over
 * as soon as it is in: the tab's record and toolbar get its verdict, a page the quick check let
 * through is sent to the warning page if the full model says so, and a lasting block rule is
 * added only for a name the full model judges dangerous (a rule outlives this worker, the quick
 * check's verdict does not).
 */
import { logError } from '../platform/log.js';
import type { TabRecord } from '../core/messages.js';
import type { BlockList } from './block-list.js';
import { frameRecordOf, type Judgement } from './judge.js';
import type { Runtime } from './runtime.js';
import type { TabRecords } from './tab-records.js';

export interface QuickTakeoverDeps {
  readonly runtime: Promise<Runtime>;
  readonly tabs: TabRecords;
  readonly blockList: BlockList | null;
  judgeUrl(url: string): Promise<Judgement>;
  /** Acts on a committed page's verdict (the guard's re-check: warning page when it should be stopped). */
  recheck(tabId: number, url: string, judgement: Judgement): Promise<void>;
  showToolbar(tabId: number, record: TabRecord): Promise<void>;
}

export interface QuickTakeover {
  /** The main frame of `tabId` committed `pageUrl` (the warning page, or `target` itself) on a quick verdict for `target`. */
  afterCommit(tabId: number, pageUrl: string, target: string): Promise<void>;
  /** Adds `url`'s block rule once the full model judges it dangerous. */
  ruleOnceConfirmed(url: string): Promise<void>;
}

/** True when the quick check gave this judgement's verdict. */
export function isQuick(judgement: Judgement): boolean {
  return judgement.verdict?.quickCheck === true;
}

export function createQuickTakeover(deps: QuickTakeoverDeps): QuickTakeover {
  /** The full model's judgement of `url`, or null when the model could not load (the quick verdict stands). */
  async function fullJudgement(url: string): Promise<Judgement | null> {
    const runtime = await deps.runtime;
    if (!runtime.judge) return null;
    const judgement = await deps.judgeUrl(url);
    return isQuick(judgement) ? null : judgement;
  }

  async function ruleOnceConfirmed(url: string): Promise<void> {
    const judgement = await fullJudgement(url);
    if (judgement?.verdict?.level === 'dangerous' && judgement.parsed.ok)
      await deps.blockList
        ?.add(judgement.parsed.host)
        .catch((error: unknown) => logError('adding a block rule', error));
  }

  return {
    ruleOnceConfirmed,
    async afterCommit(tabId, pageUrl, target) {
      const judgement = await fullJudgement(target);
      if (!judgement) return;
      const record = await deps.tabs.replaceMain(tabId, target, frameRecordOf(judgement));
      if (!record) return; // the tab shows another page now: its own events decide it
      await deps.showToolbar(tabId, record);
      if (pageUrl === target) await deps.recheck(tabId, pageUrl, judgement);
    },
  };
}
