// Types for threat-shards.mjs (plain JS so build.mjs can run it under node without tsx).
export declare const THREAT_SHARD_BITS: number;
export declare const THREAT_SHARD_COUNT: number;
/** Package path of shard `index`. */
export declare function threatShardPath(index: number): string;
/** The list file's bytes → one list file per shard. */
export declare function splitThreatList(bytes: Uint8Array): Uint8Array[];
