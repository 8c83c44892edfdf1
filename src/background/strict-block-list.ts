/**
 * The block list as strict mode needs it: a way through strict mode's hold is a session allow rule
 * one priority above the block rules, so a host ruled dangerous after it was let through (the model
 * overruling the quick check, a link judged later, an imported list) is held again before its block
 * rule is written; otherwise the allow rule would outrank it.
 */
import type { BlockList } from './block-list.js';
import type { StrictMode } from './strict-mode.js';

/** `blockList`, revoking strict mode's ways through for every host it rules. */
export function withStrictRevocation(blockList: BlockList, strict: StrictMode | null): BlockList {
  if (strict === null) return blockList;
  return {
    ...blockList,
    async add(host) {
      await strict.revokeHosts([host]);
      await blockList.add(host);
    },
    async addMany(hosts) {
      await strict.revokeHosts(hosts);
      await blockList.addMany(hosts);
    },
    async syncImported(rules) {
      await strict.forgetPassed();
      await blockList.syncImported(rules);
    },
  };
}
