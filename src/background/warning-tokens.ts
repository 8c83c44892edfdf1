/**
 * One-time tokens for the warnings the extension itself shows. The warning page is web
 * accessible (redirects must reach it), so any site can open it with any target: its Continue and
 * Always trust act only with a token issued for that tab and site, or when the extension's own
 * block rule is what redirected there (see warning-issued.ts). Kept in storage.session under a key
 * of their own, so a stopped worker still honours them and no cache eviction reaches them.
 */
import type { SessionStore } from '../platform/storage.js';

const KEY = 'warning-tokens';
/** Warnings outstanding at once; the oldest token goes first (a tab shows one warning at a time). */
export const MAX_WARNING_TOKENS = 64;

interface Issued {
  readonly token: string;
  readonly tabId: number;
  readonly site: string;
}

export interface WarningTokens {
  /** A fresh token for a warning about `site` shown in `tabId`. */
  issue(tabId: number, site: string): Promise<string>;
  /** True when `token` was issued for this tab and site and not used yet. */
  holds(token: string, tabId: number, site: string): Promise<boolean>;
  /** Uses the token up. */
  consume(token: string): Promise<void>;
}

function isIssued(value: unknown): value is Issued {
  const v = value as Issued;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.token === 'string' &&
    typeof v.tabId === 'number' &&
    typeof v.site === 'string'
  );
}

/** Tokens over `store` (storage.session); `random` is crypto.randomUUID outside tests. */
export function createWarningTokens(
  store: SessionStore,
  random: () => string = () => crypto.randomUUID(),
): WarningTokens {
  let chain: Promise<unknown> = Promise.resolve();
  const load = async (): Promise<Issued[]> => {
    const stored = (await store.get([KEY]))[KEY];
    return Array.isArray(stored) ? stored.filter(isIssued) : [];
  };
  /** Read-modify-write in order, so two warnings issued together both keep their tokens. */
  const update = <T>(change: (list: Issued[]) => { list: Issued[]; result: T }): Promise<T> => {
    const next = chain.then(async () => {
      const { list, result } = change(await load());
      await store.set({ [KEY]: list.slice(-MAX_WARNING_TOKENS) });
      return result;
    });
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    issue: (tabId, site) => {
      const token = random();
      return update((list) => ({
        list: [...list.filter((t) => t.tabId !== tabId || t.site !== site), { token, tabId, site }],
        result: token,
      }));
    },
    async holds(token, tabId, site) {
      await chain;
      return (await load()).some((t) => t.token === token && t.tabId === tabId && t.site === site);
    },
    consume: (token) => update((list) => ({ list: list.filter((t) => t.token !== token), result: undefined })),
  };
}
