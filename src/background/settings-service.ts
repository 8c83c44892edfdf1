/**
 * The one place the user's settings change. Changes run one at a time on a queue: each reads the
 * settings the previous one saved, so two changes made at once (a click in the popup while the
 * options page saves) both last, in memory and in storage.local, whatever order the browser
 * finishes the writes in. After each change Chrome's persistent allow rules follow the trusted
 * and paused lists (a listed site the user trusts must pass the packaged static rules).
 */
import type { Settings, SettingsStore } from '../core/settings.js';
import { alwaysAllowedSites, type BlockList } from './block-list.js';
import type { Runtime } from './runtime.js';

export interface SettingsService {
  /** The settings as of the last change. */
  current(): Promise<Settings>;
  /** Applies `change` once every earlier change is saved; resolves with the settings saved. */
  change(change: (settings: Settings) => Settings): Promise<Settings>;
}

export interface SettingsServiceDeps {
  readonly runtime: Promise<Runtime>;
  readonly store: SettingsStore;
  /** Chrome's DNR rules; null in Firefox. */
  readonly blockList: BlockList | null;
  /** Runs after each saved change (strict mode's rule follows its setting). */
  readonly afterChange?: (runtime: Runtime) => Promise<void>;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((site, i) => site === b[i]);

/** The service over `runtime.settings`, saving to `store`. */
export function createSettingsService(deps: SettingsServiceDeps): SettingsService {
  let queue: Promise<unknown> = Promise.resolve();

  return {
    current: async () => {
      await queue;
      return (await deps.runtime).settings;
    },
    change(change) {
      const next = queue.then(async () => {
        const runtime = await deps.runtime;
        const before = runtime.settings;
        const after = change(before);
        await deps.store.save(after);
        // Replaced, never mutated: the judge reads the new object from here on.
        runtime.settings = after;
        const allowedChanged =
          !sameList(before.trustedSites, after.trustedSites) || !sameList(before.pausedSites, after.pausedSites);
        if (allowedChanged) await deps.blockList?.syncTrusted(alwaysAllowedSites(after, runtime.policy));
        await deps.afterChange?.(runtime);
        return after;
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
