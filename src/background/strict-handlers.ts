/**
 * The checking page's one question (strict mode): the background judges the address it held and
 * answers forward (its site is then let through for the session, so the forward is not held
 * again) or warn (a warning address with a token, as the guard issues). Judging that fails or takes
 * longer than STRICT_JUDGE_BOUND_MS lets the page through, saying why in the popup (browsing never
 * stops on Snowman), unless the packaged threat list names the site.
 */
import {
  MessageError,
  type Handlers,
  type NavigationCheck,
  type SenderInfo,
  type UncheckedReason,
} from '../core/messages.js';
import { logError } from '../platform/log.js';
import type { BlockList } from './block-list.js';
import { parseDomain } from '../core/domain.js';
import { shouldInterrupt, siteOf, type Judgement } from './judge.js';
import type { StrictMode } from './strict-mode.js';
import { warningUrl } from './warning-url.js';
import type { WarningTokens } from './warning-tokens.js';

/** Longest wait for a verdict before the page is let through (a cold worker under load takes ~1.2 s). */
export const STRICT_JUDGE_BOUND_MS = 3_000;
/** Extra wait for the threat list alone once the verdict is late. */
const LISTED_BOUND_MS = 250;

export interface StrictHandlerDeps {
  readonly strict: StrictMode;
  readonly judgeUrl: (url: string) => Promise<Judgement>;
  /** The packaged threat list's verdict for `url`, or null (not listed, or the list is not read yet). */
  readonly judgeListed: (url: string) => Promise<Judgement | null>;
  readonly blockList: BlockList | null;
  readonly tokens: WarningTokens;
  readonly warningPage: string;
  /** Absolute URL of the checking page: only it may ask. */
  readonly checkingPage: string;
  readonly boundMs?: number;
}

export type StrictHandlers = Pick<Handlers, 'check-navigation'>;

const TIMED_OUT = Symbol('timed out');

function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The key user choices apply to, without waiting on anything (the judge may be what is slow). */
function siteOfUrl(url: string): string | null {
  const parsed = parseDomain(url);
  return parsed.ok ? siteOf(parsed) : null;
}

function isWebAddress(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export function createStrictHandlers(deps: StrictHandlerDeps): StrictHandlers {
  const { strict } = deps;
  const bound = deps.boundMs ?? STRICT_JUDGE_BOUND_MS;

  async function warn(tabId: number, judgement: Judgement, site: string): Promise<NavigationCheck> {
    if (judgement.verdict?.level === 'dangerous' && judgement.parsed.ok)
      await deps.blockList
        ?.add(judgement.parsed.host)
        .catch((error: unknown) => logError('adding a block rule', error));
    const token = await deps.tokens.issue(tabId, site);
    return { action: 'warn', url: warningUrl(deps.warningPage, judgement.url, token) };
  }

  async function forward(url: string, site: string | null, unchecked?: UncheckedReason): Promise<NavigationCheck> {
    const key = site ?? new URL(url).hostname;
    // Let through before answering: the page's forward must not be held again.
    const passed = unchecked === undefined ? await strict.pass(url) : await strict.passUnchecked(url, key, unchecked);
    if (!passed) throw new MessageError('Snowman cannot let this address through its hold');
    return unchecked === undefined ? { action: 'forward', url } : { action: 'forward', url, unchecked };
  }

  return {
    async 'check-navigation'({ url }, sender: SenderInfo) {
      if (sender.url === undefined || !sender.url.startsWith(deps.checkingPage) || sender.tabId === undefined)
        throw new MessageError('only the checking page may ask this');
      if (!isWebAddress(url)) throw new MessageError('only http and https addresses are checked', 'not-web-address');
      const recorded = await strict.claim(sender.tabId, url);
      if (recorded === null) throw new MessageError('Snowman did not hold this address in this tab');
      let judgement: Judgement | typeof TIMED_OUT;
      try {
        judgement = await within(deps.judgeUrl(recorded), bound);
      } catch (error) {
        logError('strict check', error);
        return forward(recorded, siteOfUrl(recorded), 'failed');
      }
      if (judgement === TIMED_OUT) {
        const listed = await within(deps.judgeListed(recorded), LISTED_BOUND_MS).catch(() => null);
        if (listed !== null && listed !== TIMED_OUT && listed.site !== null && shouldInterrupt(listed))
          return warn(sender.tabId, listed, listed.site);
        return forward(recorded, siteOfUrl(recorded), 'slow');
      }
      if (judgement.site !== null && shouldInterrupt(judgement)) return warn(sender.tabId, judgement, judgement.site);
      return forward(recorded, judgement.site, judgement.verdict === null ? 'no-verdict' : undefined);
    },
  };
}
