/**
 * Optional on-disk cache of a candidate's scores on one fold. Training is deterministic for a
 * seed, so a rerun that adds a model need not retrain the others: the key covers the model's
 * name and description, the fold, every setting that shapes training and the data files' hashes.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RiskCategory } from '../../core/model/architecture.js';
import type { MemberScores } from './candidate.js';

/** Bump when candidate training or scoring code changes meaning, so stale scores are not reused. */
export const SCORE_CACHE_VERSION = 3; // 2: held-out scores include the sub-domain probe; 3: benign-list runs score a calibration set

/** Cache key for one candidate on one fold. */
export function scoreCacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: SCORE_CACHE_VERSION, ...parts }))
    .digest('hex')
    .slice(0, 24);
}

/** What training and scoring cost when the scores were made (reported with cached scores too). */
export interface CachedCost {
  readonly trainSeconds: number;
  readonly scoreSeconds: number;
  readonly scoredNames: number;
}

interface Header {
  readonly categories: readonly RiskCategory[];
  readonly lengths: readonly number[];
  readonly cost: CachedCost;
}

/** True when scores for `key` are in the cache. */
export async function hasCachedScores(dir: string, key: string): Promise<boolean> {
  try {
    await access(path.join(dir, `${key}.bin`));
    return true;
  } catch {
    return false;
  }
}

/** Reads cached scores, or null when absent. */
export async function readCachedScores(
  dir: string,
  key: string,
): Promise<{ scores: MemberScores; cost: CachedCost } | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, `${key}.bin`));
  } catch {
    return null;
  }
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as Header;
  const start = Math.ceil((4 + headerLength) / 4) * 4;
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length));
  const arrays: Float32Array[] = [];
  let offset = 0;
  for (const n of header.lengths) {
    arrays.push(floats.slice(offset, offset + n));
    offset += n;
  }
  const heads = header.categories.length;
  const scores: MemberScores = {
    categories: header.categories,
    eval: arrays[0]!,
    validation: arrays[1]!,
    evalHeads: arrays.slice(2, 2 + heads),
    validationHeads: arrays.slice(2 + heads, 2 + 2 * heads),
  };
  return { scores, cost: header.cost };
}

/** Writes scores under `key`. */
export async function writeCachedScores(
  dir: string,
  key: string,
  scores: MemberScores,
  cost: CachedCost,
): Promise<void> {
  const arrays = [scores.eval, scores.validation, ...scores.evalHeads, ...scores.validationHeads];
  const header = Buffer.from(
    JSON.stringify({ categories: scores.categories, lengths: arrays.map((a) => a.length), cost } satisfies Header),
    'utf8',
  );
  const start = Math.ceil((4 + header.length) / 4) * 4;
  const total = arrays.reduce((s, a) => s + a.length, 0);
  const out = Buffer.alloc(start + total * 4);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let offset = start;
  for (const a of arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, offset);
    offset += a.byteLength;
  }
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${key}.bin`), out);
}
