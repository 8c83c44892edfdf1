/**
 * URL → judgement: parse, score (cache first, one batched predict for misses), then core's
 * `decide` with the user's choices. No browser API here, so Node tests run it on the real model.
 */
import type { ScoreCache } from '../core/cache.js';
import { parseDomain, type ParsedHost, type ScorableHost } from '../core/domain.js';
import { scoreHosts, type HostScore, type Scorer } from '../core/model/scorer.js';
import { decide, type DecisionContext, type UserOverride, type Verdict } from '../core/verdict.js';
import type { FrameRecord, VerdictSource } from '../core/messages.js';
import { alertingFor, type Sensitivity } from '../core/sensitivity.js';
import { unscorableVerdict } from '../core/unscorable-verdict.js';
import { listedMatch } from '../core/threats/listed.js';

export interface Judgement {
  readonly url: string;
  readonly parsed: ParsedHost;
  /** What Continue and Always trust apply to; null for names that cannot be scored. */
  readonly site: string | null;
  /** Null when the model is unavailable (see `error`). */
  readonly verdict: Verdict | null;
  readonly error?: string;
  /** The user chose Continue for this site in this browser session. */
  readonly sessionAllowed: boolean;
  /** The user's sensitivity when judged (Balanced when absent). */
  readonly sensitivity?: Sensitivity;
}

/** The key user choices apply to: the registrable domain (PSL private section on), or the host. */
export function siteOf(parsed: ScorableHost): string {
  return parsed.registrableDomain ?? parsed.host;
}

/** True when the packaged threat list decided the verdict (Chrome's static rules enforce it already). */
export function isListed(judgement: Judgement): boolean {
  return judgement.verdict?.reasons[0]?.kind === 'listed';
}

/** Warned about at the user's sensitivity and not let through this session: the navigation must be stopped. */
export function shouldInterrupt(judgement: Judgement): boolean {
  const level = judgement.verdict?.level;
  return (
    level !== undefined &&
    alertingFor(level, judgement.sensitivity ?? 'balanced').interrupt &&
    !judgement.sessionAllowed
  );
}

/** Judged, and not to be stopped: strict mode may let the host through its hold. */
export function judgedSafe(judgement: Judgement): judgement is Judgement & { readonly parsed: ScorableHost } {
  return judgement.parsed.ok && judgement.verdict !== null && !shouldInterrupt(judgement);
}

/** A judgement as recorded for a tab's frame. */
export function frameRecordOf(judgement: Judgement): FrameRecord {
  const { parsed, verdict } = judgement;
  const host = parsed.ok ? parsed.fullHost : (parsed.host ?? '');
  if (!verdict) return { url: judgement.url, host, level: 'error', category: '-', score: null };
  const record = { url: judgement.url, host, level: verdict.level, category: verdict.category, score: verdict.score };
  return verdict.quickCheck ? { ...record, quickCheck: true } : record;
}

/** Where a judgement's verdict came from, for the start-up metrics. */
export function sourceOf(judgement: Judgement): VerdictSource {
  if (judgement.verdict?.quickCheck) return 'quick-check';
  return judgement.verdict?.score == null ? 'no-score' : 'model';
}

/** A main frame's record: the frame's, plus the verdict and names the popup renders from storage. */
export function mainFrameRecordOf(judgement: Judgement): FrameRecord {
  const frame = frameRecordOf(judgement);
  const { parsed, verdict, site } = judgement;
  if (!verdict || !parsed.ok || site === null) return frame;
  return {
    ...frame,
    site: { displayHost: parsed.displayHost, registrableDomain: parsed.registrableDomain, site, verdict },
  };
}

/** A judgement for when the model could not load: nothing is interrupted. */
export function unavailableJudgement(url: string, error: string): Judgement {
  const parsed = parseDomain(url);
  return {
    url,
    parsed,
    site: parsed.ok ? siteOf(parsed) : null,
    verdict: parsed.ok ? null : decideUnscorable(parsed),
    error,
    sessionAllowed: false,
  };
}

function decideUnscorable(parsed: ParsedHost & { ok: false }): Verdict {
  return unscorableVerdict(parsed.message, parsed.reason);
}

export interface JudgeDeps {
  /** Null while the model is still loading: only cached scores can be judged (judgeCached). */
  readonly scorer: Scorer | null;
  readonly cache: ScoreCache;
  readonly context: DecisionContext;
  isTrusted(site: string): boolean;
  isSessionAllowed(site: string): boolean;
  /** The user blocked the site: judged dangerous (trust wins over it). */
  isBlocked?(site: string): boolean;
  /** The user paused protection for the site: judged as usual, never interrupted. */
  isPaused?(site: string): boolean;
  /** The user's sensitivity (Balanced when absent). */
  sensitivity?(): Sensitivity;
  /**
   * The choice that decides `host` (of `site`) whatever the model says — the organisation's, the
   * user's, an imported list's — in their order of precedence; replaces isTrusted/isBlocked when given.
   */
  override?(site: string, host: string): UserOverride | undefined;
  /** The scorer is the quick check (core/ngram/quick-check.ts): its verdicts say so. */
  readonly quick?: boolean;
}

