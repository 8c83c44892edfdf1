/**
 * The organisation's policy in the background: read at start-up and whenever it changes, and (in
 * Chrome) turned into DNR rules — its blocked sites into one redirect rule above every allow rule,
 * its trusted sites into allow rules over the packaged threat list.
 */
import { NO_POLICY, parseManagedPolicy, type ManagedPolicy } from '../core/managed-policy.js';
import { policySiteKey } from '../core/policy-site-key.js';
import { errorText } from '../core/error-text.js';
import { logWarning } from '../platform/log.js';
import { alwaysAllowedSites, type BlockList } from './block-list.js';
import type { Runtime } from './runtime.js';

/** The current policy, read with `readManaged` (storage.managed); problems are logged, never fatal. */
export async function loadManagedPolicy(readManaged: () => Promise<unknown>): Promise<ManagedPolicy> {
  try {
    const problems: string[] = [];
    const policy = parseManagedPolicy(await readManaged(), policySiteKey, problems);
    if (problems.length > 0) logWarning(`managed policy: ${problems.join('; ')}`);
    return policy;
  } catch (error) {
    logWarning(`managed policy unreadable: ${errorText(error)}`);
    return NO_POLICY;
  }
}

/** Brings Chrome's rules in line with the user's choices and the policy in `runtime`. */
export async function syncPolicyRules(blockList: BlockList, runtime: Runtime): Promise<void> {
  await blockList.syncTrusted(alwaysAllowedSites(runtime.settings, runtime.policy));
  await blockList.syncPolicyBlocked(runtime.policy.blockedDomains);
}
