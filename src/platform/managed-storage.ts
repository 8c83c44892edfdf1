/** storage.managed: the organisation's policy (Chrome: enterprise policy; Firefox: policies.json). */
import { ext } from './browser.js';

/** The managed area's contents; {} where no policy is set or the browser has no managed storage. */
export async function readManagedStorage(): Promise<unknown> {
  try {
    return await ext().storage.managed.get();
  } catch {
    // Firefox rejects when no policy names the extension: the same as an empty policy.
    return {};
  }
}

/** Calls `listener` when the policy changes (call at top level). */
export function onManagedChanged(listener: () => void): void {
  ext().storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') listener();
  });
}
