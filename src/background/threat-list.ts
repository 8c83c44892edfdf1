/**
 * The packaged threat list in the background, read as shards (core/threats/shards.ts): a listed
 * name is answered before the model has loaded, and a starting worker reads only the shards its
 * first names need before it answers them. Chrome also enforces the list with the static DNR
 * ruleset build.mjs writes; the worker's copy gives the reason and the Firefox guard its answer.
 */
import { errorText } from '../core/error-text.js';
import { decodeThreatTable } from '../core/threats/format.js';
import { createShardedThreatList, type ShardedThreatList } from '../core/threats/shards.js';
import { logWarning } from '../platform/log.js';

/** Package path of one shard (as scripts/threat-shards.mjs names them). */
export function threatShardPath(shard: number): string {
  return `threats/shards/${String(shard).padStart(2, '0')}.bin`;
}

/**
 * The list, reading nothing yet: `prepare` reads what a name needs, `loadAll` the rest. A shard
 * that is missing or damaged counts as empty (logged once): the model still judges.
 */
export function packagedThreats(read: (path: string) => Promise<Uint8Array>): ShardedThreatList {
  let warned = false;
  return createShardedThreatList(
    async (shard) => decodeThreatTable(await read(threatShardPath(shard))),
    (shard, error) => {
      if (warned) return;
      warned = true;
      logWarning(`threat list shard ${shard} unavailable, the model judges alone: ${errorText(error)}`);
    },
  );
}