export interface Judge {
  judge(url: string): Promise<Judgement>;
  /**
   * A judgement from cached scores only (memory, then session storage), or null when the name
   * was not scored this session: a restarted worker answers names it already knows while the
   * model is still loading.
   */
  judgeCached(url: string): Promise<Judgement | null>;
  /**
   * A judgement without the model for a name on the threat list or blocked by a choice (the
   * organisation's, the user's, an imported list), or null for any other name.
   */
  judgeListed(url: string): Judgement | null;
  /**
   * Judges a batch (a page's linked hosts). Memory cache, then the model, never the store: one
   * model pass over 200 names takes ~3–7 ms, reading 200 entries back from storage.session took
   * 40–100 ms in Chromium (and several batches queue behind each other's reads).
   */
  judgeMany(urls: readonly string[]): Promise<Judgement[]>;
  /** Scores normalised hosts: cache (memory, then the store unless `fromStore` is false), in-flight requests, then one predict for the rest. */
  scoreMany(hosts: readonly string[], fromStore?: boolean): Promise<Map<string, HostScore>>;
}

/** Builds the judge over a loaded model. */
export function createJudge(deps: JudgeDeps): Judge {
  const { scorer, cache, context } = deps;
  const inFlight = new Map<string, Promise<HostScore | undefined>>();

  function peekMany(hosts: readonly string[]): Map<string, HostScore> {
    const found = new Map<string, HostScore>();
    for (const host of hosts) {
      const hit = cache.peek(host);
      if (hit) found.set(host, hit);
    }
    return found;
  }

  async function scoreMany(hosts: readonly string[], fromStore = true): Promise<Map<string, HostScore>> {
    const unique = [...new Set(hosts)];
    const found = fromStore ? await cache.getMany(unique) : peekMany(unique);
    const waiting: Promise<void>[] = [];
    const missing: string[] = [];
    for (const host of unique) {
      if (found.has(host)) continue;
      const pending = inFlight.get(host);
      if (pending) waiting.push(pending.then((score) => void (score && found.set(host, score))));
      else missing.push(host);
    }
    if (missing.length > 0 && scorer) {
      const batch = scoreHosts(scorer, missing).then((scores) => new Map(missing.map((host, i) => [host, scores[i]!])));
      for (const host of missing) {
        // Other waiters see a failure as "no score"; the caller that started the batch gets the error.
        const one = batch.then(
          (scores) => scores.get(host),
          () => undefined,
        );
        inFlight.set(host, one);
        waiting.push(one.then((score) => void (score && found.set(host, score))));
      }
      try {
        // Memory now; the storage.session write (a serialisation and a round trip) trails the answer.
        void cache.setMany(await batch);
      } finally {
        for (const host of missing) inFlight.delete(host);
      }
    }
    await Promise.all(waiting);
    return found;
  }

  function finish(url: string, parsed: ParsedHost, score: HostScore | null): Judgement {
    if (!parsed.ok) return { url, parsed, site: null, verdict: decide(parsed, null, context), sessionAllowed: false };
    const site = siteOf(parsed);
    const override = deps.override
      ? deps.override(site, parsed.host)
      : deps.isTrusted(site)
        ? 'trusted'
        : deps.isBlocked?.(site)
          ? 'blocked'
          : undefined;
    const decided = decide(parsed, score, context, override);
    const verdict: Verdict = deps.quick && score ? { ...decided, quickCheck: true } : decided;
    const sessionAllowed = deps.isSessionAllowed(site) || (deps.isPaused?.(site) ?? false);
    return deps.sensitivity
      ? { url, parsed, site, verdict, sessionAllowed, sensitivity: deps.sensitivity() }
      : { url, parsed, site, verdict, sessionAllowed };
  }

  async function judge(url: string): Promise<Judgement> {
    const parsed = parseDomain(url);
    if (!parsed.ok) return finish(url, parsed, null);
    // Warm path: a memory hit decides without awaiting anything but this function's promise. A new
    // name is scored at once when a scorer is there (about half a millisecond): reading
    // storage.session first costs a round trip of several, while strict mode races the request.
    const hit = cache.peek(parsed.host) ?? (await scoreMany([parsed.host], scorer === null)).get(parsed.host);
    return finish(url, parsed, hit ?? null);
  }

  async function judgeMany(urls: readonly string[]): Promise<Judgement[]> {
    const parsed = urls.map((url) => parseDomain(url));
    const scores = await scoreMany(
      parsed.flatMap((p) => (p.ok ? [p.host] : [])),
      false,
    );
    return urls.map((url, i) => {
      const p = parsed[i]!;
      return finish(url, p, p.ok ? (scores.get(p.host) ?? null) : null);
    });
  }

  async function judgeCached(url: string): Promise<Judgement | null> {
    const parsed = parseDomain(url);
    if (!parsed.ok) return finish(url, parsed, null);
    const hit = cache.peek(parsed.host) ?? (await cache.getMany([parsed.host])).get(parsed.host);
    return hit ? finish(url, parsed, hit) : null;
  }

  function judgeListed(url: string): Judgement | null {
    const parsed = parseDomain(url);
    if (!parsed.ok) return null;
    const chosen = deps.override?.(siteOf(parsed), parsed.host);
    const blocked = chosen === 'org-blocked' || chosen === 'blocked' || chosen === 'imported-blocked';
    if (!blocked && !listedMatch(context.threats, parsed)) return null;
    return finish(url, parsed, cache.peek(parsed.host) ?? null);
  }

  return { judge, judgeCached, judgeListed, judgeMany, scoreMany };
}
